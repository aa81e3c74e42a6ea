"""NKI with the 7-answer rule and the bands, and who is trained, as the statistics show them."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.models import Role
from stats.forms import StatsFilters
from stats.selectors import statistics_page
from tests.factories import DepartmentFactory, official
from tests.public.factories import FinishedCaseFactory, PublicCaseTypeFactory, answer
from tests.training.conftest import short_course  # noqa: F401 - a fixture
from tests.training.test_coordinator import answer_all
from training.models import Diploma, DiplomaStatus

from .conftest import at

pytestmark = pytest.mark.django_db

HALF_YEAR = StatsFilters(start=date(2026, 1, 1), end=date(2026, 6, 30))


@pytest.fixture
def answers(db):
    """Miljö: 7 answers in January, three at the top (100) and four at 4 (60): NKI 540/7.
    Bygg: 6 answers in February at 5 (80 each): too few to show on their own.
    One more answer for Bygg in April: the second quarter has too few answers."""
    miljo = DepartmentFactory(name="Miljö", code="miljo-n")
    bygg = DepartmentFactory(name="Bygg", code="bygg-n")
    livsmedel = PublicCaseTypeFactory(name="Livsmedel", code="livsmedel-n", lead_department=miljo)
    bygglov = PublicCaseTypeFactory(name="Bygglov", code="bygglov-n", lead_department=bygg)
    for n in range(7):
        overall = (6, 6, 6) if n < 3 else (4, 4, 4)
        answer(
            FinishedCaseFactory(case_type=livsmedel),
            overall=overall,
            factors=(5, 5, 5, 5, 5, 5),
            answered_at=at(date(2026, 1, 10 + n)),
        )
    for n in range(6):
        answer(
            FinishedCaseFactory(case_type=bygglov),
            overall=(5, 5, 5),
            answered_at=at(date(2026, 2, 2 + n)),
        )
    answer(
        FinishedCaseFactory(case_type=bygglov), overall=(2, 2, 2), answered_at=at(date(2026, 4, 2))
    )
    return official(DepartmentFactory(), Role.SAMORDNARE)


def test_nki_per_department_follows_the_seven_answer_rule(answers):
    satisfaction = statistics_page(user=answers, filters=HALF_YEAR).satisfaction
    rows = {row.department: row for row in satisfaction.by_department}
    assert rows["Miljö"].answers == 7
    assert rows["Miljö"].nki == 77  # 540 / 7 = 77.1
    assert rows["Miljö"].band.code == "high"
    assert [factor["score"] for factor in rows["Miljö"].factors] == [80] * 6
    assert rows["Bygg"].answers == 7  # six in February and one in April
    assert rows["Bygg"].nki == 71  # (6 × 80 + 20) / 7 = 71.4


def test_nki_trend_by_quarter_hides_quarters_with_too_few_answers(answers):
    satisfaction = statistics_page(user=answers, filters=HALF_YEAR).satisfaction
    quarters = [(row.period, row.answers, row.nki) for row in satisfaction.by_quarter]
    # Q1: 7 answers at 540/7 and 6 at 80: (540 + 480) / 13 = 78.5, reported 78.
    assert quarters == [(date(2026, 1, 1), 13, 78), (date(2026, 4, 1), 1, None)]


def test_nki_of_a_group_under_seven_answers_is_not_shown(answers):
    q1 = StatsFilters(start=date(2026, 1, 1), end=date(2026, 3, 31))
    rows = {
        row.department: row
        for row in statistics_page(user=answers, filters=q1).satisfaction.by_department
    }
    assert rows["Bygg"].answers == 6
    assert rows["Bygg"].nki is None and rows["Bygg"].band is None
    assert all(factor["score"] is None for factor in rows["Bygg"].factors)


def test_training_share_with_diploma_per_department_and_weakest_topics(
    short_course,  # noqa: F811
):
    bygg = DepartmentFactory(code="bygg-t", name="Samhällsbyggnad")
    miljo = DepartmentFactory(code="miljo-t", name="Miljöavdelningen")
    anna, bo, cecilia = (official(bygg, Role.LOTS) for _ in range(3))
    official(miljo, Role.LOTS)
    coordinator = official(DepartmentFactory(code="nl-t", name="Näringsliv"), Role.SAMORDNARE)
    answer_all(anna, short_course, right_topics={"bygglov", "miljo"})
    answer_all(bo, short_course, right_topics={"bygglov"})
    from training.services import attempts

    attempts.start_course(user=cecilia, course=short_course)
    Diploma.objects.create(
        user=anna,
        course=short_course,
        number="LOTS-2026-0001",
        verification_code="ABCD-EFGH-JKLM",
        status=DiplomaStatus.ISSUED,
        issued_at=timezone.now(),
        valid_until=date(timezone.localdate().year, 12, 31),
    )
    today = timezone.localdate()
    filters = StatsFilters(start=date(today.year, 1, 1), end=today)
    training = statistics_page(user=coordinator, filters=filters).training
    assert training.course == short_course
    rows = {row.department: row for row in training.departments}
    bygg_row = rows["Samhällsbyggnad"]
    assert (bygg_row.members, bygg_row.started, bygg_row.passed, bygg_row.diplomas) == (3, 3, 1, 1)
    assert bygg_row.diploma_share == pytest.approx(100 / 3)
    assert rows["Miljöavdelningen"].diploma_share == 0
    # Over people: the five officials (the samordnare too), one with a diploma.
    assert (training.total.members, training.total.diplomas) == (5, 1)
    weakest = [(t["topic__name"], t["answered"], t["correct"]) for t in training.weakest_topics]
    assert weakest == [("Miljö och hälsa", 4, 2), ("Bygglov och plan", 4, 4)]


def test_no_course_edition_for_the_year(db):
    coordinator = official(DepartmentFactory(), Role.SAMORDNARE)
    filters = StatsFilters(start=date(2019, 1, 1), end=date(2019, 12, 31))
    training = statistics_page(user=coordinator, filters=filters).training
    assert training.course is None and training.departments == []
