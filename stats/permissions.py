"""Who may see the statistics, and which cases their figures are computed from.

- Samordnare (the municipality's LOTS coordinators), department leads and administrators may
  open the statistics; a plain lots may not.
- Samordnare and administrators count every case.
- A department lead counts the cases any official may read plus the confidential ones their
  own departments take part in (``cases.permissions.visible_cases``): their breakdowns of other
  departments leave that department's confidential cases out.
- In the lists of late cases, the title and company of a confidential case are shown only to
  those who may read the case itself; others see the number and the dates.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, QuerySet, Value

from accounts import permissions as roles
from cases import permissions as case_permissions
from cases.models import Case


def can_view_statistics(user) -> bool:
    return bool(user is not None and user.is_active) and roles.can_view_statistics(user)


def counts_every_case(user) -> bool:
    return user.is_superuser or roles.is_samordnare(user)


def counted_cases(
    user, queryset: QuerySet[Any] | None = None, *, case: str = "pk"
) -> QuerySet[Any]:
    """The cases this user's figures are computed from.

    Or the rows of ``queryset`` that belong to them, for rows that carry their case's
    ``confidential`` flag and name the case's id ``case`` (``CaseFigures``: "pk",
    ``ReferralFigures``: "case").
    """
    queryset = Case.objects.all() if queryset is None else queryset
    if not can_view_statistics(user):
        return queryset.none()
    if counts_every_case(user):
        return queryset
    return case_permissions.visible_cases(user, queryset, case=case)


def counted_case_figures(user) -> QuerySet:
    """The ``CaseFigures`` rows of the cases :func:`counted_cases` gives: the same condition,
    read from the row's own copy of the case's flag, so the statistics never scan the cases
    to decide."""
    from .models import CaseFigures

    return counted_cases(user, CaseFigures.objects.all())


def counted_referral_figures(user) -> QuerySet:
    """The ``ReferralFigures`` rows of the referrals of the cases :func:`counted_cases` gives."""
    from .models import ReferralFigures

    return counted_cases(user, ReferralFigures.objects.all(), case="case")


def row_is_readable(user, case: str = "pk"):
    """A boolean SQL expression: may the user read the case of this row? For a ``Case`` and
    for the stored figures' rows, which carry their case's ``confidential`` flag (``case`` as
    for :func:`counted_cases`). Read from the row itself, no look-up per row."""
    if user.is_superuser:
        return Value(True)
    return ExpressionWrapper(
        case_permissions.visible_case_condition(user, case=case), output_field=BooleanField()
    )


def case_is_readable(user, case_ref: str = "pk"):
    """A boolean SQL expression: may the user read the case ``case_ref`` points to?

    ``case_ref`` names the case's id on the outer row: "pk" on a Case queryset, "case_id" on
    a Referral queryset.
    """
    if user.is_superuser:
        return Value(True)
    readable = Case.objects.filter(pk=OuterRef(case_ref)).filter(
        case_permissions.visible_case_condition(user)
    )
    return Exists(readable)
