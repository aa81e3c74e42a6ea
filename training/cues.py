"""Does the form of the bank give its answers away? A simple heuristic, run in the test suite.

A test-taker who knows nothing can still beat chance when the right answers look different from
the wrong ones: when most multiple-choice questions have the same number of right options, when
right options are longer (or shorter), when a word such as "eftersom" or "bara" mostly appears in
wrong options, or when the right answer of a single-choice question sits in one position. Each
check below is such a strategy; ``findings`` names every one that works on the bank.

The bank is the shipped JSON shape: ``{"type", "choices": [{"text", "correct"}]}`` per question.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

# Words that test-wise readers take as a sign of a wrong (or right) option.
CUE_WORDS = (
    "eftersom",
    "alltid",
    "aldrig",
    "endast",
    "enbart",
    "bara",
    "alla",
    "måste",
    "oavsett",
    "inga",
)
MIN_CUE_OPTIONS = 6  # fewer options with the word than this: too rare to learn as a rule
MAX_CUE_DEVIATION = 0.20  # share right among options with the word vs all options
MAX_SAME_COUNT_SHARE = 0.45  # of the multiple-choice questions with one number of right options
MIN_DISTINCT_COUNTS = 3
LENGTH_RATIO = (0.85, 1.15)  # mean length of right options / wrong options
MAX_GAIN_OVER_CHANCE = 0.10  # for "pick the longest", "pick the shortest", "pick position n"
TRUE_SHARE = (0.35, 0.65)  # of true-or-false questions whose answer is "true"


def _options(questions: Iterable[dict]) -> list[dict]:
    return [c for q in questions if q["type"] != "true_false" for c in q["choices"]]


def _number_of_right(questions: list[dict]) -> list[str]:
    multiple = [q for q in questions if q["type"] == "multiple"]
    if not multiple:
        return []
    counts = Counter(sum(bool(c["correct"]) for c in q["choices"]) for q in multiple)
    problems = []
    count, times = counts.most_common(1)[0]
    if times / len(multiple) > MAX_SAME_COUNT_SHARE:
        problems.append(
            f"{times} of {len(multiple)} multiple-choice questions have {count} right options"
        )
    if len(multiple) >= 10 and len(counts) < MIN_DISTINCT_COUNTS:
        problems.append(f"only {len(counts)} different numbers of right options")
    return problems


def _cue_words(questions: list[dict]) -> list[str]:
    options = _options(questions)
    if not options:
        return []
    base = sum(bool(c["correct"]) for c in options) / len(options)
    problems = []
    for word in CUE_WORDS:
        pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
        with_word = [c for c in options if pattern.search(c["text"])]
        if len(with_word) < MIN_CUE_OPTIONS:
            continue
        share = sum(bool(c["correct"]) for c in with_word) / len(with_word)
        if abs(share - base) > MAX_CUE_DEVIATION:
            problems.append(
                f"“{word}”: {share:.0%} of the {len(with_word)} options with it are right, "
                f"{base:.0%} of all options"
            )
    return problems


def _lengths(questions: list[dict]) -> list[str]:
    options = _options(questions)
    right = [len(c["text"]) for c in options if c["correct"]]
    wrong = [len(c["text"]) for c in options if not c["correct"]]
    if not right or not wrong:
        return []
    ratio = (sum(right) / len(right)) / (sum(wrong) / len(wrong))
    low, high = LENGTH_RATIO
    return [] if low <= ratio <= high else [f"right options are {ratio:.2f} × as long as wrong"]


def _at(position: int) -> Callable[[list[dict]], dict]:
    return lambda choices: choices[min(position, len(choices) - 1)]


def _single_choice_strategies(questions: list[dict]) -> list[str]:
    single = [q for q in questions if q["type"] == "single"]
    if not single:
        return []
    chance = sum(1 / len(q["choices"]) for q in single) / len(single)
    strategies: dict[str, Callable[[list[dict]], dict]] = {
        "the longest option": lambda cs: max(cs, key=lambda c: len(c["text"])),
        "the shortest option": lambda cs: min(cs, key=lambda c: len(c["text"])),
    }
    for position in range(max(len(q["choices"]) for q in single)):
        strategies[f"option {position + 1}"] = _at(position)
    problems = []
    for name, pick in strategies.items():
        hits = sum(bool(pick(q["choices"])["correct"]) for q in single) / len(single)
        if hits > chance + MAX_GAIN_OVER_CHANCE:
            problems.append(f"picking {name} is right {hits:.0%} of the time (chance {chance:.0%})")
    return problems


def _true_false(questions: list[dict]) -> list[str]:
    pairs = [q for q in questions if q["type"] == "true_false"]
    if len(pairs) < 10:
        return []
    share = sum(bool(q["choices"][0]["correct"]) for q in pairs) / len(pairs)
    low, high = TRUE_SHARE
    return [] if low <= share <= high else [f"{share:.0%} of true-or-false answers are the first"]


def findings(questions: Iterable[dict]) -> list[str]:
    """Every form pattern that lets someone who does not know the answers beat chance."""
    questions = list(questions)
    return [
        *_number_of_right(questions),
        *_cue_words(questions),
        *_lengths(questions),
        *_single_choice_strategies(questions),
        *_true_false(questions),
    ]
