"""Every kind of timeline event is defined once (cases/events/), and that one definition is
what the services, the retention rule and the case page use."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import get_template, render_to_string
from django.urls import reverse

from cases import events
from cases.models import (
    Attachment,
    CaseEvent,
    ContactPerson,
    EventKind,
    Message,
    MessageDirection,
    Note,
    Referral,
)
from cases.services.cases import change_status
from cases.services.events import record, record_event
from cases.services.retention import anonymise_case
from cases.workflow import CaseStatus

from .factories import a_case

pytestmark = pytest.mark.django_db

# Free text about a person, put into every personal field an event can carry.
PERSONAL = "Kim Hemligsson 070-999"


def build_every_kind(case, official, other_department):
    """One event of each kind, with ``PERSONAL`` wherever the payload holds a person's text."""
    referral = Referral.objects.create(
        case=case,
        department=other_department,
        requested_by=official,
        request_text=f"Bygglov för {PERSONAL}?",
        answer_text=f"Svar till {PERSONAL}",
        decline_reason=f"Fel avdelning för {PERSONAL}",
        due_date=case.due_date,
    )
    note = Note.objects.create(case=case, author=official, body="Ringde.")
    sent = Message.objects.create(case=case, direction=MessageDirection.TO_BUSINESS, body="Hej")
    received = Message.objects.create(
        case=case, direction=MessageDirection.FROM_BUSINESS, body="Tack"
    )
    attachment = Attachment(case=case, original_name=f"{PERSONAL}.pdf", size=3, from_business=True)
    by = {"actor": official}
    built = {
        EventKind.OPENED: events.opened(
            case=case,
            door=case.door,
            department=case.opened_in,
            case_type=case.case_type,
            **by,
        ),
        EventKind.STATUS_CHANGED: events.status_changed(
            case=case,
            from_status=CaseStatus.WAITING,
            to_status=CaseStatus.OPEN,
            comment=f"{PERSONAL} ringde",
            to_business=f"{PERSONAL} får ett svar",
            by_business=True,
            paused_working_days=2,
            reopened=True,
            **by,
        ),
        EventKind.COORDINATOR_CHANGED: events.coordinator_changed(
            case=case, previous=None, coordinator=official, **by
        ),
        EventKind.ROUTED: events.routed(referral=referral, **by),
        EventKind.REFERRAL_ACCEPTED: events.referral_accepted(referral=referral, **by),
        EventKind.REFERRAL_ANSWERED: events.referral_answered(referral=referral, **by),
        EventKind.REFERRAL_DECLINED: events.referral_declined(referral=referral, **by),
        EventKind.REFERRAL_WITHDRAWN: events.referral_withdrawn(referral=referral, **by),
        EventKind.REFERRAL_REROUTED: events.referral_rerouted(
            referral=referral, from_department=case.opened_in, **by
        ),
        EventKind.NOTE_ADDED: events.note_added(note=note, **by),
        EventKind.MESSAGE_SENT: events.message_sent(message=sent, to=PERSONAL, **by),
        EventKind.MESSAGE_RECEIVED: events.message_received(message=received, from_name=PERSONAL),
        EventKind.ATTACHMENT_ADDED: events.attachment_added(attachment=attachment, **by),
        EventKind.ANONYMISED: events.anonymised(
            case=case, reason="Begäran", removed={"messages": 2, "contact": True}, **by
        ),
        EventKind.CONTACT_SET: events.contact_set(
            case=case, contact=ContactPerson(pk=7, company=case.company, name=PERSONAL), **by
        ),
        EventKind.ARCHIVE_EXPORTED: events.archive_exported(
            case=case, package="lotsportalen-lots-2026-1-x", sha256="0" * 64, size=10, **by
        ),
        EventKind.GUARANTEE_BREACHED: events.guarantee_breached(
            case=case,
            promise="svara inom 2 arbetsdagar",
            deadline=case.created_at,
            department="Bygg",
        ),
        EventKind.FEE_RECORDED: events.fee_recorded(case=case, fee_kronor=12000, **by),
        EventKind.COMPLETION_REQUESTED: events.completion_requested(
            case=case,
            asked_on=date(2026, 3, 9),
            restarts=True,
            window_closes=date(2026, 3, 23),
            what=f"Ritning från {PERSONAL}",
            **by,
        ),
        EventKind.DOCUMENTS_RECEIVED: events.documents_received(
            case=case,
            received_on=date(2026, 4, 20),
            own_initiative=False,
            statutory_due_date=date(2026, 6, 29),
            **by,
        ),
        EventKind.STATUTORY_EXTENDED: events.statutory_extended(
            case=case,
            weeks=10,
            statutory_due_date=date(2026, 9, 7),
            to_business=f"{PERSONAL}: remissvar dröjer",
            **by,
        ),
        EventKind.OUTSIDE_QUESTION_SENT: events.outside_question_sent(
            case=case,
            question=1,
            party="Polisen",
            email=f"{PERSONAL}@polisen.example",
            text=f"Känner ni till {PERSONAL}?",
            expires=case.created_at,
            **by,
        ),
        EventKind.OUTSIDE_ANSWER_RECEIVED: events.outside_answer_received(
            case=case,
            question=1,
            party="Polisen",
            answer=f"{PERSONAL} är känd",
            attachment=Attachment(pk=9, case=case, original_name=f"{PERSONAL}.pdf", size=3),
        ),
        EventKind.OUTSIDE_QUESTION_REVOKED: events.outside_question_revoked(
            case=case, question=1, party="Polisen", **by
        ),
        EventKind.CASE_EDITED: events.case_edited(
            case=case, changes=[("title", "Kafé", f"Kafé hos {PERSONAL}")], **by
        ),
        EventKind.CASE_LINKED: events.case_linked(case=case, other=case, **by),
        EventKind.CASE_MERGED: events.case_merged(case=case, other=case, kept=True, **by),
        EventKind.ASSIGNED: events.assigned(
            case=case, previous=None, assignee=official, referral=referral, **by
        ),
        EventKind.INTAKE_ANSWERS_CHANGED: events.intake_answers_changed(
            case=case, changes=[("Kontaktperson på plats", "", f"{PERSONAL} i kassan")], **by
        ),
    }
    return built


