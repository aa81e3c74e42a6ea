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

from django.db.models import Exists, OuterRef, QuerySet, Value

from accounts import permissions as roles
from cases import permissions as case_permissions
from cases.models import Case


def can_view_statistics(user) -> bool:
    return bool(user is not None and user.is_active) and roles.can_view_statistics(user)


def counts_every_case(user) -> bool:
    return user.is_superuser or roles.is_samordnare(user)


def counted_cases(user, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """The cases this user's figures are computed from."""
    queryset = Case.objects.all() if queryset is None else queryset
    if not can_view_statistics(user):
        return queryset.none()
    if counts_every_case(user):
        return queryset
    return case_permissions.visible_cases(user, queryset)


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
