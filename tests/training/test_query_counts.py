"""Every training page costs the same number of queries whatever the amount of data.

Each page is fetched twice, in a small world and in one with more topics, questions,
participants, answers, activities, proposals and diplomas; both must match the pinned count.
"""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, official
from training.models import Diploma
from training.services import attempts, practical, proposals

from .conftest import items_of
from .factories import TopicFactory, question, requirement

pytestmark = pytest.mark.django_db


def grow(course, *, topics: int, per_topic: int, people: int):
    """Make the edition larger and give more participants answers, activities, proposals and
    diplomas."""
    for t in range(topics):
        topic = TopicFactory(code=f"extra-{t}", name=f"Extra {t}", position=10 + t)
        for q in range(per_topic):
            question(topic, f"Extra {t}.{q}?", course=course)
    req = requirement(course, "company_visit", 2)
    for p in range(people):
        department = DepartmentFactory(code=f"avd-{p % 3}", name=f"Avdelning {p % 3}")
        user = official(department, Role.LOTS)
        attempts.start_course(user=user, course=course)
        for item in items_of(user)[:3]:
            right = item.version.choices.filter(is_correct=True).values_list("pk", flat=True)
            attempts.answer_question(user=user, item_id=item.pk, choice_ids=list(right))
        practical.log_activity(
            user=user,
            course=course,
            requirement=req,
            date=datetime.date(course.year, 1, 10),
            place_or_department="Bageriet",
            learned="Mycket",
        )
        proposals.propose_question(by=user, draft_text=f"Fråga {p}?")
        _diploma(user, course, p + 100)


def _diploma(user, course, running: int) -> Diploma:
    return Diploma.objects.create(
        user=user,
        course=course,
        number=f"LOTS-{course.year}-{running:04d}",
        verification_code=f"ABCD-EFGH-{running:04d}",
        issued_at=datetime.datetime(course.year, 6, 1, tzinfo=datetime.UTC),
        valid_until=datetime.date(course.year, 12, 31),
        snapshot={"name": user.full_name, "year": course.year},
    )


@pytest.fixture
def lotta_underway(lots, short_course):
    """Lotta has answered two questions, logged an activity and proposed a question."""
    attempts.start_course(user=lots, course=short_course)
    for item in items_of(lots)[:2]:
        attempts.answer_question(user=lots, item_id=item.pk, choice_ids=[item.choice_order[0]])
    activity = practical.log_activity(
        user=lots,
        course=short_course,
        requirement=requirement(short_course, "council_meeting", 1),
        date=datetime.date(short_course.year, 1, 5),
        place_or_department="Fullmäktige",
        learned="Hur beslut fattas.",
    )
    proposal = proposals.propose_question(by=lots, draft_text="Vad är en F-skatt?")
    diploma = _diploma(lots, short_course, 1)
    return {"activity": activity, "proposal": proposal, "diploma": diploma}


# page: (who looks, url, pinned number of queries)
PAGES = {
    "home": (
        "lots",
        lambda c, w: reverse("training:home"),
        13,
    ),  # + where to go on (issue 13, defect 9)
    "topic": ("lots", lambda c, w: reverse("training:topic", args=[c.pk, c.topics[0].pk]), 8),
    "results": ("lots", lambda c, w: reverse("training:results", args=[c.pk]), 13),
    "practical": ("lots", lambda c, w: reverse("training:practical", args=[c.pk]), 15),
    "propose": ("lots", lambda c, w: reverse("training:propose"), 5),
    "coordinator": ("samordnare", lambda c, w: reverse("training:coordinator"), 7),
    "pending": ("samordnare", lambda c, w: reverse("training:pending"), 4),
    "review": (
        "samordnare",
        lambda c, w: reverse("training:review", args=[w["activity"].pk]),
        4,
    ),
    "diplomas": ("samordnare", lambda c, w: reverse("training:diplomas"), 8),
    "revoke": (
        "samordnare",
        lambda c, w: reverse("training:revoke", args=[w["diploma"].pk]),
        4,
    ),
    "statistics": ("samordnare", lambda c, w: reverse("training:statistics"), 8),
    "review_due": ("samordnare", lambda c, w: reverse("training:review_due"), 8),
    "interchange": ("samordnare", lambda c, w: reverse("training:interchange"), 4),
    "export": ("samordnare", lambda c, w: reverse("training:export", args=["csv"]), 7),
    "proposals": ("samordnare", lambda c, w: reverse("training:proposals"), 4),
    "proposal_review": (
        "samordnare",
        lambda c, w: reverse("training:proposal_review", args=[w["proposal"].pk]),
        5,
    ),
    "verify_form": (None, lambda c, w: reverse("diploma:verify_form"), 0),
    "landing": (None, lambda c, w: reverse("diploma:landing"), 0),
    "verify": (
        None,
        lambda c, w: reverse("diploma:verify", args=[w["diploma"].verification_code]),
        1,
    ),
}


@pytest.mark.parametrize("large", [False, True], ids=["small", "large"])
@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_is_fixed(
    client,
    request,
    lots,
    samordnare,
    short_course,
    lotta_underway,
    page,
    large,
    django_assert_num_queries,
):
    if large:
        grow(short_course, topics=3, per_topic=4, people=6)
    who, url, pinned = PAGES[page]
    if who is not None:
        client.force_login({"lots": lots, "samordnare": samordnare}[who])
    address = url(short_course, lotta_underway)
    with django_assert_num_queries(pinned):
        response = client.get(address)
    assert response.status_code == 200


def test_every_training_page_has_a_pinned_count():
    """The GET pages of the namespaces; the POST-only ones and the PDF download are writes or
    a file."""
    from training.public_urls import urlpatterns as public_patterns
    from training.urls import urlpatterns

    writes = {"start", "answer", "retake", "copy_edition", "diploma_download"}
    names = {p.name for p in urlpatterns} | {p.name for p in public_patterns}
    assert names - writes == set(PAGES)
