"""The last two questions answered at the same moment (two tabs): the attempt is finished."""

import threading

import pytest
from django.db import connection, connections

from training.models import Attempt, AttemptState, CourseResult
from training.services import attempts

from .conftest import items_of


@pytest.mark.django_db(transaction=True)
def test_the_last_answers_given_at_once_finish_the_attempt(lots, short_course):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    attempts.start_course(user=lots, course=short_course)
    items = items_of(lots)
    for item in items[:-2]:
        attempts.answer_question(user=lots, item_id=item.pk, choice_ids=[item.choice_order[0]])
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def answer(item) -> None:
        try:
            barrier.wait()
            attempts.answer_question(user=lots, item_id=item.pk, choice_ids=[item.choice_order[0]])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(item,)) for item in items[-2:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    attempt = Attempt.objects.get(user=lots)
    assert attempt.state == AttemptState.FINISHED
    assert CourseResult.objects.filter(user=lots, course=short_course).exists()
