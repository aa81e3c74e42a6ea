"""An official adds the contact the business gave on the form to the company register (issue 10).

The public form keeps a new address for a known company on the case only. On the case page an
official who manages the case presses one button: the address becomes a contact person of the
company (once, however often it is pressed) and the case's contact, and the case can write to
the business again.
"""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils.html import escape

from cases.models import Case, CaseEvent, ContactPerson, EventKind
from cases.services.access import sync_case_access
from cases.services.cases import change_status
from cases.services.retention import anonymise_case
from cases.workflow import CaseStatus
from notifications.models import OutboxMessage
from public.services.contacts import register_given_contact
from public.services.submissions import submit_matter
from tests.factories import DepartmentFactory, official

from .conftest import swedish

pytestmark = pytest.mark.django_db

INTAKE = "/foretag/"
GIVEN = "Mallory Svensson, ekonomi@annan.example, 073-999 99 99"
# The case page of a form case (no notes, referrals or messages yet); see
# tests/cases/test_query_counts.py for the page with many of them.
# 12, plus the service guarantees that apply, the cases of the same matter, the standard texts,
# the edit form's two lists, the assign form's colleagues and the intake answers.
FORM_CASE_DETAIL_QUERIES = 19
BUTTON = "Add to the company register and use as the case's contact"


@pytest.fixture
def form_case(client, form_data, known_company, django_capture_on_commit_callbacks):
    """A case sent on the public form with a new address for the known company."""
    form_data.update(
        contact_name="Mallory Svensson", email="ekonomi@annan.example", phone="073-999 99 99"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(INTAKE, form_data).status_code == 302
    client.cookies.clear()
    case = Case.objects.get()
    assert case.contact is None
    return case


def page_of(client, case) -> str:
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def press(client, case, **kwargs):
    return client.post(reverse("public:register_contact", args=[case.pk]), follow=True, **kwargs)


def test_the_official_adds_the_given_contact_once_and_can_write_to_the_business(
    client, form_case, known_company, street_officer, django_capture_on_commit_callbacks
):
    client.force_login(street_officer)
    page = page_of(client, form_case)
    assert GIVEN in page
    assert swedish(BUTTON) in page
    assert 'data-testid="register-contact"' in page
    # Before: nobody to write to.
    assert swedish("Add a contact person with an e-mail address to write to the business.") in page

    response = press(client, form_case)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("cases:detail", args=[form_case.pk])
    html = response.content.decode()
    done = "The contact person is in the company register and is the case's contact."
    assert escape(swedish(done)) in html
    assert "Mallory Svensson, ekonomi@annan.example, 073-999 99 99" in html  # the contact line
    assert 'data-kind="contact_set"' in html
    assert 'data-testid="register-contact"' not in html  # done: no button any more

    # Pressed again (a double click, a second tab): still one contact person, one event.
    press(client, form_case)
    added = known_company.contacts.filter(email__iexact="ekonomi@annan.example")
    assert list(added.values_list("name", "email", "phone")) == [
        ("Mallory Svensson", "ekonomi@annan.example", "073-999 99 99")
    ]
    assert known_company.contacts.count() == 2
    form_case.refresh_from_db()
    assert form_case.contact == added.get()
    events = CaseEvent.objects.filter(case=form_case, kind=EventKind.CONTACT_SET)
    assert list(events.values_list("payload__name", "actor")) == [
        ("Mallory Svensson", street_officer.pk)
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:message", args=[form_case.pk]),
            {"message-body": "Hej! Vi behöver en ritning."},
            follow=True,
        )
    assert response.status_code == 200
    assert "Hej! Vi behöver en ritning." in response.content.decode()
    queued = OutboxMessage.objects.filter(recipient="ekonomi@annan.example")
    assert queued.count() == 2  # the receipt of the form, then the message
    message = queued.order_by("pk").last()
    assert message.template.endswith("message_to_business")
    assert message.context["body"] == "Hej! Vi behöver en ritning."


def test_a_contact_of_the_company_with_the_same_address_is_reused(
    client, form_case, known_company, street_officer
):
    """Someone put the address in the register meanwhile (in other letters): no second one."""
    existing = ContactPerson.objects.create(
        company=known_company, name="Mallory S", email="EKONOMI@annan.example"
    )
    client.force_login(street_officer)

    press(client, form_case)

    form_case.refresh_from_db()
    assert known_company.contacts.filter(email__iexact="ekonomi@annan.example").count() == 1
    assert form_case.contact == existing
    html = page_of(client, form_case)
    # The stored name stays; the page notes the one the form gave.
    assert "Mallory S, EKONOMI@annan.example" in html


def test_an_official_who_does_not_manage_the_case_sees_no_button_and_is_refused(
    client, form_case, known_company
):
    stranger = official(DepartmentFactory(name="Kultur", code="kultur"))
    client.force_login(stranger)
    page = page_of(client, form_case)
    assert GIVEN in page  # every official reads the case
    assert 'data-testid="register-contact"' not in page

    response = client.post(reverse("public:register_contact", args=[form_case.pk]))

    assert response.status_code == 400
    assert swedish("You may not do that on this case.") in response.content.decode()
    assert known_company.contacts.count() == 1
    form_case.refresh_from_db()
    assert form_case.contact is None


def test_a_case_the_official_may_not_see_is_not_found(client, form_case, known_company):
    Case.objects.filter(pk=form_case.pk).update(confidential=True)
    sync_case_access(form_case.pk)
    client.force_login(official(DepartmentFactory(name="Kultur", code="kultur")))

    response = client.post(reverse("public:register_contact", args=[form_case.pk]))

    assert response.status_code == 404
    assert known_company.contacts.count() == 1


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, form_case, known_company):
    response = client.post(reverse("public:register_contact", args=[form_case.pk]))

    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]
    assert known_company.contacts.count() == 1


