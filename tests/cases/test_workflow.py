"""The moves tables: every allowed pair is allowed and every other pair refused."""

import itertools

import pytest

from cases.workflow import (
    CASE_MOVES,
    REFERRAL_MOVES,
    CaseStatus,
    ReferralStatus,
    case_move_allowed,
    referral_move_allowed,
)

EXPECTED_CASE_MOVES = {
    ("new", "open"),
    ("new", "waiting"),
    ("new", "decided"),
    ("new", "closed"),
    ("open", "waiting"),
    ("open", "decided"),
    ("open", "closed"),
    ("waiting", "open"),
    ("waiting", "decided"),
    ("waiting", "closed"),
    ("decided", "open"),
    ("decided", "closed"),
    ("closed", "open"),
}

EXPECTED_REFERRAL_MOVES = {
    ("sent", "accepted"),
    ("sent", "answered"),
    ("sent", "declined"),
    ("sent", "withdrawn"),
    ("accepted", "answered"),
    ("accepted", "declined"),
    ("accepted", "withdrawn"),
}


@pytest.mark.parametrize(
    ("current", "target"), list(itertools.product(CaseStatus.values, CaseStatus.values))
)
def test_case_moves_table(current, target):
    assert case_move_allowed(current, target) is ((current, target) in EXPECTED_CASE_MOVES)


@pytest.mark.parametrize(
    ("current", "target"), list(itertools.product(ReferralStatus.values, ReferralStatus.values))
)
def test_referral_moves_table(current, target):
    assert referral_move_allowed(current, target) is ((current, target) in EXPECTED_REFERRAL_MOVES)


def test_every_status_has_a_row_in_its_table():
    assert set(CASE_MOVES) == set(CaseStatus.values)
    assert set(REFERRAL_MOVES) == set(ReferralStatus.values)
