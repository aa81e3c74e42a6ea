"""Who may see the satisfaction figures and the comments.

The business itself needs no account: its pages are opened by an unguessable link.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts import permissions as roles
from cases.models import Attachment, Case, MessageDirection, Referral
from cases.permissions import can_add_note, visible_cases

from .models import SurveyResponse


def can_view_satisfaction(user) -> bool:
    """NKI and factor scores with their bands: the LOTS samordnare (and administrators), and
    department leads, who see the same NKI on the statistics page."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or roles.is_samordnare(user) or roles.is_department_lead(user)


def satisfaction_responses(
    user, queryset: QuerySet[SurveyResponse] | None = None
) -> QuerySet[SurveyResponse]:
    """The answers the NKI page counts for ``user``: every answer for samordnare and
    administrators; for a department lead those of the cases they may read, as the
    statistics page counts them (a confidential case only where their departments take part).
    """
    queryset = SurveyResponse.objects.all() if queryset is None else queryset
    if not can_view_satisfaction(user):
        return queryset.none()
    if user.is_superuser or roles.is_samordnare(user):
        return queryset
    return queryset.filter(case__in=visible_cases(user))


def can_view_comments(user) -> bool:
    """Any official; the list itself is limited to the cases of the user's departments."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return roles.is_official(user)


def visible_survey_responses(
    user, queryset: QuerySet[SurveyResponse] | None = None
) -> QuerySet[SurveyResponse]:
    """The answers (and comments) of the cases the user's departments lead or were routed;
    samordnare see those of every case they may read (a confidential case only where they take
    part). The comments page and the admin both use it."""
    queryset = SurveyResponse.objects.all() if queryset is None else queryset
    if not can_view_comments(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if roles.is_samordnare(user):
        return queryset.filter(case__in=visible_cases(user))
    departments = roles.department_ids(user)
    routed = Referral.objects.filter(case=OuterRef("case"), department_id__in=departments)
    return queryset.filter(Q(case__lead_department_id__in=departments) | Q(Exists(routed)))


def files_for_business(case: Case) -> QuerySet[Attachment]:
    """The files a case's tracking page offers: those the business sent and those sent to it
    with a message. An official's file without a message is internal and never among them."""
    return Attachment.objects.filter(case=case).filter(
        Q(from_business=True) | Q(message__direction=MessageDirection.TO_BUSINESS)
    )


def can_ask_outside_party(user, case: Case) -> bool:
    """Sending a question to an outside party, seeing the questions and withdrawing a link:
    every official who takes part in the case (as for an internal note)."""
    return user is not None and user.is_authenticated and can_add_note(user, case)
