"""The coordinator's pages: overview, diploma register with bulk issue, statistics, the bank.

Each calls one page selector (which refuses anyone but the coordinator) or one service."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from lotsportal.params import int_list_param
from training.errors import TrainingError
from training.forms import CoordinatorFilterForm, ImportForm, RevokeForm
from training.interchange import csv_format, moodle_xml
from training.interchange.importer import import_questions
from training.models import Course
from training.selectors import coordinator_pages as pages
from training.selectors import review as review_pages
from training.services import course as course_services
from training.services import diplomas as diploma_services

from ._http import SignedInRequest, page_context, signed_in


def _filters(request: SignedInRequest) -> dict[str, int | None]:
    return CoordinatorFilterForm.read(request.GET, request.POST)


def _chosen_course(request: SignedInRequest) -> Course | None:
    return pages.chosen_course(by=request.user, course_id=_filters(request)["kurs"])


@signed_in
def overview(request: SignedInRequest) -> HttpResponse:
    page = pages.overview_page(by=request.user, course_id=_filters(request)["kurs"])
    return render(request, "training/coordinator/overview.html", page_context(page))


@signed_in
def diplomas(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        return _bulk_issue(request, _chosen_course(request))
    chosen = _filters(request)
    page = pages.diplomas_page(
        by=request.user,
        course_id=chosen["kurs"],
        year=chosen["ar"],
        department_id=chosen["avdelning"],
    )
    return render(request, "training/coordinator/diplomas.html", page_context(page))


def _bulk_issue(request: SignedInRequest, course: Course | None) -> HttpResponse:
    if course is None:
        raise Http404
    ids = int_list_param(request.POST, "user")
    issued, refused = diploma_services.issue_in_bulk(
        users=pages.participants(by=request.user, user_ids=ids), course=course, by=request.user
    )
    if issued:
        messages.success(
            request,
            ngettext(
                "%(count)s diploma is being issued.", "%(count)s diplomas are being issued.", issued
            )
            % {"count": issued},
        )
    for message in refused:
        messages.error(request, message)
    if not ids:
        messages.error(request, _("Choose at least one participant."))
    return redirect(f"{request.path}?kurs={course.pk}")


@signed_in
def revoke(request: SignedInRequest, diploma_id: int) -> HttpResponse:
    diploma = pages.diploma_for_revoking(by=request.user, diploma_id=diploma_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            diploma_services.revoke_diploma(
                diploma=diploma, by=request.user, reason=form.cleaned_data["reason"]
            )
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The diploma is revoked."))
            return redirect("training:diplomas")
    return render(
        request,
        "training/coordinator/revoke.html",
        {"active_section": "training", "diploma": diploma, "form": form},
    )


@signed_in
def statistics(request: SignedInRequest) -> HttpResponse:
    page = pages.statistics_page(by=request.user, course_id=_filters(request)["kurs"])
    return render(request, "training/coordinator/statistics.html", page_context(page))


@signed_in
def review_due(request: SignedInRequest) -> HttpResponse:
    page = review_pages.review_due_page(by=request.user, course_id=_filters(request)["kurs"])
    return render(request, "training/coordinator/review_due.html", page_context(page))


@signed_in
def interchange(request: SignedInRequest) -> HttpResponse:
    """Import questions (CSV or Moodle XML) into an edition; links to the exports."""
    course = _chosen_course(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        if course is None:  # the edition was removed meanwhile: nothing to import into
            raise Http404
        report = import_questions(upload=form.cleaned_data["file"], course=course, by=request.user)
        if report.ok:
            text = ngettext(
                "%(count)s question imported",
                "%(count)s questions imported",
                report.imported,
            ) % {"count": report.imported}
            messages.success(
                request,
                _("%(imported)s; %(updated)s changed, %(unchanged)s unchanged.")
                % {"imported": text, "updated": report.updated, "unchanged": report.unchanged},
            )
            return redirect(f"{request.path}?kurs={course.pk}")
    return render(
        request,
        "training/coordinator/interchange.html",
        {"active_section": "training", "course": course, "form": form, "report": report},
    )


@signed_in
def export(request: SignedInRequest, fmt: str) -> HttpResponse:
    course = _chosen_course(request)
    if course is None or fmt not in ("csv", "xml"):
        raise Http404
    if fmt == "csv":
        body, content_type = csv_format.export_course(course), "text/csv; charset=utf-8"
    else:
        body, content_type = moodle_xml.export_course(course), "application/xml; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="lots-{course.year}.{fmt}"'
    return response


@signed_in
@require_http_methods(["GET", "POST"])
def copy_edition(request: SignedInRequest) -> HttpResponse:
    if request.method == "GET":
        # The address of the "copy to next year" button, opened: the page the button is on.
        return redirect("training:coordinator")
    course = _chosen_course(request)
    if course is None:
        raise Http404
    try:
        new = course_services.copy_course(source=course, year=course.year + 1, by=request.user)
    except TrainingError as error:
        messages.error(request, str(error))
        return redirect("training:coordinator")
    messages.success(request, _("Created %(course)s.") % {"course": new})
    return redirect(f"{reverse('training:coordinator')}?kurs={new.pk}")
