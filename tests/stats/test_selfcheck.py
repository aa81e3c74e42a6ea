"""The SS 884000 self-check page, driven as the business-development manager uses it: the
figures of a small data set computed by hand (tests/stats/selfcheck_data.py) and compared
with what the page shows, the period, the XLSX, the registry and the management review."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from stats.models import ManagementReview
from stats.selfcheck import (
    Indicator,
    Measure,
    Part,
    Status,
    Threshold,
    indicators,
    register_indicator,
    unregister_indicator,
)
from tests.stats.selfcheck_data import TODAY, make_selfcheck_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """These tests read the pages' English texts: the language the visitor chose."""
    client.cookies["django_language"] = "en"


# key -> (value shown, status), computed by hand in selfcheck_data.py.
EXPECTED_2026 = {
    "coordinator_within_2_days": ("50 %", Status.RED),
    "first_answer_in_time": ("75 %", Status.AMBER),
    "referrals_on_time": ("60 %", Status.RED),
    "businesses_told_of_slips": ("50 %", Status.RED),
    "guarantees_kept": ("90 %", Status.GREEN),
    "nki": ("–", Status.GREY),
    "diplomas": ("50 %", Status.RED),
    "departments_without_lots": ("1", Status.AMBER),
    "practical_done": ("25 %", Status.RED),
    "year_goals": ("2 of 3", Status.AMBER),
    "management_review": ("0 recorded", Status.AMBER),
    "visits_against_goal": ("40 %", Status.RED),
    "ideas_realised": ("1", Status.AMBER),
}


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("stats.selfcheck.forms.timezone.localdate", lambda *args: TODAY)
    return TODAY


@pytest.fixture
def data(today):
    return make_selfcheck_data()


def rows_of(response) -> dict:
    return {row.indicator.key: row for part in response.context["parts"] for row in part.rows}


def test_the_page_shows_the_figures_computed_by_hand(client, data):
    client.force_login(data.viewer)
    with translation.override("en"):
        response = client.get(reverse("stats:selfcheck"), {"year": 2026}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    rows = rows_of(response)
    shown = {key: (row.value_text, row.measure.status) for key, row in rows.items()}
    assert shown == EXPECTED_2026
    assert rows["coordinator_within_2_days"].measure.value == 50.0
    assert rows["coordinator_within_2_days"].measure.detail == "2 of 4 cases opened"
    assert rows["nki"].measure.detail == "6 answers; at least 7 are needed"
    assert rows["diplomas"].measure.detail == "Bygg 1/2; Miljö 1/2"
    assert rows["departments_without_lots"].measure.detail == "Without a lots: Teknik"
    html = response.content.decode()
    # The status is a word, not only a colour.
    assert 'selfcheck-status-red">Not met</span>' in html
    assert 'selfcheck-status-grey">No data</span>' in html
    assert "opened_from=2026-01-01&amp;opened_to=2026-12-31" in html  # the evidence link


def test_the_parts_come_in_the_standards_order(client, data):
    client.force_login(data.viewer)
    response = client.get(reverse("stats:selfcheck"), {"year": 2026})
    assert [part.key for part in response.context["parts"]] == [
        Part.LEADERSHIP,
        Part.PROCESS,
        Part.PERSONNEL,
    ]


def test_the_thresholds_are_configuration(client, data, settings):
    settings.SELFCHECK_THRESHOLDS = {
        **settings.SELFCHECK_THRESHOLDS,
        "coordinator_within_2_days": {"green": 50, "amber": 40},
        "departments_without_lots": {"green": 0, "amber": 0, "lower_is_better": True},
    }
    client.force_login(data.viewer)
    rows = rows_of(client.get(reverse("stats:selfcheck"), {"year": 2026}))
    assert rows["coordinator_within_2_days"].measure.status == Status.GREEN
    assert rows["departments_without_lots"].measure.status == Status.RED


def test_seven_answers_give_an_nki(client, data):
    from tests.public.factories import FinishedCaseFactory, answer
    from tests.stats.selfcheck_data import at

    case = FinishedCaseFactory(
        case_type=data.cases["C1"].case_type, created_at=at(date(2025, 1, 7))
    )
    answer(case, answered_at=at(date(2026, 9, 1)))
    client.force_login(data.viewer)
    row = rows_of(client.get(reverse("stats:selfcheck"), {"year": 2026}))["nki"]
    # Seven answers of 5, 5, 5 on the 1–6 scale: (5 − 1) / 5 × 100 = 80, "high": green.
    assert (row.measure.value, row.measure.status) == (80, Status.GREEN)


def test_from_and_to_dates_choose_the_period(client, data):
    client.force_login(data.viewer)
    response = client.get(reverse("stats:selfcheck"), {"start": "2026-03-01", "end": "2026-03-31"})
    rows = rows_of(response)
    # C1, C3, C4 opened in March; only C1 had its coordinator within 2 working days.
    assert rows["coordinator_within_2_days"].measure.value == pytest.approx(100 / 3)
    # R1, R2, R3 fall due in March: R1 on time.
    assert rows["referrals_on_time"].value_text == "33 %"
    assert rows["guarantees_kept"].measure.status == Status.GREY  # none started in March
    assert rows["ideas_realised"].measure.value == 0


def test_the_default_period_is_the_current_year(client, data):
    client.force_login(data.viewer)
    response = client.get(reverse("stats:selfcheck"))
    period = response.context["period"]
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert rows_of(response)["coordinator_within_2_days"].measure.value == 50.0


def test_last_year_is_its_own_period(client, data):
    client.force_login(data.viewer)
    rows = rows_of(client.get(reverse("stats:selfcheck"), {"year": 2025}))
    assert rows["coordinator_within_2_days"].measure.value == 100.0  # C5 alone
    assert rows["management_review"].measure.status == Status.RED  # 2025 is over, none held
    assert rows["year_goals"].measure.status == Status.RED


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": "2030"}, "year"),
        ({"year": "tjugo"}, "year"),
        ({"start": "2026-05-01", "end": "2026-04-01"}, "end"),
        ({"start": "2026-05-01"}, None),
    ],
)
def test_a_bad_period_is_refused_and_kept(client, data, query, field):
    client.force_login(data.viewer)
    with translation.override("en"):
        response = client.get(reverse("stats:selfcheck"), query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field] if field else form.non_field_errors()
    assert "parts" not in response.context
    for value in query.values():
        assert f'value="{value}"' in response.content.decode()


