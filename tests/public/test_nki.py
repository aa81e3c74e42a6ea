"""NKI as DOMAIN.md defines it, checked against figures computed by hand."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from public.models import SurveyResponse
from public.nki import band_for, nki_rows, nki_total

from .factories import FinishedCaseFactory, PublicCaseTypeFactory, answer

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Seven answers on 1–6. Overall means: 6, 5, 5, 5, 4, 3, 5 → rescaled 100, 80, 80, 80, 60, 40,
# 80 → NKI 520 / 7 = 74.29, reported 74 ("high"). Information: 6, 6, 5, 5, 4, 4, 3 → mean
# 33 / 7 = 4.714 → (4.714 − 1) / 5 × 100 = 74.29 → 74.
SEVEN_ON_SIX = [
    ((6, 6, 6), 6),
    ((5, 5, 5), 6),
    ((5, 5, 5), 5),
    ((4, 5, 6), 5),
    ((4, 4, 4), 4),
    ((3, 3, 3), 4),
    ((5, 6, 4), 3),
]


def answer_all(case_type, rows, scale_max=6):
    for overall, information in rows:
        answer(
            FinishedCaseFactory(case_type=case_type),
            overall=overall,
            factors=(information, 5, 5, 5, 5, 5),
            scale_max=scale_max,
        )


def test_nki_on_the_six_point_scale_matches_the_hand_computed_figure():
    case_type = PublicCaseTypeFactory(name="Uteservering")
    answer_all(case_type, SEVEN_ON_SIX)

    [row] = nki_rows()

    assert row.answers == 7
    assert row.nki_value == pytest.approx(520 / 7)
    assert row.nki == 74
    assert row.band.code == "high"
    assert row.case_type == "Uteservering"
    assert row.department == case_type.lead_department.name
    scores = {factor["name"]: factor["score"] for factor in row.factors}
    assert scores["information"] == 74
    assert scores["bemotande"] == 80  # every answer 5 on 1–6: (5 − 1) / 5 × 100
    assert row.factor_values["information"] == pytest.approx((33 / 7 - 1) / 5 * 100)


def test_six_answers_are_too_few_and_the_seventh_shows_the_figure():
    case_type = PublicCaseTypeFactory()
    answer_all(case_type, SEVEN_ON_SIX[:6])

    [row] = nki_rows()
    assert row.answers == 6
    assert not row.shown
    assert row.nki is None
    assert row.band is None
    assert all(factor["score"] is None for factor in row.factors)

    answer_all(case_type, SEVEN_ON_SIX[6:])
    [row] = nki_rows()
    assert row.answers == 7
    assert row.shown
    assert row.nki == 74


def test_answers_on_the_ten_point_scale_are_rescaled_per_answer_before_averaging():
    case_type = PublicCaseTypeFactory()
    # 1–10: (10,10,10) → 100; (1,1,1) → 0; (7,8,9) → mean 8 → 7 / 9 × 100 = 77.78.
    answer_all(case_type, [((10, 10, 10), 10), ((1, 1, 1), 1), ((7, 8, 9), 8)], scale_max=10)
    # 1–6: (6,6,6) → 100; (2,2,2) → 20; (4,4,4) → 60; (5,5,5) → 80.
    answer_all(case_type, [((6, 6, 6), 6), ((2, 2, 2), 2), ((4, 4, 4), 4), ((5, 5, 5), 5)])

    [row] = nki_rows()

    expected = (100 + 0 + 700 / 9 + 100 + 20 + 60 + 80) / 7  # 62.54
    assert row.nki_value == pytest.approx(expected)
    assert row.nki == 63
    assert row.band.code == "acceptable"
    # Information on the same answers: 10, 1, 8 on 1–10 and 6, 2, 4, 5 on 1–6.
    information = (100 + 0 + 700 / 9 + 100 + 20 + 60 + 80) / 7
    assert row.factor_values["information"] == pytest.approx(information)


def test_a_ten_point_only_group_uses_the_nine_step_formula():
    case_type = PublicCaseTypeFactory()
    # Every overall answer 8 on 1–10: (8 − 1) / 9 × 100 = 77.78 → 78, "high".
    answer_all(case_type, [((8, 8, 8), 8)] * 7, scale_max=10)
    total = nki_total()
    assert total.answers == 7
    assert total.nki_value == pytest.approx(700 / 9)
    assert total.nki == 78
    assert total.band.code == "high"


def test_figures_are_grouped_per_department_case_type_and_quarter():
    food = PublicCaseTypeFactory(name="Livsmedel")
    outdoor = PublicCaseTypeFactory(name="Uteservering")
    winter = datetime(2026, 2, 10, 12, tzinfo=STOCKHOLM)
    spring = datetime(2026, 4, 2, 12, tzinfo=STOCKHOLM)
    for _ in range(7):
        answer(FinishedCaseFactory(case_type=food), overall=(6, 6, 6), answered_at=winter)
    for _ in range(2):
        answer(FinishedCaseFactory(case_type=food), overall=(1, 1, 1), answered_at=spring)
    for _ in range(7):
        answer(FinishedCaseFactory(case_type=outdoor), overall=(4, 4, 4), answered_at=spring)

    rows = {(row.case_type, row.period.month): row for row in nki_rows(period="quarter")}

    assert set(rows) == {("Livsmedel", 1), ("Livsmedel", 4), ("Uteservering", 4)}
    assert rows[("Livsmedel", 1)].nki == 100
    assert rows[("Livsmedel", 4)].answers == 2
    assert rows[("Livsmedel", 4)].nki is None
    assert rows[("Uteservering", 4)].nki == 60
    assert rows[("Uteservering", 4)].band.code == "low"

    by_department = nki_rows(by=("department",))
    assert sorted(row.answers for row in by_department) == [7, 9]


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (100, "very_high"),
        (80, "very_high"),
        (79.5, "very_high"),
        (79.4, "high"),
        (70, "high"),
        (69.4, "acceptable"),
        (62, "acceptable"),
        (61.4, "low"),
        (50, "low"),
        (49.4, "very_low"),
        (0, "very_low"),
    ],
)
def test_the_bands_follow_the_municipalities_convention(value, band):
    assert band_for(value).code == band


def test_the_figures_take_one_query_whatever_the_number_of_answers(
    django_assert_num_queries,
):
    case_type = PublicCaseTypeFactory()
    answer_all(case_type, SEVEN_ON_SIX[:2])
    with django_assert_num_queries(1):
        nki_rows(period="month")
    for _ in range(4):
        answer_all(PublicCaseTypeFactory(), SEVEN_ON_SIX)
    with django_assert_num_queries(1):
        rows = nki_rows(period="month")
    assert len(rows) == 5


def test_an_answer_off_the_scale_is_refused():
    response = answer()
    response.information = 7
    with pytest.raises(ValidationError):
        response.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.filter(pk=response.pk).update(information=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.filter(pk=response.pk).update(close_to_ideal=0)


def _as_tuple(row):
    return (
        row.answers,
        None if row.nki_value is None else round(row.nki_value, 9),
        {k: None if v is None else round(v, 9) for k, v in row.factor_values.items()},
        row.department_id,
        row.department,
        row.case_type_id,
        row.case_type,
        row.period,
    )


def test_the_one_query_grid_gives_every_figure_the_separate_queries_give(
    django_assert_num_queries,
):
    # Two departments, three case types (one an Insikt area), two quarters, two scales and
    # unanswered (optional) factors: each coarser figure summed from the grid must be the
    # figure its own query computes.
    from public.nki import NkiGrid, insikt_responses

    food, build = PublicCaseTypeFactory(name="Livsmedel"), PublicCaseTypeFactory(name="Bygglov")
    build.insikt_area = True
    build.save(update_fields=["insikt_area"])
    sign = PublicCaseTypeFactory(name="Skylt", lead_department=food.lead_department)
    spring = datetime(2026, 2, 10, 12, tzinfo=STOCKHOLM)
    autumn = datetime(2026, 10, 5, 12, tzinfo=STOCKHOLM)
    answers = [
        (food, (6, 5, 6), (6, None, 5, 4, None, 3), 6, spring),
        (food, (3, 4, 2), (2, 3, None, 4, 5, 6), 6, autumn),
        (build, (9, 10, 8), (10, 9, 8, None, None, 7), 10, spring),
        (build, (2, 3, 4), (None, None, None, None, None, None), 6, spring),
        (build, (5, 5, 5), (5, 4, 3, 2, 1, 6), 6, autumn),
        (sign, (1, 2, 1), (1, 1, 2, 2, 3, 3), 6, autumn),
    ]
    for case_type, overall, factors, scale_max, when in answers:
        answer(
            FinishedCaseFactory(case_type=case_type),
            overall=overall,
            factors=factors,
            scale_max=scale_max,
            answered_at=when,
        )
    responses = SurveyResponse.objects.all()

    with django_assert_num_queries(1):
        grid = NkiGrid(responses, period="quarter", min_answers=1)

    assert _as_tuple(grid.total()) == _as_tuple(nki_total(responses=responses, min_answers=1))
    assert _as_tuple(grid.total(insikt=True)) == _as_tuple(
        nki_total(responses=insikt_responses(responses), min_answers=1)
    )
    for by, period in [
        (("department",), False),
        (("case_type",), False),
        (("department", "case_type"), False),
        (("department",), True),
        ((), True),
    ]:
        expected = nki_rows(
            responses=responses, by=by, period="quarter" if period else None, min_answers=1
        )
        assert [_as_tuple(r) for r in grid.rows(by, period=period)] == [
            _as_tuple(r) for r in expected
        ], (by, period)
        assert len(expected) > 1


def test_the_grid_of_no_answers_has_no_figure():
    from public.nki import NkiGrid

    grid = NkiGrid(SurveyResponse.objects.none())

    assert grid.total().answers == 0 and grid.total().nki is None
    assert grid.total().factor_values["information"] is None
    assert grid.rows(("department",)) == []
