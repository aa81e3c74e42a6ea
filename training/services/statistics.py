"""Item analysis (Moodle's facility and discrimination index), computed for an edition."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from training.models import AttemptItem, Course, QuestionStatistic


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def compute_question_statistics(*, course: Course) -> int:
    """Recompute the edition's statistics table from the answered items of first attempts
    (retakes hold only the weak topics and would skew the comparison). Returns the row count."""
    rows = AttemptItem.objects.filter(
        attempt__course=course, attempt__is_retake=False, answered_at__isnull=False
    ).values_list("attempt_id", "version_id", "is_correct")
    by_attempt: dict[int, dict[int, int]] = defaultdict(dict)
    for attempt_id, version_id, is_correct in rows.iterator():
        by_attempt[attempt_id][version_id] = int(bool(is_correct))
    items: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for answers in by_attempt.values():
        total, count = sum(answers.values()), len(answers)
        for version_id, score in answers.items():
            if count < 2:
                continue
            rest = (total - score) / (count - 1)
            item_scores, rest_scores = items[version_id]
            item_scores.append(score)
            rest_scores.append(rest)
    now = timezone.now()
    stats = []
    for version_id, (item_scores, rest_scores) in items.items():
        correct = int(sum(item_scores))
        stats.append(
            QuestionStatistic(
                course=course,
                version_id=version_id,
                answered=len(item_scores),
                correct=correct,
                facility=correct / len(item_scores),
                discrimination=_correlation(item_scores, rest_scores),
                computed_at=now,
            )
        )
    with transaction.atomic():
        QuestionStatistic.objects.filter(course=course).delete()
        QuestionStatistic.objects.bulk_create(stats)
    return len(stats)


def compute_open_editions(*, today=None) -> int:
    today = today or timezone.localdate()
    courses = Course.objects.filter(
        opens_on__lte=today, closes_on__gte=today - datetime.timedelta(days=31)
    )
    return sum(compute_question_statistics(course=course) for course in courses)
