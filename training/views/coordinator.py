"""The coordinator's pages: overview, diploma register with bulk issue, statistics, the bank."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import Department
from lotsportal.params import int_list_param, int_param
from training import permissions
from training.errors import TrainingError
from training.forms import ImportForm, RevokeForm
from training.interchange import csv_format, moodle_xml
from training.interchange.importer import import_questions
from training.models import Course, Diploma
from training.selectors import coordinator as selectors
from training.services import course as course_services
from training.services import diplomas as diploma_services


def _chosen_course(request) -> Course | None:
    course_id = int_param(request.GET, "kurs") or int_param(request.POST, "kurs")
    courses = selectors.editions()
    if course_id:
        return courses.filter(pk=course_id).first()
    return courses.filter(opens_on__lte=timezone.localdate()).first() or courses.first()


@login_required
def overview(request):
    permissions.require_coordinator(request.user)
    course = _chosen_course(request)
    context = {
        "active_section": "training",
        "course": course,
        "courses": selectors.editions(),
        "departments": selectors.department_overview(course=course) if course else [],
        "pending_count": selectors.pending_activities().count(),
    }
    return render(request, "training/coordinator/overview.html", context)


@login_required
def diplomas(request):
    permissions.require_coordinator(request.user)
    course = _chosen_course(request)
    if request.method == "POST":
        return _bulk_issue(request, course)
    year = int_param(request.GET, "ar", maximum=9999) or (course.year if course else None)
    department_id = int_param(request.GET, "avdelning")
    context = {
        "active_section": "training",
        "course": course,
        "year": year,
        "years": sorted({c.year for c in selectors.editions()}, reverse=True),
        "departments": Department.objects.active(),
        "department_id": department_id,
        "diplomas": selectors.diploma_register(year=year, department_id=department_id)
        if year
        else [],
        "awaiting": selectors.awaiting_diploma(course=course) if course else [],
    }
    return render(request, "training/coordinator/diplomas.html", context)


def _bulk_issue(request, course):
    if course is None:
        raise Http404
    ids = int_list_param(request.POST, "user")
    issued, refused = diploma_services.issue_in_bulk(
        users=get_user_model().objects.filter(pk__in=ids).order_by("full_name"),
        course=course,
        by=request.user,
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


@login_required
def revoke(request, diploma_id):
    permissions.require_coordinator(request.user)
    diploma = get_object_or_404(Diploma.objects.select_related("user", "course"), pk=diploma_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            diploma_services.revoke_diploma(
                diploma=diploma, by=request.user, reason=form.cleaned_data["reason"]
            )
        except TrainingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The diploma is revoked."))
            return redirect("training:diplomas")
    return render(
        request,
        "training/coordinator/revoke.html",
        {"active_section": "training", "diploma": diploma, "form": form},
    )


@login_required
def statistics(request):
    permissions.require_coordinator(request.user)
    course = _chosen_course(request)
    context = {"active_section": "training", "course": course, "courses": selectors.editions()}
    if course:
        context.update(
            questions=selectors.question_statistics(course=course),
            topics=selectors.topic_statistics(course=course),
            weakest=selectors.weakest_topics_per_department(course=course),
        )
    return render(request, "training/coordinator/statistics.html", context)


@login_required
def interchange(request):
    """Import questions (CSV or Moodle XML) into an edition; links to the exports."""
    permissions.require_coordinator(request.user)
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


@login_required
def export(request, fmt):
    permissions.require_coordinator(request.user)
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


@login_required
@require_POST
def copy_edition(request):
    permissions.require_coordinator(request.user)
    course = _chosen_course(request)
    if course is None:
        raise Http404
    try:
        new = course_services.copy_course(source=course, year=course.year + 1, by=request.user)
    except TrainingError as error:
        messages.error(request, error.message)
        return redirect("training:coordinator")
    messages.success(request, _("Created %(course)s.") % {"course": new})
    return redirect(f"{reverse('training:coordinator')}?kurs={new.pk}")