def test_every_event_kind_has_exactly_one_definition_with_one_builder():
    assert sorted(events.REGISTRY) == sorted(EventKind.values)
    builders = [definition.builder for definition in events.REGISTRY.values()]
    assert None not in builders
    assert len(set(builders)) == len(builders)
    assert events.PUBLIC_EVENT_KINDS == {
        EventKind.OPENED,
        EventKind.STATUS_CHANGED,
        EventKind.MESSAGE_SENT,
        EventKind.MESSAGE_RECEIVED,
        # PBL's clock: the applicant sees the completion request, the documents and the
        # extension on the tracking page.
        EventKind.COMPLETION_REQUESTED,
        EventKind.DOCUMENTS_RECEIVED,
        EventKind.STATUTORY_EXTENDED,
        EventKind.CASE_MERGED,
    }


def test_a_kind_cannot_be_defined_twice_nor_get_a_second_builder():
    with pytest.raises(ImproperlyConfigured):
        events.define(EventKind.OPENED, events.OpenedPayload)
    with pytest.raises(ImproperlyConfigured):
        events.OPENED.builds(lambda **kwargs: None)
    assert events.REGISTRY[EventKind.OPENED].builder is events.opened


def test_a_personal_key_must_be_a_key_of_the_payload():
    with pytest.raises(ImproperlyConfigured):
        events.EventDefinition(
            EventKind.OPENED, events.OpenedPayload, personal=("name",), public=False
        )


def test_every_builder_writes_exactly_the_declared_keys(receptionist, reception, bygg):
    case = a_case(by=receptionist, department=reception)
    built = build_every_kind(case, receptionist, bygg)
    assert sorted(built) == sorted(EventKind.values)
    for kind, event in built.items():
        definition = events.REGISTRY[kind]
        assert event.kind == kind
        assert event.pk is None  # built, not saved: the service or the generator saves it
        assert definition.required_keys <= set(event.payload) <= definition.keys, kind
        assert event.is_public == definition.public


def test_a_payload_with_an_undeclared_or_a_missing_key_is_refused(receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    with pytest.raises(ValueError, match="do not match"):
        events.NOTE_ADDED.new(case=case, actor=None, at=None, payload={"note": 1, "body": "x"})
    with pytest.raises(ValueError, match="do not match"):
        record_event(case=case, kind=EventKind.MESSAGE_SENT, payload={"message": 1})


def test_every_kind_has_its_fragment_and_it_renders(receptionist, reception, bygg):
    case = a_case(by=receptionist, department=reception)
    for kind, event in build_every_kind(case, receptionist, bygg).items():
        assert event.template_name == f"cases/events/{kind}.html"
        get_template(event.template_name)  # exists
        html = render_to_string("cases/includes/timeline_entry.html", {"event": event})
        assert f'data-kind="{kind}"' in html


def test_the_routed_fragment_shows_the_department_and_the_request(receptionist, reception, bygg):
    case = a_case(by=receptionist, department=reception)
    event = build_every_kind(case, receptionist, bygg)[EventKind.ROUTED]
    html = render_to_string("cases/includes/timeline_entry.html", {"event": event})
    assert "Samhällsbyggnad" in html and f"Bygglov för {PERSONAL}?" in html


def test_every_personal_key_is_removed_by_the_retention_rule(
    client, receptionist, reception, bygg, django_capture_on_commit_callbacks
):
    case = a_case(by=receptionist, department=reception)
    for event in build_every_kind(case, receptionist, bygg).values():
        if event.kind != EventKind.ANONYMISED:
            record(event)
    stored = {e.kind: e.payload for e in CaseEvent.objects.filter(case=case)}
    for kind, keys in events.personal_payload_keys().items():
        for key in keys:
            # (str: a key may hold a list, the changes of a "case edited" event)
            assert PERSONAL in str(stored[kind][key]), (kind, key)  # the test can fail
    change_status(case=case, to=CaseStatus.CLOSED, by=receptionist)
    client.force_login(receptionist)
    page = reverse("cases:detail", args=[case.pk])
    assert PERSONAL in client.get(page).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise_case(case=case, reason="Begäran om radering")

    payloads = str(list(CaseEvent.objects.filter(case=case).values_list("payload", flat=True)))
    assert PERSONAL not in payloads
    assert "Kim" not in payloads
    html = client.get(page).content.decode()
    assert 'data-testid="anonymised"' in html
    assert "Kim" not in html
