"""The shipped bank's form gives no answer away: a test-taker who knows nothing cannot beat
chance by counting right options, reading lengths, cue words or positions (issue 14, part 3)."""

import pytest

from training import cues
from training.services.bank_file import BANK_PATH, read_bank


@pytest.fixture(scope="module")
def bank():
    return read_bank(BANK_PATH)


def test_no_form_pattern_in_the_shipped_bank_beats_chance(bank):
    assert cues.findings(bank["questions"]) == []


def test_the_multiple_choice_questions_have_varying_numbers_of_right_options(bank):
    counts = {
        sum(c["correct"] for c in q["choices"])
        for q in bank["questions"]
        if q["type"] == "multiple"
    }
    assert len(counts) >= 3


def _multiple(n_right, text="Ett alternativ"):
    return {
        "type": "multiple",
        "choices": [{"text": f"{text} {i}", "correct": i < n_right} for i in range(5)],
    }


def _single(right, wrong):
    return {
        "type": "single",
        "choices": [{"text": right, "correct": True}]
        + [{"text": w, "correct": False} for w in wrong],
    }


def test_the_heuristic_finds_the_same_number_of_right_options_everywhere():
    found = cues.findings([_multiple(3) for _ in range(20)] + [_multiple(4), _multiple(2)])
    assert any("have 3 right options" in f for f in found)


def test_the_heuristic_finds_a_cue_word_in_the_wrong_options():
    questions = [
        _single(f"Rätt svar {i}", [f"Fel {i}, eftersom det låter rimligt", f"Annat fel {i}"])
        for i in range(8)
    ]
    found = cues.findings(questions)
    assert any(f.startswith("“eftersom”") for f in found)


def test_the_heuristic_finds_right_answers_that_are_longer_or_in_one_place():
    questions = [
        _single(f"Det långa och utförligt formulerade rätta svaret nummer {i}", ["Fel", "Nej"])
        for i in range(12)
    ]
    found = cues.findings(questions)
    assert any("as long as wrong" in f for f in found)
    assert any("picking the longest option" in f for f in found)
    assert any("picking option 1" in f for f in found)


def test_the_heuristic_finds_true_or_false_questions_that_are_mostly_true():
    questions = [
        {
            "type": "true_false",
            "choices": [{"text": "Sant", "correct": True}, {"text": "Falskt", "correct": False}],
        }
        for _ in range(10)
    ]
    assert cues.findings(questions) == ["100% of true-or-false answers are the first"]
