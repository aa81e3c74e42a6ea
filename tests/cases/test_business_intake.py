"""What a business sends without an account goes through the same cases write path as the
desk: numbered in one series, with its deadline, search text and history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases import selectors
from cases.errors import CaseClosedForReplies, CaseTypeNotOffered
from cases.models import Case, CaseEvent, EventKind, MessageDirection
from cases.services.business_replies import record_business_reply
from cases.services.cases import change_status
from cases.services.opening import submit_public_matter
from cases.services.registration import due_date_for
from cases.workflow import CaseStatus

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def outdoor_seating(miljo):
    return CaseTypeFactory(name="Uteservering", code="uteservering", lead_department=miljo)


def send_matter(case_type, **overrides):
    fields = {
        "org_number": "556036-0793",
        "company_name": "Café Torget AB",
        "contact_name": "Kim Karlsson",
        "email": "kim@cafetorget.example",
        "case_type": case_type,
        "description": "Vi vill ställa ut åtta bord med parasoller på torget.",
    }
    return submit_public_matter(**(fields | overrides))


def test_a_matter_from_the_form_is_registered_like_one_taken_in_at_the_desk(
    receptionist, reception, outdoor_seating
):
    at_the_desk = a_case(by=receptionist, department=reception)

    case = send_matter(
        outdoor_seating, files=[SimpleUploadedFile("ritning.pdf", PDF, "application/pdf")]
    )

    assert case.sequence == at_the_desk.sequence + 1
    assert case.number.rsplit("/", 1)[0] == at_the_desk.number.rsplit("/", 1)[0]
    assert case.due_date == due_date_for(outdoor_seating, timezone.localdate(case.created_at))
    assert case.title == "Uteservering – Café Torget AB"
    assert case.door.code == "public_form"
    assert (case.opened_by, case.coordinator) == (None, None)
    assert case.lead_department == outdoor_seating.lead_department
    opened, attached = CaseEvent.objects.filter(case=case)
    assert (opened.kind, opened.actor, opened.is_public) == (EventKind.OPENED, None, True)
    assert opened.payload["case_type"] == "Uteservering"
    assert attached.kind == EventKind.ATTACHMENT_ADDED
    assert case.attachments.get().from_business
    # The officials find it by what the business wrote (the search text was refreshed).
    found = selectors.search_cases(Case.objects.all(), "parasoll")
    assert list(found) == [case]


def test_the_same_business_writing_again_keeps_one_company_and_one_contact(outdoor_seating):
    first = send_matter(outdoor_seating)
    second = send_matter(outdoor_seating, org_number="5560360793", email="KIM@cafetorget.example")

    assert second.company == first.company
    assert second.contact == first.contact


def test_only_the_kinds_of_matter_offered_on_the_form_are_taken(miljo):
    internal = CaseTypeFactory(lead_department=miljo, is_public=False)

    with pytest.raises(CaseTypeNotOffered):
        send_matter(internal)
    assert not Case.objects.exists()


def test_a_business_reply_joins_the_case_with_its_file(outdoor_seating):
    case = send_matter(outdoor_seating)

    reply = record_business_reply(
        case=case,
        body="  Här är ritningen.  ",
        files=[SimpleUploadedFile("ritning.pdf", PDF, "application/pdf")],
    )

    assert reply.message.direction == MessageDirection.FROM_BUSINESS
    assert reply.message.body == "Här är ritningen."
    assert reply.resumed is False
    received = case.events.get(kind=EventKind.MESSAGE_RECEIVED)
    assert received.is_public and received.actor is None
    assert received.payload == {"message": reply.message.pk, "from": "Kim Karlsson"}
    assert case.attachments.get().from_business


def test_a_business_reply_to_a_decided_case_is_refused_and_nothing_is_written(
    outdoor_seating, inspector
):
    case = send_matter(outdoor_seating)
    change_status(case=case, to=CaseStatus.DECIDED, by=inspector)

    with pytest.raises(CaseClosedForReplies):
        record_business_reply(case=case, body="Glömde en sak.")
    assert not case.messages.exists()


def test_the_form_cannot_rename_a_registered_company(outdoor_seating):
    registered = send_matter(outdoor_seating).company

    case = send_matter(outdoor_seating, company_name="Någon annans namn AB")

    assert case.company == registered
    registered.refresh_from_db()
    assert registered.name == "Café Torget AB"
    assert case.title == "Uteservering – Café Torget AB"


def test_the_form_cannot_change_a_known_contact_person(outdoor_seating):
    kim = send_matter(outdoor_seating, phone="070-123 45 67").contact

    case = send_matter(outdoor_seating, contact_name="Någon annan", phone="073-999 99 99")

    assert case.contact == kim
    kim.refresh_from_db()
    assert (kim.name, kim.phone) == ("Kim Karlsson", "070-123 45 67")
