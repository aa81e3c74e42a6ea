"""The generated data (bench profile) keeps the promises the statistics rely on.

Someone counting lead times, deadlines kept and satisfaction over generated cases must find
the same rules the services follow: a case is answered and finished after it opened, its due
date is the case type's deadline moved on by the days it waited for the business, survey
answers come only for finished cases, and the numbers continue where real cases go on.
"""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count, Max, Q
from django.utils import timezone

from accounts.models import Membership, Role
from bench.generate import main as generate_main
from cases.identifiers import is_valid_company_identifier
from cases.models import Case, CaseEvent, CaseType, Company, Referral, RegistrationCounter
from cases.services.cases import open_case
from cases.services.registration import due_date_for
from cases.workdays import add_working_days
from cases.workflow import ACTIVE_CASE_STATUSES, FINISHED_CASE_STATUSES, CaseStatus
from demo.generator import flush, generate, generated_cases
from demo.seed import seed_people
from public.models import IntakeDetails, SurveyInvitation, SurveyResponse
from training.models import CourseResult, Diploma, PracticalActivity

TODAY = datetime.date(2026, 6, 15)
MIDNIGHT = datetime.datetime.combine(
    TODAY, datetime.time(0, 0), tzinfo=timezone.get_current_timezone()
)


def finished_at(case: Case):
    return case.closed_at if case.status == CaseStatus.CLOSED else case.decided_at


@pytest.fixture
def counts(db):
    return generate(cases=50, seed=7, today=TODAY)


@pytest.mark.django_db
def test_the_counts_returned_are_the_rows_in_the_database(counts):
    assert counts["cases"] == generated_cases().count() == 50
    assert counts["referrals"] == Referral.objects.filter(case__in=generated_cases()).count()
    assert counts["events"] == CaseEvent.objects.filter(case__in=generated_cases()).count()
    assert counts["companies"] == Company.objects.filter(org_number__startswith="54").count()
    assert all(
        is_valid_company_identifier(number)
        for number in Company.objects.values_list("org_number", flat=True)
    )
    assert counts["intake_details"] == IntakeDetails.objects.count()
    assert counts["survey_invitations"] == SurveyInvitation.objects.count()
    assert counts["survey_responses"] == SurveyResponse.objects.count()
    assert counts["course_results"] == CourseResult.objects.count()
    assert counts["practical_activities"] == PracticalActivity.objects.count()
    assert counts["diplomas"] == Diploma.objects.count()
    assert counts["officials"] == Membership.objects.count()


@pytest.mark.django_db
def test_every_case_is_answered_and_finished_after_it_opened_and_before_today(counts):
    for case in generated_cases():
        assert case.created_at < MIDNIGHT
        if case.status == CaseStatus.NEW:
            assert case.first_response_at is None
            continue
        assert case.created_at <= case.first_response_at < MIDNIGHT
        if case.status in FINISHED_CASE_STATUSES:
            assert finished_at(case) is not None
            assert case.first_response_at <= finished_at(case) < MIDNIGHT
        else:
            assert case.decided_at is None and case.closed_at is None
        assert (case.waiting_since is not None) == (case.status == CaseStatus.WAITING)


@pytest.mark.django_db
def test_due_dates_are_the_case_type_deadline_plus_the_days_paused(counts):
    for case in generated_cases().select_related("case_type"):
        opened_on = timezone.localdate(case.created_at)
        expected = add_working_days(
            due_date_for(case.case_type, opened_on), case.paused_working_days
        )
        assert case.due_date == expected, case.number
        assert case.lead_department_id == case.case_type.lead_department_id


@pytest.mark.django_db
def test_referrals_are_sent_after_their_case_opened_and_answered_after_they_were_sent(counts):
    referrals = Referral.objects.filter(case__in=generated_cases()).select_related("case")
    assert referrals.exists()
    for referral in referrals:
        case = referral.case
        assert case.first_response_at <= referral.created_at < MIDNIGHT
        assert referral.department_id != case.opened_in_id
        if referral.answered_at:
            assert referral.status == "answered"
            assert referral.created_at < referral.answered_at == referral.closed_at
        if referral.is_open:
            assert referral.closed_at is None and case.status in ACTIVE_CASE_STATUSES
        elif case.status in FINISHED_CASE_STATUSES:
            assert referral.closed_at <= finished_at(case)