def test_a_get_is_not_allowed(client, form_case, street_officer):
    client.force_login(street_officer)
    response = client.get(reverse("public:register_contact", args=[form_case.pk]))
    assert response.status_code == 405


def test_an_anonymised_case_is_refused_with_a_message(
    client, form_case, known_company, street_officer, django_capture_on_commit_callbacks
):
    change_status(case=form_case, to=CaseStatus.CLOSED, by=street_officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise_case(case=form_case, reason="Begäran om radering")
    client.force_login(street_officer)

    response = client.post(reverse("public:register_contact", args=[form_case.pk]))

    assert response.status_code == 400
    assert (
        swedish("The personal data of this case were removed: open a new case instead.")
        in response.content.decode()
    )
    assert known_company.contacts.count() == 1


def test_a_case_without_a_given_address_is_refused_with_a_message(
    client, form_case, known_company, street_officer
):
    from public.models import IntakeDetails

    IntakeDetails.objects.filter(case=form_case).update(contact_email_given="")
    client.force_login(street_officer)
    page = page_of(client, form_case)
    assert 'data-testid="register-contact"' not in page

    response = client.post(reverse("public:register_contact", args=[form_case.pk]))

    assert response.status_code == 400
    assert swedish("The business gave no e-mail address on the form.") in response.content.decode()
    assert known_company.contacts.count() == 1


def test_the_case_page_with_the_given_contact_and_its_button_keeps_its_query_count(
    client, form_case, street_officer, django_assert_num_queries
):
    client.force_login(street_officer)
    # As many as before the button (measured on this page without it): the fragment reads
    # nothing of its own and the permission uses the roles the page has read already.
    with django_assert_num_queries(FORM_CASE_DETAIL_QUERIES):
        html = page_of(client, form_case)
    assert 'data-testid="register-contact"' in html


@pytest.mark.django_db(transaction=True)
def test_officials_pressing_at_the_same_moment_add_one_contact_person(
    outdoor_seating, known_company, street_officer
):
    """Four presses at once, on two cases of the company that gave the same new address."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    cases = [
        submit_matter(
            org_number=known_company.org_number,
            company_name=known_company.name,
            contact_name="Mallory Svensson",
            email=address,
            phone="073-999 99 99",
            case_type=outdoor_seating,
            description="Vi vill ha en uteservering med åtta bord på torget från maj.",
        ).case
        for address in ("ekonomi@annan.example", "Ekonomi@Annan.example")
    ]
    assert all(case.contact is None for case in cases)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def press_once(case) -> None:
        try:
            barrier.wait()
            register_given_contact(case=case, by=street_officer)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_once, args=(cases[i % 2],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    [added] = known_company.contacts.filter(email__iexact="ekonomi@annan.example")
    for case in cases:
        case.refresh_from_db()
        assert case.contact == added
        assert CaseEvent.objects.filter(case=case, kind=EventKind.CONTACT_SET).count() == 1
