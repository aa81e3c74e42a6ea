"""The demo municipality's leadership records for the SS 884000 self-check: the year goals
(last year's and this year's, through ``confighistory`` as an administrator would save them in
admin) and a management review with its decisions for last year and this year. Idempotent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from confighistory.services import save_configuration
from stats.models import ManagementReview, YearGoal
from stats.services.reviews import record_management_review

from .world import demo_email

GOALS = {"nki_target": 72, "visits_target": 30, "guarantee_target": 90}
DECISIONS = {
    "last": (
        "1. Alla handläggare i Bygg och Miljö går LOTS-kursen under våren.\n"
        "2. Servicegarantin för första svar följs upp varje månad i ledningsgruppen.\n"
        "3. Företagsbesöken ska öka till 30 per år; näringslivschefen samordnar."
    ),
    "this": (
        "1. Besked till företaget när en tidsfrist inte kan hållas skickas alltid i portalen.\n"
        "2. Kunskapsbanken granskas kvartalsvis av ägande förvaltning.\n"
        "3. Ny mätning av NKI efter sommaren."
    ),
}


def seed(report: Callable[[str], None]) -> None:
    admin = User.objects.get(email=demo_email("admin"))
    coordinator = User.objects.get(email=demo_email("johan.ek"))
    today = timezone.localdate()
    reviews = {
        # year: (held on, decisions); this year's review is held in the spring.
        today.year - 1: (date(today.year - 1, 12, 10), DECISIONS["last"]),
        today.year: (min(today, date(today.year, 3, 18)), DECISIONS["this"]),
    }
    with transaction.atomic():
        for year in reviews:
            if not YearGoal.objects.filter(year=year).exists():
                save_configuration(instance=YearGoal(year=year, **GOALS), by=admin)
        for year, (held_on, decisions) in reviews.items():
            if not ManagementReview.objects.filter(year=year).exists():
                record_management_review(
                    year=year, held_on=held_on, decisions=decisions, by=coordinator
                )
    years = ", ".join(str(year) for year in reviews)
    report(f"Leadership: year goals and management reviews for {years}.")
