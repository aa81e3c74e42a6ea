"""Files the business sends. Same content checks as inside (cases.services.attachments)."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cases.errors import AttachmentRejected
from cases.models import Attachment, Case, EventKind
from cases.services.attachments import EXTENSIONS, detect_type, sanitise_name
from cases.services.events import record_event

MAX_FILES = 5


def check_upload(uploaded_file) -> tuple[bytes, str]:
    """The content and its detected type, or ``AttachmentRejected`` (the cases rules)."""
    limit = settings.CASE_ATTACHMENT_MAX_BYTES
    if uploaded_file.size > limit:
        raise AttachmentRejected(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(limit)}
        )
    uploaded_file.seek(0)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    if not content:
        raise AttachmentRejected(_("The file is empty."))
    content_type = detect_type(content)
    if content_type not in settings.CASE_ATTACHMENT_ALLOWED_TYPES:
        raise AttachmentRejected(
            _(
                "This kind of file is not accepted. Accepted: PDF, PNG, JPEG, Word (docx), "
                "Excel (xlsx), OpenDocument and plain text. The type is read from the "
                "content, not from the file name."
            )
        )
    return content, content_type


def store_business_attachment(*, case: Case, uploaded_file) -> Attachment:
    """Call inside the caller's transaction, with the case row locked."""
    content, content_type = check_upload(uploaded_file)
    original_name = sanitise_name(uploaded_file.name)
    attachment = Attachment(
        case=case,
        original_name=original_name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=None,
        from_business=True,
    )
    attachment.file.save(
        f"{uuid.uuid4().hex}{EXTENSIONS.get(content_type, '')}", ContentFile(content), save=False
    )
    try:
        attachment.save()
        record_event(
            case=case,
            kind=EventKind.ATTACHMENT_ADDED,
            actor=None,
            payload={
                "attachment": attachment.pk,
                "name": original_name,
                "size": len(content),
                "from_business": True,
            },
        )
    except Exception:
        attachment.file.delete(save=False)  # no file without its row
        raise
    return attachment
