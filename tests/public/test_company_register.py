"""The public form never writes a known company's register (issue 10, hostile input).

Anyone who knows an organisationsnummer can send the form. A new e-mail address for a known
company adds no contact person that officials might later pick: the case keeps what the
business gave, and an official adds it to the register by hand.
"""

import pytest
from django.urls import reverse

from cases.models import Case, Company
from notifications.models import OutboxMessage

from .conftest import started, swedish

pytestmark = pytest.mark.django_db

INTAKE = "/foretag/"


def test_a_new_address_for_a_known_company_adds_no_contact_and_the_case_shows_it(
    client, form_data, known_company, street_officer, django_capture_on_commit_callbacks
):
    form_data.update(
        contact_name="Mallory Svensson", email="ekonomi@annan.example", phone="073-999 99 99"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(INTAKE, form_data).status_code == 302

    contacts = list(known_company.contacts.values_list("name", "email"))
    assert contacts == [("Kim Karlsson", "kim@cafetorget.example")]
    case = Case.objects.get()
    assert case.company == known_company
    assert case.contact is None
    # The receipt still reaches the address that was typed.
    assert OutboxMessage.objects.filter(recipient="ekonomi@annan.example").count() == 1

    client.force_login(street_officer)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    given = swedish(
        "On the form the business gave “%(given)s”. If the contact person's details have "
        "changed, update them in the company register.",
        given="Mallory Svensson, ekonomi@annan.example, 073-999 99 99",
    )
    assert given in page


def test_the_tracking_link_can_be_asked_for_again_with_the_address_given(
    client, form_data, known_company, mailoutbox, django_capture_on_commit_callbacks
):

    form_data["email"] = "ekonomi@annan.example"
    client.post(INTAKE, form_data)
    number = Case.objects.get().number
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("public:resend_link"),
            {"email": "ekonomi@annan.example", "form_started": started()},
        )
    [mail] = [m for m in mailoutbox if m.to == ["ekonomi@annan.example"]]
    assert number in mail.body


def test_a_new_company_gets_the_contact_person_the_form_gave(client, form_data):
    client.post(INTAKE, form_data)
    company = Company.objects.get()
    assert list(company.contacts.values_list("email", flat=True)) == ["kim@cafetorget.example"]
    assert Case.objects.get().contact.email == "kim@cafetorget.example"
