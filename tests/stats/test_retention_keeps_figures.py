"""Anonymised cases count in the statistics and the NKI exactly as before."""

import pytest

from cases.services.retention import anonymise_case
from cases.workflow import FINISHED_CASE_STATUSES
from public.nki import nki_rows, nki_total
from tests.public.factories import answer

from .test_figures import page_for

pytestmark = pytest.mark.django_db


def test_every_figure_is_the_same_after_the_finished_cases_are_anonymised(
    quarter, coordinator, django_capture_on_commit_callbacks
):
    finished = [c for c in quarter.cases.values() if c.status in FINISHED_CASE_STATUSES]
    for case, overall in zip(finished, [(6, 5, 4), (3, 3, 2), (5, 5, 5)], strict=False):
        answer(case, overall=overall, comment="Bra bemötande av Kim.")
    before = (page_for(coordinator), nki_total(min_answers=1), nki_rows(min_answers=1))

    with django_capture_on_commit_callbacks(execute=True):
        done = [anonymise_case(case=case, reason="test") for case in finished]

    assert done == [True] * len(finished) == [True] * 5
    after = (page_for(coordinator), nki_total(min_answers=1), nki_rows(min_answers=1))
    assert after == before
