"""The satisfaction survey (NKI): invitations, reminders and the business's one answer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cases.models import Case
from cases.workflow import FINISHED_CASE_STATUSES, CaseStatus

from .. import emails
from ..errors import SurveyAlreadyAnswered
from ..models import FACTOR_FIELDS, SCORE_FIELDS, SubmittedForm, SurveyInvitation, SurveyResponse
from ..tokens import hash_token, survey_token, survey_token_of, survey_url
from .once import claim_once_key

MAX_REMINDERS = 3


def business_address(case: Case) -> str:
    """Where the business is written to: its contact person's address, else the address it
    gave on the public form (a new address for a known company is not in the register)."""
    if case.contact and case.contact.email:
        return case.contact.email
    details = getattr(case, "intake_details", None)
    return details.contact_email_given if details is not None else ""


def _finished_before(moment: datetime) -> Q:
    return Q(status=CaseStatus.CLOSED, closed_at__lte=moment) | Q(
        status=CaseStatus.DECIDED, decided_at__lte=moment
    )


@transaction.atomic
def invite_case(*, case: Case, now: datetime | None = None) -> SurveyInvitation | None:
    """Invite the business of one finished case (once). None when there is no one to ask."""
    now = now or timezone.now()
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("contact", "company", "case_type", "lead_department", "intake_details")
        .get(pk=case.pk)
    )
    to = business_address(case)
    if case.status not in FINISHED_CASE_STATUSES or not to:
        return None
    if SurveyInvitation.objects.filter(case=case).exists():
        return None
    token = survey_token(case.pk)
    invitation = SurveyInvitation.objects.create(
        case=case, token_hash=hash_token(token), first_sent_at=now
    )
    emails.send_survey(case=case, to=to, survey_url=survey_url(token))
    return invitation


@transaction.atomic
def remind(*, invitation: SurveyInvitation, now: datetime | None = None) -> bool:
    """Send the next reminder if it is due and the survey is still unanswered."""
    now = now or timezone.now()
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("case", "case__contact", "case__company", "case__case_type")
        .select_related("case__lead_department", "case__intake_details")
        .get(pk=invitation.pk)
    )
    days = list(settings.SURVEY_REMINDER_DAYS)[:MAX_REMINDERS]
    sent = invitation.reminders_sent
    case = invitation.case
    if sent >= len(days) or invitation.first_sent_at is None:
        return False
    if SurveyResponse.objects.filter(case=case).exists():
        return False
    to = business_address(case)
    if case.status not in FINISHED_CASE_STATUSES or not to:
        return False
    if now < invitation.first_sent_at + timedelta(days=days[sent]):
        return False
    invitation.reminders_sent = sent + 1
    # The reminder repeats the link the business already has, also after SECRET_KEY was
    # rotated while the old key is still among the fallbacks. Once it is gone, the link
    # cannot be rebuilt: the reminder brings a new one (the earlier e-mails' link then stops).
    token = survey_token_of(invitation)
    if token is None:
        token = survey_token(case.pk)
        invitation.token_hash = hash_token(token)
    invitation.save(update_fields=["reminders_sent", "token_hash"])
    emails.send_survey(case=case, to=to, survey_url=survey_url(token), reminder=sent + 1)
    return True


def send_survey_invitations(*, now: datetime | None = None) -> tuple[int, int]:
    """The periodic sweep: invite what is due, then remind. Safe to run twice."""
    now = now or timezone.now()
    due = now - timedelta(hours=settings.SURVEY_DELAY_HOURS)
    to_invite = (
        Case.objects.filter(_finished_before(due), survey_invitation__isnull=True)
        .filter(Q(contact__email__gt="") | Q(intake_details__contact_email_given__gt=""))
        .values_list("pk", flat=True)
    )
    invited = sum(1 for pk in list(to_invite) if invite_case(case=Case(pk=pk), now=now))
    open_invitations = SurveyInvitation.objects.filter(
        case__survey_response__isnull=True,
        reminders_sent__lt=min(len(settings.SURVEY_REMINDER_DAYS), MAX_REMINDERS),
    ).values_list("pk", flat=True)
    reminded = sum(
        1 for pk in list(open_invitations) if remind(invitation=SurveyInvitation(pk=pk), now=now)
    )
    return invited, reminded


@transaction.atomic
def answer_survey(
    *,
    invitation: SurveyInvitation,
    scores: Mapping[str, int | str | None],
    comment: str = "",
    scale_max: int,
    once_key: str | None = None,
) -> SurveyResponse:
    """One answer per case; a second is refused with a clear message.

    ``once_key``: the survey form's one-time key. The same form sent again stores nothing and
    returns the answer it stored the first time.
    """
    for name in SCORE_FIELDS:
        if scores[name] is None and name in FACTOR_FIELDS:
            continue  # "don't know"
        if not 1 <= int(scores[name]) <= scale_max:  # type: ignore[arg-type]
            raise ValueError(f"{name} is off the 1..{scale_max} scale")
    claim = claim_once_key(key=once_key, form=SubmittedForm.SURVEY, case=invitation.case)
    if claim is not None and claim.replayed:
        return SurveyResponse.objects.get(case_id=invitation.case_id)
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if SurveyResponse.objects.filter(case_id=invitation.case_id).exists():
        raise SurveyAlreadyAnswered()
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                case_id=invitation.case_id,
                scale_max=scale_max,
                comment=comment.strip(),
                answered_at=timezone.now(),
                **{name: _score(scores[name]) for name in SCORE_FIELDS},
            )
    except IntegrityError:
        raise SurveyAlreadyAnswered() from None


def _score(value: int | str | None) -> int | None:
    return None if value is None else int(value)
