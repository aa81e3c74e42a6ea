"""The admin's "export for the e-archive" action on the list of cases (added through
``cases.hooks``): one case downloads its package; several are written to EARCHIVE_ROOT."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from cases.errors import CaseError

from .services import export_case_for_archive


@admin.action(description=_("Export for the e-archive (FGS/E-ARK package)"), permissions=["export"])
def export_for_archive(modeladmin, request, queryset):
    written, refused = [], []
    for case in queryset.order_by("pk"):
        try:
            written.append((case, export_case_for_archive(case=case, by=request.user)))
        except CaseError as error:
            refused.append(f"{case.number}: {error.message}")
    for text in refused:
        modeladmin.message_user(request, text, messages.WARNING)
    if len(written) == 1 and not refused:
        _case, package = written[0]
        return FileResponse(package.path.open("rb"), as_attachment=True, filename=package.path.name)
    for case, package in written:
        modeladmin.message_user(
            request,
            _("%(number)s: package %(package)s written.")
            % {"number": case.number, "package": package.path.name},
            messages.SUCCESS,
        )
    return None
