"""The business owner's pages (no account) and the staff's satisfaction pages. Thin views."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cases import selectors as case_selectors
from cases.errors import CaseError
from cases.models import Case
from cases.views.attachments import attachment_response
from cases.views.detail import render_detail
from lotsportal.public_forms import (
    RATE_LIMITED_MESSAGE,
    accepted_sends_used_up,
    count_accepted_send,
    is_rate_limited,
    keep_on_unavailable_page,
)

from . import permissions, selectors
from .errors import PublicError, SurveyAlreadyAnswered
from .forms import DONT_KNOW, IntakeForm, ReplyForm, ResendLinkForm, SurveyForm
from .link_pages import link_not_found, open_link
from .nki import INSIKT_AREAS
from .services.contacts import register_given_contact
from .services.merged import link_to_kept_case
from .services.replies import reply_from_business, resend_tracking_links
from .services.submissions import submit_matter
from .services.survey import answer_survey
from .tokens import tracking_url

RECEIPT_COOKIE = "lots_receipt"
RECEIPT_MAX_AGE = 3600  # seconds the receipt page can be reloaded


def _rate_limited(request, form, template, context=None):
    form.add_error(None, RATE_LIMITED_MESSAGE)
    return render(request, template, {"form": form, **(context or {})}, status=429)


@require_http_methods(["GET", "POST"])
def intake(request):
    template = "public/intake.html"
    if request.method != "POST":
        chosen = request.GET.get("case_type", "")
        return render(request, template, {"form": IntakeForm(initial={"case_type": chosen})})
    if "show_questions" in request.POST:
        # Without JavaScript: the chosen matter's questions, with everything typed kept and
        # no errors yet (nothing is sent).
        kept = {key: request.POST.get(key) for key in request.POST if key != "once_key"}
        return render(request, template, {"form": IntakeForm(initial=kept)})
    form = IntakeForm(request.POST, request.FILES)
    keep_on_unavailable_page(request, form)
    # Every send counts against the wide limit (against bots); only accepted matters count
    # against the business's own limit, so a send refused for a mistake costs nothing.
    if is_rate_limited(
        request, group="intake", rate=settings.PUBLIC_INTAKE_ATTEMPT_RATE
    ) or accepted_sends_used_up(request, group="intake", rate=settings.PUBLIC_INTAKE_RATE):
        form.is_valid()
        return _rate_limited(request, form, template)
    if not form.is_valid():
        return render(request, template, {"form": form})
    data = form.cleaned_data
    try:
        submitted = submit_matter(
            org_number=data["org_number"],
            company_name=data["company_name"],
            contact_name=data["contact_name"],
            email=data["email"],
            phone=data["phone"],
            case_type=data["case_type"],
            description=data["description"],
            preferred_contact=data["preferred_contact"],
            files=data["attachments"],
            answers=form.answers(),
            once_key=data["once_key"],
        )
    except CaseError as error:
        form.add_error(None, error.message)
        return render(request, template, {"form": form})
    count_accepted_send(request, group="intake", rate=settings.PUBLIC_INTAKE_RATE)
    # The raw token goes to the business's browser (a signed, short-lived cookie), never to
    # the database: only its hash is stored. The same form sent again (a double click, a
    # replay) gets the same receipt: the same case and link, nothing stored twice.
    response = redirect("public:receipt")
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        f"{submitted.case.pk}:{submitted.token}",
        salt=RECEIPT_COOKIE,
        max_age=RECEIPT_MAX_AGE,
        path=reverse("public:receipt"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@never_cache
def receipt(request):
    stored = request.get_signed_cookie(
        RECEIPT_COOKIE, default="", salt=RECEIPT_COOKIE, max_age=RECEIPT_MAX_AGE
    )
    case_id, _sep, token = stored.partition(":")
    case = None
    if case_id.isdigit():
        case = (
            Case.objects.select_related("case_type", "lead_department", "contact")
            .filter(pk=int(case_id))
            .first()
        )
    if case is None:
        return redirect("public:intake")
    return render(
        request,
        "public/receipt.html",
        {"case": case, "tracking_url": tracking_url(token) if token else ""},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, token: str):
    link = open_link(
        request,
        token,
        form_class=ReplyForm,
        look_up=selectors.case_for_tracking_token,
        rate_group="reply",
        rate=settings.PUBLIC_REPLY_RATE,
        send=lambda case, data: reply_from_business(
            case=case, body=data["body"], files=data["attachments"], once_key=data["once_key"]
        ),
        thanks=_("Thank you. Your reply has been added to the case."),
    )
    if link is None:
        return link_not_found(request)
    if link.taken:
        return redirect(reverse("public:track", args=[token]) + "#timeline")
    case, form, status = link.found, link.form, link.status
    page = selectors.tracking_page(case)
    kept = link_to_kept_case(case=case, raw_token=token)
    context = {"page": page, "form": form, "token": token, "kept": kept}
    return render(request, "public/track.html", context, status=status)


@never_cache
def track_file(request, token: str, pk: int):
    """A file of the case behind the link: one the business sent or one sent to it with a
    message, through the portal's one download response. Anything else is a 404."""
    try:
        case = selectors.case_for_tracking_token(token)
        attachment = selectors.file_for_business(case, pk)
    except Http404:
        return link_not_found(request)
    return attachment_response(attachment)


