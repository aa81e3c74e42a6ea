"""How a case's deadline reads: in working days, paused while waiting, silent when finished."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from cases.templatetags.cases_tags import due_text, is_late, referral_due_text
from cases.workdays import add_working_days
from cases.workflow import CaseStatus


def case(status="open", due=None):
    return Case(status=status, due_date=due or timezone.localdate())


@pytest.mark.parametrize(
    ("working_days", "text"),
    [
        (0, "förfaller i dag"),
        (1, "förfaller om 1 arbetsdag"),
        (3, "förfaller om 3 arbetsdagar"),
        (-1, "1 arbetsdag försenat"),
        (-4, "4 arbetsdagar försenat"),
    ],
)
def test_due_text_counts_working_days(working_days, text):
    due = add_working_days(timezone.localdate(), working_days)

    assert due_text(case(due=due)) == text
    assert referral_due_text(case(due=due)) == text


def test_a_waiting_case_is_paused_and_a_finished_case_says_nothing():
    late = timezone.localdate() - timedelta(days=10)

    assert due_text(case(CaseStatus.WAITING, late)) == "pausat: väntar på företaget"
    assert not is_late(case(CaseStatus.WAITING, late))
    assert due_text(case(CaseStatus.CLOSED, late)) == ""
    assert not is_late(case(CaseStatus.DECIDED, late))
    assert is_late(case(CaseStatus.OPEN, late))
    assert not is_late(case(CaseStatus.OPEN, date.max))
