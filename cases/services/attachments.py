"""Attachments: the type is read from the content, never from the name or the browser."""

from __future__ import annotations

import hashlib
import os
import uuid

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from .. import events, permissions
from ..errors import AttachmentRejected, NotPermitted
from ..models import Attachment, Case, Message
from .cases import lock_case
from .events import record

MAX_NAME_LENGTH = 100

# Extensions the stored file gets, by detected type.
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "text/plain": ".txt",
}


def detect_type(content: bytes) -> str | None:
    kind = filetype.guess(content)
    if kind is not None:
        return kind.mime
    # Plain text has no magic number: accept it only when it is clean UTF-8 without NUL.
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def sanitise_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/"))
    try:
        clean = get_valid_filename(base)
    except Exception:  # noqa: BLE001 - Django raises SuspiciousFileOperation for '' and '..'
        clean = "bilaga"
    stem, ext = os.path.splitext(clean)
    return (stem[: MAX_NAME_LENGTH - len(ext[:10])] + ext[:10]) or "bilaga"


def validate_upload(uploaded_file) -> tuple[bytes, str]:
    """The file's content and its type read from the bytes, or ``AttachmentRejected``.

    The one place the attachment rules live: size limit, not empty, allowed type.
    """
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
    if content_type is None or content_type not in settings.CASE_ATTACHMENT_ALLOWED_TYPES:
        raise AttachmentRejected(
            _(
                "This kind of file is not accepted. Accepted: PDF, PNG, JPEG, Word (docx), "
                "Excel (xlsx), OpenDocument and plain text. The type is read from the "
                "content, not from the file name."
            )
        )
    return content, content_type


def store_attachment(
    *, case: Case, uploaded_file, by, from_business: bool, message: Message | None = None
) -> Attachment:
    """Validate, store and record a file. Call inside a transaction with the case locked.

    ``message``: the message to the business the file goes with (the business may download it).
    """
    content, content_type = validate_upload(uploaded_file)
    original_name = sanitise_name(uploaded_file.name)
    attachment = Attachment(
        case=case,
        original_name=original_name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=by,
        from_business=from_business,
        message=message,
    )
    stored_name = f"{uuid.uuid4().hex}{EXTENSIONS.get(content_type, '')}"
    attachment.file.save(stored_name, ContentFile(content), save=False)
    try:
        attachment.save()
        record(events.attachment_added(attachment=attachment, actor=by))
    except Exception:
        attachment.file.delete(save=False)  # no file without its row
        raise
    return attachment


@transaction.atomic
def add_attachment(*, case: Case, by, uploaded_file, from_business: bool = False) -> Attachment:
    """An official adds a file to a case."""
    case = lock_case(case)
    if not permissions.can_upload(by, case):
        raise NotPermitted()
    return store_attachment(
        case=case, uploaded_file=uploaded_file, by=by, from_business=from_business
    )
