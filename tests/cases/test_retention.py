"""The retention rule: personal data of finished cases go after the months set in the admin,
and what the statistics need stays."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases import selectors
from cases.errors import CaseError, NotPermitted, TransitionNotAllowed
from cases.identifiers import IdentifierKind, luhn_check_digit
from cases.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseSettings,
    Company,
    ContactPerson,
    EventKind,
    Message,
    Note,
)
from cases.services import retention
from cases.services.business_replies import record_business_reply
from cases.services.cases import change_status
from cases.services.communication import add_note, send_message_to_business
from cases.services.referrals import route_case
from cases.services.retention import anonymise_case, anonymise_expired, months_before
from cases.workflow import CaseStatus
from notifications.models import OutboxMessage
from public.models import CaseAccessToken, IntakeDetails, SurveyInvitation, SurveyResponse
from tests.public.factories import answer

from .factories import CompanyFactory, ContactFactory, a_case

pytestmark = pytest.mark.django_db

STATISTICS_FIELDS = [
    "number",
    "created_at",
    "first_response_at",
    "decided_at",
    "closed_at",
    "status",
    "lead_department_id",
    "opened_in_id",
    "case_type_id",
    "door_id",
    "due_date",
    "paused_working_days",
    "company_id",
    "confidential",
    "title",
]


def finish(case: Case, *, by, months_ago: int, status: str = CaseStatus.CLOSED) -> Case:
    """Close (or decide) the case through the service, then move that moment back in time."""
    change_status(case=case, to=status, by=by)
    moment = months_ago_now(months_ago)
    field = "closed_at" if status == CaseStatus.CLOSED else "decided_at"
    Case.objects.filter(pk=case.pk).update(**{field: moment})
    case.refresh_from_db()
    return case


def months_ago_now(months: int):
    now = timezone.localtime()
    return now.replace(**_ymd(months_before(now.date(), months)))


def _ymd(day):
    return {"year": day.year, "month": day.month, "day": day.day}


def run_rule(django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return anonymise_expired()


def anonymised_events(case: Case) -> int:
    return CaseEvent.objects.filter(case=case, kind=EventKind.ANONYMISED).count()


@pytest.fixture
def full_case(receptionist, reception, bygg):
    """A case with everything a business leaves behind: contact, messages both ways, a file,
    a note, a referral, tracking link, intake details and a survey answer with a comment."""
    contact = ContactFactory(name="Kim Karlsson", email="kim@kimskafe.example", phone="070-1")
    case = a_case(
        by=receptionist,
        department=reception,
        company=contact.company,
        contact=contact,
        description="Kim Karlsson, född 1981, vill öppna kafé.",
    )
    send_message_to_business(case=case, by=receptionist, body="Hej Kim, skicka ritningen.")
    change_status(case=case, to=CaseStatus.WAITING, by=receptionist)
    record_business_reply(
        case=case,
        body="Här är ritningen. /Kim, 070-1",
        files=[SimpleUploadedFile("kim-ritning.txt", b"Ritning av Kim Karlsson")],
    )
    add_note(case=case, by=receptionist, body="Kim ringde från 070-1.")
    route_case(case=case, department=bygg, by=receptionist, request_text="Kims bygglov?")
    CaseAccessToken.objects.create(case=case, token_hash="a" * 64)
    SurveyInvitation.objects.create(case=case, token_hash="b" * 64)
    IntakeDetails.objects.create(
        case=case,
        consent_given_at=timezone.now(),
        company_name_given="Kims Kafé",
        contact_name_given="Kim Svensson",
        contact_phone_given="070-123 45 67",
    )
    case = finish(case, by=receptionist, months_ago=37)
    answer(case, comment="Kim Karlsson var nöjd.", overall=(6, 5, 4))
    return case


def test_a_case_closed_37_months_ago_loses_its_personal_data_and_keeps_its_statistics(
    full_case, django_capture_on_commit_callbacks
):
    before = Case.objects.filter(pk=full_case.pk).values(*STATISTICS_FIELDS).get()
    scores_before = SurveyResponse.objects.filter(case=full_case).values().get()
    stored_file = Attachment.objects.get(case=full_case).file.name
    assert default_storage.exists(stored_file)

    assert run_rule(django_capture_on_commit_callbacks) == 1

    case = Case.objects.get(pk=full_case.pk)
    assert Case.objects.filter(pk=case.pk).values(*STATISTICS_FIELDS).get() == before
    assert case.anonymised_at is not None
    assert case.contact is None
    assert not ContactPerson.objects.filter(name="Kim Karlsson").exists()
    assert "Kim" not in case.description
    assert all("Kim" not in m.body for m in Message.objects.filter(case=case))
    assert Message.objects.filter(case=case).count() == 2  # kept for the first-answer times
    assert all("Kim" not in n.body for n in Note.objects.filter(case=case))
    assert all("Kim" not in r.request_text for r in case.referrals.all())
    assert not Attachment.objects.filter(case=case).exists()
    assert not default_storage.exists(stored_file)
    assert not CaseAccessToken.objects.filter(case=case).exists()
    assert not SurveyInvitation.objects.filter(case=case).exists()
    intake = IntakeDetails.objects.get(case=case)
    assert (intake.company_name_given, intake.contact_name_given, intake.contact_phone_given) == (
        "",
        "",
        "",
    )
    scores_after = SurveyResponse.objects.filter(case=case).values().get()
    assert scores_after == {**scores_before, "comment": ""}
    outbox = OutboxMessage.objects.about(case)
    assert outbox.exists()
    assert all(m.recipient == "" and m.context == {} and m.subject == "" for m in outbox)
    payloads = str(list(CaseEvent.objects.filter(case=case).values_list("payload", flat=True)))
    assert "Kim" not in payloads and "ritning" not in payloads
    assert anonymised_events(case) == 1


def test_a_case_closed_35_months_ago_is_left_as_it_is(receptionist, reception):
    case = finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=35)

    assert anonymise_expired() == 0

    case.refresh_from_db()
    assert case.anonymised_at is None
    assert case.contact is not None
    assert anonymised_events(case) == 0


def test_a_decided_case_counts_from_its_decision(receptionist, reception):
    old = finish(
        a_case(by=receptionist, department=reception),
        by=receptionist,
        months_ago=40,
        status=CaseStatus.DECIDED,
    )

    assert anonymise_expired() == 1
    old.refresh_from_db()
    assert old.anonymised_at is not None


def test_a_reopened_or_active_case_is_never_anonymised(receptionist, reception):
    reopened = finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=40)
    change_status(case=reopened, to=CaseStatus.OPEN, by=receptionist)
    active = a_case(by=receptionist, department=reception)
    Case.objects.filter(pk=active.pk).update(created_at=months_ago_now(60))

    assert anonymise_expired() == 0

    for case in (reopened, active):
        case.refresh_from_db()
        assert case.anonymised_at is None
        with pytest.raises(CaseError):
            anonymise_case(case=case, reason="test")


def test_a_contact_shared_with_a_recent_case_is_kept_until_that_case_is_past_the_rule(
    receptionist, reception
):
    contact = ContactFactory(name="Sam Delad")
    old = finish(
        a_case(by=receptionist, department=reception, company=contact.company, contact=contact),
        by=receptionist,
        months_ago=37,
    )
    recent = finish(
        a_case(by=receptionist, department=reception, company=contact.company, contact=contact),
        by=receptionist,
        months_ago=2,
    )

    assert anonymise_expired() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact is None
    assert recent.contact == contact
    assert ContactPerson.objects.get(pk=contact.pk).name == "Sam Delad"

    Case.objects.filter(pk=recent.pk).update(closed_at=months_ago_now(37))
    assert anonymise_expired() == 1
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()


def test_running_the_rule_twice_changes_nothing_more(full_case, django_capture_on_commit_callbacks):
    assert run_rule(django_capture_on_commit_callbacks) == 1
    events = CaseEvent.objects.filter(case=full_case).count()

    assert run_rule(django_capture_on_commit_callbacks) == 0
    assert anonymise_case(case=full_case, reason="again") is False

    assert CaseEvent.objects.filter(case=full_case).count() == events
    assert anonymised_events(full_case) == 1


def test_the_rule_is_off_at_zero_months(receptionist, reception):
    finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=120)
    CaseSettings.objects.filter(pk=CaseSettings.load().pk).update(retention_months=0)

    assert anonymise_expired() == 0


def test_the_rule_follows_the_months_set_in_the_admin(receptionist, reception):
    case = finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=13)
    CaseSettings.objects.filter(pk=CaseSettings.load().pk).update(retention_months=12)

    assert anonymise_expired() == 1
    case.refresh_from_db()
    assert case.anonymised_at is not None


def sole_trader(owner: str = "Kim Karlsson") -> Company:
    nine = "811218987"
    return CompanyFactory(
        org_number=f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}",
        identifier_kind=IdentifierKind.PERSONNUMMER,
        name=f"{owner} Kafé",
        street_address="Storgatan 1",
        postal_code="577 30",
    )


def test_a_sole_traders_personnummer_is_masked_and_an_aktiebolags_number_kept(
    receptionist, reception
):
    trader = sole_trader()
    personnummer = trader.org_number
    trader_case = finish(
        a_case(by=receptionist, department=reception, company=trader, title="Kim Karlsson Kafé"),
        by=receptionist,
        months_ago=37,
    )
    aktiebolag = CompanyFactory(org_number="556036-0793", name="Testbolaget AB")
    ab_case = finish(
        a_case(by=receptionist, department=reception, company=aktiebolag),
        by=receptionist,
        months_ago=37,
    )

    assert anonymise_expired() == 2

    trader.refresh_from_db()
    assert trader.org_number != personnummer
    assert "811218" not in trader.org_number
    assert "Kim" not in trader.name
    assert (trader.street_address, trader.postal_code) == ("", "")
    trader_case.refresh_from_db()
    assert "Kim" not in trader_case.title
    assert not selectors.search_cases(Case.objects.all(), "Karlsson").exists()
    assert not selectors.search_cases(Case.objects.all(), personnummer).exists()
    aktiebolag.refresh_from_db()
    assert (aktiebolag.org_number, aktiebolag.name) == ("556036-0793", "Testbolaget AB")
    ab_case.refresh_from_db()
    assert ab_case.title == "Ny restaurang vid torget"


def test_a_sole_trader_with_a_recent_case_keeps_the_number_until_that_one_is_past(
    receptionist, reception
):
    trader = sole_trader()
    number = trader.org_number
    finish(
        a_case(by=receptionist, department=reception, company=trader),
        by=receptionist,
        months_ago=37,
    )
    a_case(by=receptionist, department=reception, company=trader)

    assert anonymise_expired() == 1
    trader.refresh_from_db()
    assert trader.org_number == number


def test_only_a_superuser_may_anonymise_by_hand(receptionist, reception, admin_user):
    case = finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=1)

    with pytest.raises(NotPermitted):
        anonymise_case(case=case, by=receptionist, reason="test")
    assert anonymise_case(case=case, by=admin_user, reason="Begäran om radering") is True

    event = CaseEvent.objects.get(case=case, kind=EventKind.ANONYMISED)
    assert event.actor == admin_user
    assert event.payload["reason"] == "Begäran om radering"


def test_the_case_page_says_the_personal_data_were_removed(
    client, full_case, receptionist, django_capture_on_commit_callbacks
):
    run_rule(django_capture_on_commit_callbacks)
    full_case.refresh_from_db()
    client.force_login(receptionist)

    response = client.get(reverse("cases:detail", args=[full_case.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="anonymised"' in body
    assert f"{timezone.localdate(full_case.anonymised_at):%Y-%m-%d}" in body
    assert "Kim" not in body


def test_an_anonymised_case_cannot_be_reopened(receptionist, reception):
    case = finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=37)
    anonymise_expired()

    with pytest.raises(TransitionNotAllowed):
        change_status(case=case, to=CaseStatus.OPEN, by=receptionist)

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_a_case_that_fails_does_not_hold_back_the_others(receptionist, reception, monkeypatch):
    first, second = (
        finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=37)
        for _ in range(2)
    )
    original = retention._scrub_timeline

    def broken_for_the_first(case):
        if case.pk == first.pk:
            raise RuntimeError("disk full")
        original(case)

    monkeypatch.setattr(retention, "_scrub_timeline", broken_for_the_first)

    assert anonymise_expired() == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.anonymised_at is None and first.contact is not None  # rolled back whole
    assert second.anonymised_at is not None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 23), 36, date(2023, 11, 23)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2028, 5, 31), 3, date(2028, 2, 29)),
        (date(2026, 3, 1), 0, date(2026, 3, 1)),
    ],
)
def test_months_are_counted_on_the_calendar(day, months, expected):
    assert months_before(day, months) == expected


def test_the_apps_built_on_cases_remove_their_part_through_the_registered_erasers(
    full_case, django_capture_on_commit_callbacks
):
    """The public door registers its eraser (public/hooks.py): cases does not import it."""
    from cases import hooks
    from public.services.erasure import erase_case

    assert erase_case in hooks.erasers()
    assert run_rule(django_capture_on_commit_callbacks) == 1
    removed = CaseEvent.objects.get(case=full_case, kind=EventKind.ANONYMISED).payload["removed"]
    assert removed["tracking_links"] == 1 and removed["survey_link"] == 1
    assert removed["survey_comment"] == 1


def test_an_eraser_that_fails_rolls_the_whole_anonymisation_back(full_case, monkeypatch):
    from cases import hooks

    seen = []

    def broken(*, case, text):
        seen.append(Case.objects.get(pk=case.pk).contact_id)  # called inside, before the end
        raise RuntimeError("disk full")

    monkeypatch.setattr(hooks, "_erasers", [*hooks.erasers(), broken])
    with pytest.raises(RuntimeError):
        anonymise_case(case=full_case, reason="Begäran om radering")

    case = Case.objects.get(pk=full_case.pk)
    assert seen and case.anonymised_at is None and case.contact is not None
    assert CaseAccessToken.objects.filter(case=case).exists()  # the public eraser ran: undone
    assert IntakeDetails.objects.get(case=case).company_name_given == "Kims Kafé"
    assert "Kim" in Message.objects.filter(case=case).first().body
    assert anonymised_events(case) == 0
