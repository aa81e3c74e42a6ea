"""What ``cases`` adds to the portal's shared pages: the header search and the start-page tiles.

Registered from ``CasesConfig.ready()`` with ``lotsportal.search`` and ``lotsportal.tiles``
(the portal package knows no app's models). Both read through ``visible_cases``, so they show
what the case list shows, and cost a fixed number of queries.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import permissions as roles
from lotsportal.search import ProviderAnswer, SearchHit, SearchProvider
from lotsportal.tiles import CountTile

from .models import Referral
from .pagination import capped_counts
from .permissions import visible_cases
from .selectors import (
    SAVED_FILTERS_SHOWN,
    case_rows,
    saved_filter_querysets,
    search_cases,
    usable_saved_filters,
)
from .workflow import CaseStatus, ReferralStatus

TILE_CAP = 99  # a tile says "99+" above this: enough to know the pile is large


def find_cases(user, text: str, limit: int) -> ProviderAnswer:
    """Cases by number, company name or org.nr (the case list's search), newest first; an
    exact case number goes straight to its case. Two queries."""
    exact = visible_cases(user).filter(number__iexact=text).values_list("pk", flat=True).first()
    rows = list(search_cases(case_rows(user), text).order_by("-created_at", "-pk")[:limit])
    return ProviderAnswer(
        hits=[
            SearchHit(
                title=f"{case.number} {case.title}",
                url=reverse("cases:detail", args=[case.pk]),
                detail=" · ".join(
                    part
                    for part in (
                        case.company.name,
                        case.company.org_number,
                        case.get_status_display(),
                    )
                    if part
                ),
            )
            for case in rows
        ],
        exact_url=reverse("cases:detail", args=[exact]) if exact else "",
        more_url=reverse("cases:list") + "?" + urlencode({"q": text}),
    )


CASE_SEARCH = SearchProvider(
    key="cases",
    label=_("Cases"),
    find=find_cases,
    visible=lambda user: getattr(user, "is_authenticated", False),
    order=10,
)


def _tile_querysets(user) -> dict[str, QuerySet]:
    today = timezone.localdate()
    mine = visible_cases(user).filter(coordinator=user)
    return {
        "new_referrals": Referral.objects.filter(
            department_id__in=roles.department_ids(user),
            status=ReferralStatus.SENT,
            case__in=visible_cases(user),
        ),
        "overdue": mine.filter(
            status__in=[CaseStatus.NEW, CaseStatus.OPEN], due_date__lt=today
        ),  # as ``CaseQuerySet.overdue``: a case waiting for the business has its clock paused
        "waiting": mine.filter(status__in=[CaseStatus.NEW, CaseStatus.OPEN]),
    }


def start_page_tiles(user) -> list[CountTile]:
    """New referrals to my departments, my overdue cases, and cases waiting for me (I
    coordinate them and the next step is mine, not the business's), then my saved filters and
    those shared with my departments ("Mina filter", at most ``SAVED_FILTERS_SHOWN``): all
    counted in one statement (plus the filters, and one query per drop-down they use)."""
    if not getattr(user, "is_authenticated", False) or not roles.is_official(user):
        return []
    saved_filters = list(usable_saved_filters(user)[:SAVED_FILTERS_SHOWN])
    counts = capped_counts(
        {**_tile_querysets(user), **saved_filter_querysets(user, saved_filters)}, cap=TILE_CAP
    )
    my_work = reverse("cases:my_work")
    mine = reverse("cases:list") + "?" + urlencode({"coordinator": user.pk, "overdue": "true"})
    return [
        CountTile(
            key="new_referrals",
            label=_("New referrals to my department"),
            count=counts["new_referrals"],
            url=my_work + "#incoming-heading",
            cap=TILE_CAP,
        ),
        CountTile(
            key="overdue",
            label=_("My overdue cases"),
            count=counts["overdue"],
            url=mine,
            cap=TILE_CAP,
        ),
        CountTile(
            key="waiting",
            label=_("Cases waiting for me"),
            count=counts["waiting"],
            url=my_work + "#mine-heading",
            cap=TILE_CAP,
        ),
        *(
            CountTile(
                key=f"saved-{saved.pk}",
                label=saved.name,
                count=counts[f"saved-{saved.pk}"],
                url=reverse("cases:saved_filter_open", args=[saved.pk]),
                cap=TILE_CAP,
            )
            for saved in saved_filters
        ),
    ]
