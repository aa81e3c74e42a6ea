"""Files the business sends: the same rules and storage as inside (cases.services.attachments)."""

from __future__ import annotations

from cases.models import Attachment, Case
from cases.services.attachments import store_attachment, validate_upload

MAX_FILES = 5

# Forms check each file before anything is written, with the cases rules.
check_upload = validate_upload


def store_business_attachment(*, case: Case, uploaded_file) -> Attachment:
    """Call inside the caller's transaction, with the case row locked."""
    return store_attachment(case=case, uploaded_file=uploaded_file, by=None, from_business=True)