@require_http_methods(["GET", "POST"])
def resend_link(request):
    template = "public/resend_link.html"
    if request.method != "POST":
        return render(request, template, {"form": ResendLinkForm()})
    form = ResendLinkForm(request.POST)
    keep_on_unavailable_page(request, form)
    if is_rate_limited(request, group="link", rate=settings.PUBLIC_LINK_RATE):
        form.is_valid()
        return _rate_limited(request, form, template)
    if not form.is_valid():
        return render(request, template, {"form": form})
    resend_tracking_links(email=form.cleaned_data["email"])
    return render(request, "public/resend_link_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, token: str):
    scale_max = settings.NKI_SCALE_MAX
    posted = request.method == "POST"
    form = SurveyForm(request.POST if posted else None, scale_max=scale_max)
    if posted:
        keep_on_unavailable_page(request, form)
    try:
        invitation = selectors.invitation_for_survey_token(token)
    except Http404:
        return link_not_found(request)
    context = {"case": invitation.case, "scale_max": scale_max, "dont_know": DONT_KNOW}
    answered = hasattr(invitation.case, "survey_response")
    # A valid send goes to the service even on an answered survey: the same form sent again
    # (its one-time key) shows the same thank-you page; another form is refused below.
    if posted and form.is_valid():
        try:
            answer_survey(
                invitation=invitation,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                scale_max=scale_max,
                once_key=form.cleaned_data["once_key"],
            )
        except SurveyAlreadyAnswered as error:
            if answered:
                return render(request, "public/survey_done.html", {**context, "already": True})
            form.add_error(None, error.message)
            return render(request, "public/survey.html", {**context, "form": form}, status=409)
        except PublicError as error:  # e.g. a key sent before with another case's survey
            form.add_error(None, error.message)
            return render(request, "public/survey.html", {**context, "form": form}, status=409)
        return render(request, "public/survey_done.html", context)
    if answered:
        return render(request, "public/survey_done.html", {**context, "already": True})
    return render(request, "public/survey.html", {**context, "form": form})


@login_required
def satisfaction(request):
    if not permissions.can_view_satisfaction(request.user):
        raise PermissionDenied
    period = request.GET.get("period") if request.GET.get("period") in ("month",) else "quarter"
    page = selectors.satisfaction_page(user=request.user, period=period)
    return render(
        request,
        "public/satisfaction.html",
        {
            "page": page,
            "period": period,
            "min_answers": settings.NKI_MIN_ANSWERS,
            "min_answers_public": settings.NKI_MIN_ANSWERS_PUBLIC,
            "scale_max": settings.NKI_SCALE_MAX,
            "insikt_areas": INSIKT_AREAS,
            "active_section": "satisfaction",
        },
    )


@login_required
def comments(request):
    if not permissions.can_view_comments(request.user):
        raise PermissionDenied
    responses = list(selectors.survey_comments(request.user)[:200])
    return render(
        request,
        "public/comments.html",
        {"responses": responses, "active_section": "stats"},
    )


@login_required
@require_POST
def register_contact(request, pk: int):
    """The button by the contact the business gave, on the case page (``public/hooks.py``)."""
    case = case_selectors.get_visible_case(request.user, pk)
    try:
        register_given_contact(case=case, by=request.user)
    except CaseError as error:
        messages.error(request, str(error))
        detail = case_selectors.case_detail(request.user, pk)
        return render_detail(request, detail, status=400)
    messages.success(
        request, _("The contact person is in the company register and is the case's contact.")
    )
    return redirect("cases:detail", pk)