def test_the_xlsx_has_the_same_rows(client, data):
    client.force_login(data.viewer)
    response = client.get(reverse("stats:selfcheck_xlsx"), {"year": 2026})
    assert response.status_code == 200
    assert "lotsstandard-2026-01-01-2026-12-31.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    body = [row for row in values[2:] if any(cell is not None for cell in row)]
    assert len(body) == len(EXPECTED_2026)
    by_value = {row[3] for row in body}
    assert 50.0 in by_value and 60.0 in by_value and 90.0 in by_value
    by_indicator = {row[1]: row for row in body}
    first = by_indicator["Cases with a first answer within the municipality's promise"]
    assert first[3] == 75.0 and first[6].endswith("opened_from=2026-01-01&opened_to=2026-12-31")
    assert by_indicator["Businesses told when a deadline slips"][3] == 50.0
    practical = by_indicator["Business-facing officials with this year's practical elements done"]
    assert practical[3] == 25.0 and practical[5] == "1 of 4 officials"
    assert any(str(row[6]).endswith("opened_from=2026-01-01&opened_to=2026-12-31") for row in body)


def test_a_registered_indicator_appears(client, data):
    def always(period, threshold):
        return Measure(value=7, unit="", status=threshold.status(7), detail=f"år {period.year}")

    register_indicator(
        Indicator(
            key="test_extra",
            part=Part.PERSONNEL,
            label="Ett extra mått",
            measure=always,
            threshold=Threshold(green=5, amber=2),
        )
    )
    try:
        assert "test_extra" in [i.key for i in indicators()]
        client.force_login(data.viewer)
        response = client.get(reverse("stats:selfcheck"), {"year": 2026})
        row = rows_of(response)["test_extra"]
        assert (row.measure.status, row.measure.detail) == (Status.GREEN, "år 2026")
        assert "Ett extra mått" in response.content.decode()
    finally:
        unregister_indicator("test_extra")
    assert "test_extra" not in [i.key for i in indicators()]


def test_an_unknown_part_is_refused():
    with pytest.raises(ValueError):
        register_indicator(
            Indicator(key="x", part="marketing", label="x", measure=lambda p, t: None)
        )


def test_lower_is_better_thresholds():
    threshold = Threshold(green=0, amber=1, lower_is_better=True)
    assert [threshold.status(v) for v in (0, 1, 2, None)] == [
        Status.GREEN,
        Status.AMBER,
        Status.RED,
        Status.GREY,
    ]
    higher = Threshold(green=90, amber=75)
    assert [higher.status(v) for v in (90, 89.9, 75, 74.9)] == [
        Status.GREEN,
        Status.AMBER,
        Status.AMBER,
        Status.RED,
    ]


