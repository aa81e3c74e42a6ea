"""A closed case written out for the e-archive: the export is recorded on its timeline.

The package itself is built by the app that knows the archive's formats (``earchive``); this
is the one write it makes on the case, so the case shows when, by whom and as which package it
was delivered.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import events, permissions
from ..errors import CaseError, NotPermitted
from ..models import Case
from ..workflow import CaseStatus
from .cases import lock_case
from .events import record


class NotClosed(CaseError):
    default_message = _("Only a closed case can be exported for the e-archive.")


def check_exportable(*, case: Case, by) -> None:
    if by is not None and not permissions.can_export_for_archive(by):
        raise NotPermitted()
    if case.status != CaseStatus.CLOSED:
        raise NotClosed()


@transaction.atomic
def record_archive_export(*, case: Case, by, package: str, sha256: str, size: int) -> Case:
    """``by``: the administrator, or None for the management command run by the operator."""
    case = lock_case(case)
    check_exportable(case=case, by=by)
    record(events.archive_exported(case=case, package=package, sha256=sha256, size=size, actor=by))
    return case
