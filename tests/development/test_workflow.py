"""Every pair of statuses, allowed or forbidden, as the tables in development/workflow.py say."""

import itertools

import pytest

from development.workflow import (
    IDEA_MOVES,
    VISIT_MOVES,
    IdeaStatus,
    VisitStatus,
    idea_move_allowed,
    visit_move_allowed,
)

ALLOWED_IDEA_MOVES = {
    ("proposed", "preparing"),
    ("proposed", "rejected"),
    ("preparing", "decided"),
    ("preparing", "rejected"),
    ("decided", "implementing"),
    ("decided", "rejected"),
    ("implementing", "realised"),
    ("implementing", "rejected"),
    ("rejected", "proposed"),
}
ALLOWED_VISIT_MOVES = {("planned", "held"), ("planned", "cancelled"), ("held", "cancelled")}


@pytest.mark.parametrize(
    ("current", "target"), list(itertools.product(IdeaStatus.values, repeat=2))
)
def test_idea_moves_are_exactly_the_table(current, target):
    assert idea_move_allowed(current, target) is ((current, target) in ALLOWED_IDEA_MOVES)


@pytest.mark.parametrize(
    ("current", "target"), list(itertools.product(VisitStatus.values, repeat=2))
)
def test_visit_moves_are_exactly_the_table(current, target):
    assert visit_move_allowed(current, target) is ((current, target) in ALLOWED_VISIT_MOVES)


def test_every_status_has_a_row():
    assert set(IDEA_MOVES) == set(IdeaStatus.values)
    assert set(VISIT_MOVES) == set(VisitStatus.values)
