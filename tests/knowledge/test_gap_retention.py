"""The counted empty searches keep no personal data and do not grow without end."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import SearchGap
from knowledge.tasks import forget_old_search_gaps

pytestmark = pytest.mark.django_db


def test_personal_data_in_a_search_is_not_stored(client, samordnare):
    client.force_login(samordnare)
    client.get(reverse("knowledge:list"), {"q": "Hoppborg 19850101-1234"})
    client.get(reverse("knowledge:list"), {"q": "hoppborg 850101 1234"})
    client.get(reverse("knowledge:list"), {"q": "ring anna.berg@example.se om hoppborg"})
    client.get(reverse("knowledge:list"), {"q": "hoppborg 070-123 45 67"})
    gaps = {g.query: g.count for g in SearchGap.objects.all()}
    assert gaps == {"hoppborg [nummer]": 3, "ring [e-post] om hoppborg": 1}
    page = client.get(reverse("knowledge:gaps")).content.decode()
    assert "hoppborg [nummer]" in page and "1234" not in page and "anna.berg" not in page


def test_the_nightly_task_forgets_texts_not_searched_within_the_retention(settings):
    settings.KNOWLEDGE_GAP_RETENTION_DAYS = 30
    now = timezone.now()
    for query, days in (("gammal", 31), ("nyligen", 29), ("i dag", 0)):
        SearchGap.objects.create(
            query=query,
            place="internal",
            count=4,
            first_at=now - timedelta(days=400),
            last_at=now - timedelta(days=days),
        )
    assert forget_old_search_gaps() == 1
    assert forget_old_search_gaps() == 0  # idempotent
    assert sorted(SearchGap.objects.values_list("query", "count")) == [("i dag", 4), ("nyligen", 4)]


def test_the_task_runs_every_night(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "knowledge.tasks.forget_old_search_gaps" in schedule


def test_texts_stored_before_the_masking_are_masked_and_merged():
    now = timezone.now()
    rows = [("hoppborg 850101-1234", 2, 10), ("hoppborg [nummer]", 3, 1), ("kiosk a@b.se", 1, 5)]
    for query, count, days in rows:
        SearchGap.objects.create(
            query=query,
            place="public",
            count=count,
            first_at=now - timedelta(days=days),
            last_at=now - timedelta(days=days),
        )
    SearchGap.objects.create(query="moms 2026", place="public", count=1, first_at=now, last_at=now)
    assert forget_old_search_gaps() == 1  # one row merged into its masked text
    gaps = {g.query: (g.count, (now - g.first_at).days) for g in SearchGap.objects.all()}
    assert gaps == {"hoppborg [nummer]": (5, 10), "kiosk [e-post]": (1, 5), "moms 2026": (1, 0)}
