"""The coordinator's pages: participation per department, statistics, and who may see them."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, official
from training.models import Course
from training.services import attempts

from .conftest import items_of

pytestmark = pytest.mark.django_db

COORDINATOR_PAGES = [
    ("training:coordinator", []),
    ("training:pending", []),
    ("training:diplomas", []),
    ("training:statistics", []),
    ("training:interchange", []),
    ("training:proposals", []),
    ("training:export", ["csv"]),
]


@pytest.mark.parametrize(("name", "args"), COORDINATOR_PAGES)
def test_coordinator_pages_open_for_the_samordnare_and_refuse_a_plain_lots(
    client, lots, samordnare, short_course, name, args
):
    url = reverse(name, args=args)
    client.force_login(lots)
    assert client.get(url).status_code == 403
    client.force_login(samordnare)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_plain_lots_does_not_see_the_link_to_the_overview(client, lots, samordnare, short_course):
    client.force_login(lots)
    assert "Samordnarens översikt" not in client.get(reverse("training:home")).content.decode()
    client.force_login(samordnare)
    assert "Samordnarens översikt" in client.get(reverse("training:home")).content.decode()


def answer_all(user, course, *, right_topics):
    attempts.start_course(user=user, course=course)
    for item in items_of(user):
        choices = item.version.choices.filter(is_correct=item.topic.code in right_topics)
        attempts.answer_question(user=user, item_id=item.pk, choice_ids=[choices.first().pk])


def test_overview_shows_participation_and_progress_per_department(client, samordnare, short_course):
    bygg = DepartmentFactory(code="bygg", name="Samhällsbyggnad")
    miljo = DepartmentFactory(code="miljoavd", name="Miljöavdelningen")
    anna, bo, cecilia = (official(bygg, Role.LOTS) for _ in range(3))
    official(miljo, Role.LOTS)
    answer_all(anna, short_course, right_topics={"bygglov", "miljo"})
    answer_all(bo, short_course, right_topics={"bygglov"})
    attempts.start_course(user=cecilia, course=short_course)

    client.force_login(samordnare)
    page = client.get(reverse("training:coordinator")).content.decode()
    # Members, started, in progress (Cecilia), passed, waiting approvals, diplomas.
    row = page.split("Samhällsbyggnad</th>")[1].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells == ["3", "3", "1", "1", "0", "0"]
    row = page.split("Miljöavdelningen</th>")[1].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells == ["1", "0", "0", "0", "0", "0"]


def test_statistics_show_share_correct_per_question_and_topic_and_weakest_topics(
    client, samordnare, short_course
):
    bygg = DepartmentFactory(code="bygg", name="Samhällsbyggnad")
    for right in ({"bygglov"}, {"bygglov", "miljo"}):
        answer_all(official(bygg, Role.LOTS), short_course, right_topics=right)

    client.force_login(samordnare)
    page = client.get(reverse("training:statistics")).content.decode()
    topics = page.split('data-testid="topic-stats"')[1].split("</table>")[0]
    assert "Miljö och hälsa</th><td>4</td><td>50 %" in topics
    assert "Bygglov och plan</th><td>4</td><td>100 %" in topics
    assert topics.index("Miljö och hälsa") < topics.index("Bygglov och plan")
    weakest = page.split("Svagaste ämnena per avdelning")[1].split("<h2")[0]
    assert "Samhällsbyggnad" in weakest and "Miljö och hälsa: 50 % (2/4)" in weakest
    questions = page.split('data-testid="question-stats"')[1]
    assert "Miljö och hälsa: fråga 1? <span" in questions and "50 %" in questions


def test_the_coordinator_creates_next_years_edition_from_the_overview(
    client, samordnare, short_course
):
    client.force_login(samordnare)
    page = client.post(
        reverse("training:copy_edition"), {"kurs": short_course.pk}, follow=True
    ).content.decode()
    new = Course.objects.get(year=short_course.year + 1)
    assert f"Skapade {new}." in page
    assert new.slots.count() == 4


def test_nightly_item_analysis_computes_facility_and_discrimination(
    client, samordnare, short_course
):
    from training.models import QuestionStatistic
    from training.services.statistics import compute_question_statistics

    bygg = DepartmentFactory(code="bygg", name="Samhällsbyggnad")
    # Strong participants get everything right; weak ones only the first bygglov question.
    for _ in range(2):
        answer_all(official(bygg, Role.LOTS), short_course, right_topics={"bygglov", "miljo"})
    for _ in range(2):
        weak = official(bygg, Role.LOTS)
        attempts.start_course(user=weak, course=short_course)
        for item in items_of(weak):
            right = item.position == 1
            pick = item.version.choices.filter(is_correct=right).first().pk
            attempts.answer_question(user=weak, item_id=item.pk, choice_ids=[pick])

    assert compute_question_statistics(course=short_course) == 4
    stats = {s.version.text: s for s in QuestionStatistic.objects.select_related("version")}
    easy = stats["Bygglov och plan: fråga 1?"]
    hard = stats["Miljö och hälsa: fråga 1?"]
    assert (easy.facility, easy.discrimination) == (1.0, None)  # everyone right: no spread
    assert hard.facility == 0.5 and hard.discrimination == pytest.approx(1.0)

    client.force_login(samordnare)
    page = client.get(reverse("training:statistics")).content.decode()
    assert "<td>1,00</td>" in page
