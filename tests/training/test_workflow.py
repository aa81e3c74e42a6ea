"""The training moves tables: every allowed pair is allowed and every other pair refused."""

import itertools

import pytest

from training import workflow
from training.workflow import ActivityStatus, AttemptState, DiplomaStatus, ProposalStatus

EXPECTED = {
    "attempt": (
        AttemptState,
        workflow.ATTEMPT_MOVES,
        workflow.attempt_move_allowed,
        {("in_progress", "finished"), ("in_progress", "abandoned")},
    ),
    "activity": (
        ActivityStatus,
        workflow.ACTIVITY_MOVES,
        workflow.activity_move_allowed,
        {("submitted", "approved"), ("submitted", "returned")},
    ),
    "proposal": (
        ProposalStatus,
        workflow.PROPOSAL_MOVES,
        workflow.proposal_move_allowed,
        {("new", "accepted"), ("new", "rejected")},
    ),
    "diploma": (
        DiplomaStatus,
        workflow.DIPLOMA_MOVES,
        workflow.diploma_move_allowed,
        {("issued", "revoked")},
    ),
}

PAIRS = [
    pytest.param(record, current, target, id=f"{record}-{current}-{target}")
    for record, (states, _table, _allowed, _expected) in EXPECTED.items()
    for current, target in itertools.product(states.values, states.values)
]


@pytest.mark.parametrize(("record", "current", "target"), PAIRS)
def test_moves_table(record, current, target):
    _states, _table, allowed, expected = EXPECTED[record]
    assert allowed(current, target) is ((current, target) in expected)


@pytest.mark.parametrize("record", list(EXPECTED))
def test_every_state_has_a_row_in_its_table(record):
    states, table, _allowed, _expected = EXPECTED[record]
    assert set(table) == set(states.values)


def test_the_models_use_the_workflow_states():
    from training.models import Attempt, Diploma, PracticalActivity, QuestionProposal

    for model, field, states in (
        (Attempt, "state", AttemptState),
        (PracticalActivity, "status", ActivityStatus),
        (QuestionProposal, "status", ProposalStatus),
        (Diploma, "status", DiplomaStatus),
    ):
        assert model._meta.get_field(field).choices == states.choices
