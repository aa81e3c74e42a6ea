"""Keeping ``CaseFigures`` and ``ReferralFigures`` up to date.

Freshness rule: a case's figures are written in the transaction of every change of the case.
Every change of a case records an event (CONVENTIONS rule 2), and
``cases.services.events.record`` tells the ``cases.hooks`` change listeners after saving it;
:func:`case_changed` (registered in ``StatsConfig.ready``) then recomputes the figures of the
case and of its referrals from the rows as saved, with the same SQL definitions
(``stats.figures``) that the statistics used to evaluate per request. So a figure is never
older than the case it describes, and no nightly job is needed to keep it right.

Rows written without the services (the bench generator's ``bulk_create``, the demo archive,
data from before this table) have no figures until :func:`rebuild_case_figures` runs; until
then the statistics compute them on the fly, with the same answer, only slower. Run the
rebuild (``manage.py rebuild_case_figures``) after loading data in bulk and after the
calendar changed (``rebuild_workday_calendar`` does it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from cases.models import Case, Referral

from ..calendar_table import ensure_calendar
from ..figures import (
    CASE_COLUMNS,
    CASE_FIGURES,
    REFERRAL_COLUMNS,
    REFERRAL_FIGURES,
    case_figure,
    forget_figures_complete,
    referral_figure,
    with_case_dates,
    with_referral_dates,
)
from ..models import CaseFigures, ReferralFigures

DEFAULT_BATCH_SIZE = 2000


def refresh_case_figures(case_ids: Iterable[int]) -> int:
    """Compute and store the figures of these cases (one read, one upsert); returns the count."""
    ids = list(case_ids)
    if not ids:
        return 0
    rows = (
        with_case_dates(Case.objects.using(DEFAULT_DB_ALIAS).filter(pk__in=ids))
        .annotate(**{f"figure_{name}": case_figure(name) for name in CASE_FIGURES})
        .values_list("pk", *(f"figure_{name}" for name in CASE_FIGURES), *CASE_COLUMNS)
        .order_by()
    )
    now = timezone.now()
    names = (*CASE_FIGURES, *CASE_COLUMNS)
    figures = [
        CaseFigures(case_id=pk, computed_at=now, **dict(zip(names, values, strict=True)))
        for pk, *values in rows
    ]
    CaseFigures.objects.bulk_create(
        figures,
        update_conflicts=True,
        unique_fields=["case"],
        update_fields=[*CASE_FIGURES, *_field_names(CASE_COLUMNS), "computed_at"],
    )
    return len(figures)


def _field_names(columns: Iterable[str]) -> list[str]:
    return [column.removesuffix("_id") for column in columns]


def refresh_referral_figures(*, case_ids: Iterable[int]) -> int:
    """Compute and store the figures of every referral of these cases."""
    ids = list(case_ids)
    if not ids:
        return 0
    rows = (
        with_referral_dates(Referral.objects.using(DEFAULT_DB_ALIAS).filter(case_id__in=ids))
        .annotate(**{f"figure_{name}": referral_figure(name) for name in REFERRAL_FIGURES})
        .values_list(
            "pk", *(f"figure_{name}" for name in REFERRAL_FIGURES), *REFERRAL_COLUMNS.values()
        )
        .order_by()
    )
    now = timezone.now()
    names = (*REFERRAL_FIGURES, *REFERRAL_COLUMNS)
    figures = [
        ReferralFigures(referral_id=pk, computed_at=now, **dict(zip(names, values, strict=True)))
        for pk, *values in rows
    ]
    if figures:
        ReferralFigures.objects.bulk_create(
            figures,
            update_conflicts=True,
            unique_fields=["referral"],
            update_fields=[*REFERRAL_FIGURES, *_field_names(REFERRAL_COLUMNS), "computed_at"],
        )
    return len(figures)


def case_changed(case_id: int) -> None:
    """The ``cases.hooks`` change listener: inside the transaction of the change."""
    refresh_case_figures([case_id])
    refresh_referral_figures(case_ids=[case_id])


def _batches_of_case_ids(batch_size: int) -> Iterator[list[int]]:
    """Every case id in ascending batches (keyset: no OFFSET, no list of all ids)."""
    last = 0
    while True:
        ids = list(
            Case.objects.using(DEFAULT_DB_ALIAS)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def rebuild_case_figures(*, batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, int]:
    """(Re)compute the figures of every case and referral, ``batch_size`` cases at a time.

    Each batch is its own short transaction, so the memory held and the rows locked stay those
    of one batch, and a rebuild of a live database does not block the services for long (a
    change during the rebuild writes its own figures again). For the bench generator, data
    migrations and after a calendar change. Returns the counts written.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ensure_calendar()
    forget_figures_complete()
    counts = {"cases": 0, "referrals": 0}
    for ids in _batches_of_case_ids(batch_size):
        with transaction.atomic():
            counts["cases"] += refresh_case_figures(ids)
            counts["referrals"] += refresh_referral_figures(case_ids=ids)
    return counts
