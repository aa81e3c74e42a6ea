"""An official takes a short LOTS edition in the browser, gets the diploma, and a visitor
verifies it by its code.

The diploma's PDF is rendered by a Celery task queued when the last answer commits. Here the
test is the worker (issue 13, defect 15): the queued tasks wait until the page says the diploma
is being prepared, then run, so a loaded machine makes the journey slower, never red; no
request renders a PDF and no timeout is raised.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from lotsportal import tasking
from tests.factories import TEST_PASSWORD, DepartmentFactory, official
from tests.training.factories import CourseFactory, TopicFactory, question, requirement
from training.services import practical

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def short_edition():
    today = timezone.localdate()
    course = CourseFactory(
        year=today.year,
        title="LOTS-kursen",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=100),
    )
    for code, name in (("bygglov", "Bygglov och plan"), ("miljo", "Miljö och hälsa")):
        topic = TopicFactory(code=code, name=name)
        for n in (1, 2):
            question(topic, f"{name}: fråga {n}?", course=course)
    return course


@pytest.fixture
def worker(monkeypatch):
    """The Celery worker: tasks queued on commit wait here until ``run()`` is called."""
    queued = []

    def enqueue_now(task, *args, **kwargs):
        queued.append((task, args, kwargs))
        return True

    monkeypatch.setattr(tasking, "enqueue_now", enqueue_now)

    def run():
        while queued:
            task, args, kwargs = queued.pop(0)
            task.apply(args, kwargs).get()  # an error in the task fails the test

    return run


def answer_right(page, text):
    card = page.get_by_test_id("question").filter(has_text=text)
    card.get_by_label("Rätt").check()
    card.get_by_role("button", name="Svara").click()
    expect(page.get_by_test_id("question").filter(has_text=text)).to_contain_text("Rätt!")


def test_official_takes_the_course_gets_the_diploma_and_a_visitor_verifies_it(
    page, sign_in, worker
):
    course = short_edition()
    department = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    anna = official(department, Role.LOTS, full_name="Anna Andersson", email="anna@exempelby.se")
    coordinator = official(DepartmentFactory(code="naringsliv"), Role.SAMORDNARE)
    visit = requirement(course, "company_visit", 1)
    activity = practical.log_activity(
        user=anna,
        course=course,
        requirement=visit,
        date=timezone.localdate(),
        place_or_department="Exempelby Bageri AB",
        learned="Hur bageriet ser på kontrollen.",
    )
    practical.review_activity(activity=activity, by=coordinator, approve=True)

    sign_in("anna@exempelby.se", TEST_PASSWORD)
    page.get_by_role("link", name="Utbildning").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(course))
    progress = page.get_by_role("progressbar")
    expect(progress).to_have_attribute("aria-valuenow", "0")
    page.get_by_role("button", name="Starta kursen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bygglov och plan")
    answer_right(page, "Bygglov och plan: fråga 1?")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "25")
    answer_right(page, "Bygglov och plan: fråga 2?")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "50")

    page.get_by_role("link", name="Nästa ämne: Miljö och hälsa").click()
    answer_right(page, "Miljö och hälsa: fråga 1?")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "75")
    answer_right(page, "Miljö och hälsa: fråga 2?")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")

    page.get_by_role("link", name="Se ditt resultat").click()
    expect(page.get_by_test_id("overall")).to_contain_text("Totalt: 100 %")
    page.get_by_role("link", name="Tillbaka till kursen").click()
    # The last answer queued the diploma; until the worker has made it, the page says so.
    expect(page.get_by_text("Ditt diplom förbereds.")).to_be_visible()
    worker()
    page.reload()

    diploma = page.get_by_test_id("diploma")
    expect(diploma).to_contain_text("Du är diplomerad företagslots")
    with page.expect_download() as download_info:
        diploma.get_by_role("link", name="Hämta ditt diplom (PDF)").click()
    assert download_info.value.suggested_filename == f"LOTS-{course.year}-0001.pdf"
    code = re.search(r"kontrollkod (\w{4}-\w{4}-\w{4})", diploma.inner_text()).group(1)

    page.get_by_role("button", name="Logga ut").click()
    page.goto("/diplom/verifiera/")
    page.get_by_label("Kontrollkod").fill(code.lower())
    page.get_by_role("button", name="Kontrollera").click()
    expect(page.get_by_test_id("diploma-state")).to_have_text("Giltigt")
    expect(page.get_by_text("Anna Andersson")).to_be_visible()
    assert page.url.endswith(f"/diplom/verifiera/{code}/")