def test_the_management_review_is_recorded_and_turns_green(client, data):
    client.force_login(data.viewer)
    url = reverse("stats:selfcheck_review")
    form_page = client.get(url, {"year": 2026})
    assert form_page.status_code == 200
    response = client.post(
        url,
        {"year": "2026", "held_on": "2026-11-02", "decisions": "  Fler företagsbesök.  "},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("stats:selfcheck") + "?year=2026"
    review = ManagementReview.objects.get()
    assert (review.year, review.held_on, review.decisions, review.recorded_by) == (
        2026,
        date(2026, 11, 2),
        "Fler företagsbesök.",
        data.viewer,
    )
    row = rows_of(client.get(response["Location"]))["management_review"]
    assert row.measure.status == Status.GREEN
    assert "Fler företagsbesök." in client.get(url).content.decode()


def test_a_review_in_the_future_is_refused_and_kept(client, data):
    client.force_login(data.viewer)
    with translation.override("en"):
        response = client.post(
            reverse("stats:selfcheck_review"),
            {"year": "2026", "held_on": "2026-12-20", "decisions": "Beslut som skrevs"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A review is recorded once it has been held." in html
    assert "Beslut som skrevs" in html
    assert not ManagementReview.objects.exists()


def test_year_goals_are_set_in_admin_with_their_history(client, today):
    from confighistory.models import ConfigChange
    from stats.models import YearGoal
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:stats_yeargoal_add"),
        {"year": "2026", "nki_target": "75", "visits_target": "40", "guarantee_target": "90"},
    )
    assert response.status_code == 302
    goal = YearGoal.objects.get(year=2026)
    assert goal.targets_set == 3
    assert ConfigChange.objects.of(YearGoal, goal.pk).exists()


def test_every_label_has_its_swedish_text():
    """Every indicator, part and status label is translated in the compiled catalogue."""
    from django.utils.translation import trans_real

    from stats.selfcheck import PARTS, STATUS_LABELS

    labels = [i.label for i in indicators()] + [*PARTS.values(), *STATUS_LABELS.values()]
    with translation.override("en"):
        english = [str(label) for label in labels]
    catalog = trans_real.translation("sv")._catalog
    # Texts added by a branch are in locale/new/<branch>.json until the merge compiles them.
    for pending in (Path(settings.BASE_DIR) / "locale" / "new").glob("*.json"):
        catalog = {**json.loads(pending.read_text(encoding="utf-8")), **catalog}
    assert [text for text in english if not catalog.get(text)] == []


def test_the_new_indicators_evidence_opens_on_their_rows(client, data):
    """The first-answer and slip figures link to the case list; the practical elements to
    the training coordinator's overview; each opens for the viewer and shows the rows."""
    client.force_login(data.viewer)
    rows = rows_of(client.get(reverse("stats:selfcheck"), {"year": 2026}))
    first = client.get(rows["first_answer_in_time"].measure.evidence_url)
    assert first.status_code == 200
    html = first.content.decode()
    for name in ("C1", "C2", "C3", "C4"):
        assert data.cases[name].number in html
    assert data.cases["S1"].number not in html  # opened in 2024
    slipped = client.get(rows["businesses_told_of_slips"].measure.evidence_url)
    assert slipped.status_code == 200
    html = slipped.content.decode()
    assert data.cases["S2"].number in html and data.cases["S3"].number in html  # still open
    assert data.cases["S6"].number not in html  # not yet due
    assert (
        rows["businesses_told_of_slips"].measure.detail == "2 of 4 cases past their due date told"
    )
    assert rows["practical_done"].measure.detail == "1 of 4 officials"
    assert client.get(rows["practical_done"].measure.evidence_url).status_code == 200


def test_the_promise_and_the_notice_window_are_configuration(client, data, settings):
    settings.SELFCHECK_FIRST_ANSWER_WORKING_DAYS = 1  # only C2 (1 working day) is within
    settings.SELFCHECK_SLIP_NOTICE_DAYS = 14  # S3's message 14 days before now counts
    client.force_login(data.viewer)
    rows = rows_of(client.get(reverse("stats:selfcheck"), {"year": 2026}))
    assert rows["first_answer_in_time"].value_text == "25 %"
    assert rows["first_answer_in_time"].measure.detail == (
        "1 of 4 cases answered within 1 working days"
    )
    assert rows["businesses_told_of_slips"].value_text == "75 %"


def test_no_practical_requirements_is_no_data(client, data):
    client.force_login(data.viewer)
    rows = rows_of(client.get(reverse("stats:selfcheck"), {"year": 2024}))  # no edition
    assert rows["practical_done"].measure.status == Status.GREY
    assert rows["practical_done"].measure.detail == "No practical requirements set for 2024"
    # 2025: David's edition (one company visit) is done, the others had none → 1 of 4.
    rows = rows_of(client.get(reverse("stats:selfcheck"), {"year": 2025}))
    assert rows["practical_done"].value_text == "25 %"