@pytest.mark.django_db
def test_survey_answers_come_only_for_finished_cases_after_they_finished(counts):
    assert counts["survey_responses"] > 0
    for response in SurveyResponse.objects.select_related("case", "case__survey_invitation"):
        case = response.case
        assert case.status in FINISHED_CASE_STATUSES
        assert finished_at(case) < case.survey_invitation.first_sent_at <= response.answered_at
        assert response.scale_max == 6
        assert 1 <= response.overall_satisfaction <= 6
    for invitation in SurveyInvitation.objects.select_related("case"):
        assert invitation.case.status in FINISHED_CASE_STATUSES
        assert invitation.created_at == invitation.first_sent_at


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_cases_after_a_flush():
    def snapshot():
        cases = generated_cases().order_by("number")
        return [
            (c.number, c.status, c.created_at, c.due_date, c.first_response_at, c.case_type.code)
            for c in cases.select_related("case_type")
        ] + sorted(
            Referral.objects.filter(case__in=generated_cases()).values_list(
                "case__number", "department__code", "status", "created_at"
            )
        )

    generate(cases=30, seed=11, today=TODAY, training=False)
    first = snapshot()
    flush()
    assert not generated_cases().exists()
    generate(cases=30, seed=11, today=TODAY, training=False)
    assert snapshot() == first
    flush()
    generate(cases=30, seed=12, today=TODAY, training=False)
    assert snapshot() != first


@pytest.mark.django_db
def test_generation_twice_reuses_the_demo_reference_data_and_numbers_on(db):
    seed_people(lambda line: None)
    # An administrator shortened the food registration deadline: the generator follows it.
    CaseType.objects.filter(code="livsmedel").update(
        deadline_amount=9, deadline_unit="working_days"
    )
    generate(cases=40, seed=3, today=TODAY)
    generate(cases=40, seed=3, today=TODAY)

    assert generated_cases().count() == 80
    assert CaseType.objects.filter(code="livsmedel").get().deadline_amount == 9
    food = generated_cases().filter(case_type__code="livsmedel", paused_working_days=0)
    for case in food:
        assert case.due_date == add_working_days(timezone.localdate(case.created_at), 9)
    duplicates = Case.objects.values("number").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    for counter in RegistrationCounter.objects.all():
        top = Case.objects.filter(year=counter.year).aggregate(top=Max("sequence"))["top"]
        assert counter.last_number == top
    assert (
        Diploma.objects.values("user", "course").annotate(n=Count("pk")).filter(n__gt=1).count()
        == 0
    )


@pytest.mark.django_db
def test_a_case_opened_after_generation_gets_the_next_number(db):
    generate(cases=20, seed=5, training=False)  # up to the real today
    year = timezone.localdate().year
    last = Case.objects.filter(year=year).aggregate(top=Max("sequence"))["top"] or 0
    membership = Membership.objects.filter(role=Role.LOTS).select_related("user", "department")[0]
    case = open_case(
        by=membership.user,
        department=membership.department,
        company=Company.objects.first(),
        contact=None,
        case_type=CaseType.objects.first(),
        door=generated_cases().first().door,
        title="Ny fråga",
    )
    assert case.sequence == last + 1


@pytest.mark.django_db
def test_a_larger_run_looks_like_a_municipality(db):
    generate(cases=400, seed=1, today=TODAY)
    cases = generated_cases()
    finished = cases.filter(status__in=FINISHED_CASE_STATUSES)
    late = sum(1 for c in finished if timezone.localdate(finished_at(c)) > c.due_date)
    assert 0.05 < late / finished.count() < 0.4
    assert cases.filter(status__in=ACTIVE_CASE_STATUSES).exists()
    assert cases.filter(paused_working_days__gt=0).exists()
    assert cases.filter(confidential=True).exists()
    assert 0.3 < SurveyResponse.objects.count() / finished.count() < 0.5
    assert cases.values("door").distinct().count() == 7
    months = {
        timezone.localtime(c).strftime("%Y-%m") for c in cases.values_list("created_at", flat=True)
    }
    assert len(months) >= 24
    per_status = Referral.objects.filter(case__in=cases).aggregate(
        answered=Count("pk", filter=Q(status="answered")),
        declined=Count("pk", filter=Q(status="declined")),
        withdrawn=Count("pk", filter=Q(status="withdrawn")),
    )
    assert all(per_status.values())
    late_answers = Referral.objects.filter(case__in=cases, status="answered")
    assert any(timezone.localdate(r.answered_at) > r.due_date for r in late_answers)


@pytest.mark.django_db
def test_the_command_line_prints_the_counts_and_seconds(capsys):
    assert generate_main(["--cases", "5", "--seed", "2", "--today", "2026-06-15"]) == 0
    printed = capsys.readouterr().out
    assert "cases" in printed and "seconds" in printed
    assert generated_cases().count() == 5
