"""Uploading attachments and serving them only to those who may see the case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, selectors
from ..models import Attachment
from ..permissions import visible_cases
from ..services.attachments import add_attachment
from .actions import run_action


@login_required
@require_POST
def upload(request, pk: int):
    case = selectors.get_visible_case(request.user, pk)
    return run_action(
        request,
        pk,
        form=forms.UploadForm(request.POST, request.FILES),
        key="upload",
        action=lambda d: add_attachment(case=case, by=request.user, uploaded_file=d["file"]),
        success=_("The file is attached."),
    )


@login_required
def download(request, pk: int):
    attachment = Attachment.objects.filter(pk=pk, case__in=visible_cases(request.user)).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


def attachment_response(attachment: Attachment) -> FileResponse:
    """A stored file as a download that a browser never renders (the portal and the API)."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
