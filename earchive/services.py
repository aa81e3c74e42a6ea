"""Exporting closed cases for the e-archive: the package is written, then recorded on the case.

The package is built outside any transaction (it reads every file of the case); the record on
the case is one short transaction afterwards (``cases.services.archiving``). If recording
fails, the written file is removed, so no package exists that the case does not know of.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cases.models import Case
from cases.services.archiving import check_exportable, record_archive_export

from .package import WrittenPackage, build_package
from .selectors import case_record


def archive_directory() -> Path:
    return Path(settings.EARCHIVE_ROOT)


def export_case_for_archive(
    *, case: Case, by=None, directory: Path | None = None
) -> WrittenPackage:
    """Write ``case`` (closed) as an information package; ``by`` None: the operator's command."""
    check_exportable(case=case, by=by)
    written = build_package(case_record(case.pk), directory=directory or archive_directory())
    try:
        record_archive_export(
            case=case, by=by, package=written.package_id, sha256=written.sha256, size=written.size
        )
    except Exception:
        written.path.unlink(missing_ok=True)
        raise
    return written
