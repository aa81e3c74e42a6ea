"""The business follows its matter on a private page, replies, and gets its link again."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role
from cases.models import Case, EventKind, Message, MessageDirection
from cases.services.cases import change_coordinator, change_status
from cases.services.communication import send_message_to_business
from cases.workflow import CaseStatus
from lotsportal.public_forms import new_once_key
from notifications.models import OutboxMessage
from notifications.services import render_message
from public.models import CaseAccessToken
from tests.factories import DepartmentFactory, official

from .conftest import BUSINESS, pdf, started

pytestmark = pytest.mark.django_db


def track_url(submitted) -> str:
    return reverse("public:track", args=[submitted.token])


def close(case, by, days_ago=0):
    change_status(case=case, to=CaseStatus.CLOSED, by=by)
    Case.objects.filter(pk=case.pk).update(
        closed_at=Case.objects.get(pk=case.pk).closed_at - timedelta(days=days_ago)
    )


def test_the_business_sees_status_expected_date_and_that_the_department_has_it(client, submitted):
    page = client.get(track_url(submitted)).content.decode()

    case = submitted.case
    assert case.number in page
    with translation.override("sv"):
        assert f'id="case-status">{CaseStatus.NEW.label}</dd>' in page
    assert case.due_date.strftime("%Y-%m-%d") in page
    assert "Inte utsedd ännu – Teknik och gata tar hand om ditt ärende." in page
    assert "Ditt ärende registrerades" in page
    assert "Det du skrev" in page and "åtta bord på torget" in page
    assert 'name="robots" content="noindex, nofollow"' in page


def test_the_business_sees_its_coordinator_and_the_coordinators_message(
    client, submitted, street_officer
):
    change_coordinator(case=submitted.case, coordinator=street_officer, by=street_officer)
    send_message_to_business(
        case=submitted.case, by=street_officer, body="Hej! Skicka gärna en ritning över torget."
    )
    change_status(case=submitted.case, to=CaseStatus.WAITING, by=street_officer)

    page = client.get(track_url(submitted)).content.decode()

    assert "David Persson, Teknik och gata" in page
    assert "Skicka gärna en ritning över torget." in page
    assert "Meddelande från kommunen" in page
    with translation.override("sv"):
        assert f"Ny status: {CaseStatus.WAITING.label}" in page


def test_internal_notes_and_referral_texts_never_reach_the_business(
    client, submitted, street_officer, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from cases.services.communication import add_note
    from cases.services.referrals import decline_referral, route_case
    from public.services.survey import send_survey_invitations

    settings.SURVEY_DELAY_HOURS = 0
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    inspector = official(miljo, Role.LOTS, full_name="Ali Karimi")
    markers = {
        "note": "INTERN-ANTECKNING-7781",
        "referral": "REMISSTEXT-5512",
        "decline": "AVBÖJT-SKÄL-9034",
        "status": "STATUSKOMMENTAR-2207",
    }
    with django_capture_on_commit_callbacks(execute=True):
        case = submitted.case
        change_coordinator(case=case, coordinator=street_officer, by=street_officer)
        add_note(case=case, by=street_officer, body=f"Ring polisen först. {markers['note']}")
        referral = route_case(
            case=case,
            department=miljo,
            by=street_officer,
            request_text=f"Behövs livsmedelsregistrering? {markers['referral']}",
        )
        decline_referral(referral=referral, by=inspector, reason=markers["decline"])
        send_message_to_business(case=case, by=street_officer, body="Vi återkommer snart.")
        change_status(  # the coordinator's note opened it: it now waits for the business
            case=case, to=CaseStatus.WAITING, by=street_officer, comment=markers["status"]
        )
    page = client.get(track_url(submitted)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("public:resend_link"), {"email": BUSINESS, "form_started": started()})
        close(case, street_officer)
        send_survey_invitations()

    assert "Vi återkommer snart." in page
    # Every e-mail to the business, sent or still in the outbox, as the business reads it.
    rendered = [render_message(m) for m in OutboxMessage.objects.filter(recipient=BUSINESS)]
    templates = set(
        OutboxMessage.objects.filter(recipient=BUSINESS).values_list("template", flat=True)
    )
    assert {
        "public/email/receipt",
        "cases/email/message_to_business",
        "public/email/tracking_links",
        "public/email/survey",
    } <= templates
    rendered += [(m.subject, m.body) for m in mailoutbox if BUSINESS in m.to]
    for marker in markers.values():
        assert marker not in page
        for subject, body in rendered:
            assert marker not in subject
            assert marker not in body
    # The officials' own e-mail did carry the referral text: the marker is real.
    assert any(markers["referral"] in m.body for m in mailoutbox if BUSINESS not in m.to)


def test_an_unknown_link_gets_a_kind_not_found_page(client, submitted):
    response = client.get(reverse("public:track", args=["not-a-real-token"]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Länken fungerar inte" in page
    assert 'href="/foretag/lank/"' in page


def test_a_link_expires_a_configurable_time_after_the_case_was_closed(
    client, submitted, street_officer, settings
):
    settings.TRACKING_LINK_DAYS_AFTER_CLOSE = 90
    close(submitted.case, street_officer, days_ago=89)
    assert client.get(track_url(submitted)).status_code == 200

    Case.objects.filter(pk=submitted.case.pk).update(closed_at=timezone.now() - timedelta(days=91))
    response = client.get(track_url(submitted))
    assert response.status_code == 404
    assert "Länken fungerar inte" in response.content.decode()


def test_the_business_replies_with_a_file_and_the_coordinator_is_told(
    client, submitted, street_officer, mailoutbox, django_capture_on_commit_callbacks
):
    change_coordinator(case=submitted.case, coordinator=street_officer, by=street_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            track_url(submitted),
            {
                "once_key": new_once_key(),
                "body": "Här kommer ritningen över torget.",
                "attachments": [pdf()],
            },
        )

    assert response.status_code == 302
    message = Message.objects.get(case=submitted.case)
    assert message.direction == MessageDirection.FROM_BUSINESS
    event = submitted.case.events.get(kind=EventKind.MESSAGE_RECEIVED)
    assert event.is_public
    assert submitted.case.attachments.get().from_business
    [notice] = [m for m in mailoutbox if m.to == ["david@kommun.example"]]
    assert "Här kommer ritningen över torget." in notice.body
    page = client.get(response["Location"]).content.decode()
    assert "Tack! Ditt svar har lagts till i ärendet." in page
    assert "Här kommer ritningen över torget." in page
    assert "ritning.pdf" in page


def test_without_a_coordinator_the_reply_goes_to_the_lead_departments_inbox(
    client, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(track_url(submitted), {"once_key": new_once_key(), "body": "Kan ni ringa mig?"})
    assert any(
        m.to == ["teknik@kommun.example"] and "Kan ni ringa mig?" in m.body for m in mailoutbox
    )


def test_a_reply_to_a_closed_case_is_refused_and_the_text_kept(client, submitted, street_officer):
    close(submitted.case, street_officer)
    response = client.post(
        track_url(submitted), {"once_key": new_once_key(), "body": "Glömde en sak."}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Ärendet är avslutat, så det går inte längre att svara i det." in page
    assert "Glömde en sak." in page
    assert not Message.objects.filter(direction=MessageDirection.FROM_BUSINESS).exists()


def test_a_disguised_file_in_a_reply_is_refused_and_the_text_kept(client, submitted):
    fake = SimpleUploadedFile("bild.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "image/png")
    response = client.post(
        track_url(submitted),
        {"once_key": new_once_key(), "body": "Se bilden.", "attachments": [fake]},
    )
    page = response.content.decode()
    assert "fil tas inte emot" in page
    assert "Se bilden." in page
    assert not Message.objects.exists()


def test_the_tracking_page_reads_a_fixed_number_of_queries(
    client, submitted, street_officer, django_assert_max_num_queries
):
    change_coordinator(case=submitted.case, coordinator=street_officer, by=street_officer)
    # 5, 1 for the case's service guarantees ("Vi lovar att …", cases.guarantees) and 1 for
    # the answers to the intake questions.
    with django_assert_max_num_queries(7):
        client.get(track_url(submitted))
    for n in range(15):
        send_message_to_business(case=submitted.case, by=street_officer, body=f"Meddelande {n}")
        client.post(track_url(submitted), {"once_key": new_once_key(), "body": f"Svar {n}"})
    with django_assert_max_num_queries(7):
        page = client.get(track_url(submitted)).content.decode()
    assert "Meddelande 14" in page and "Svar 14" in page


def test_the_link_can_be_sent_again_and_the_old_one_still_works(
    client, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("public:resend_link"), {"email": BUSINESS.upper(), "form_started": started()}
        )
    assert response.status_code == 200
    assert "Titta i din e-post" in response.content.decode()
    [mail] = [m for m in mailoutbox if m.to == [BUSINESS.upper()]]
    assert submitted.case.number in mail.body
    new_link = mail.body.split(settings_site())[1].split()[0]
    assert client.get(new_link).status_code == 200
    assert client.get(track_url(submitted)).status_code == 200
    assert CaseAccessToken.objects.filter(case=submitted.case).count() == 2


def main_part(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def settings_site():
    from django.conf import settings

    return settings.SITE_URL


def test_the_answer_is_the_same_for_an_unknown_address(
    client, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            reverse("public:resend_link"), {"email": BUSINESS, "form_started": started()}
        )
        unknown = client.post(
            reverse("public:resend_link"),
            {"email": "okand@example.com", "form_started": started()},
        )
    assert known.status_code == unknown.status_code == 200
    assert main_part(known) == main_part(unknown)
    assert not [m for m in mailoutbox if m.to == ["okand@example.com"]]


def test_no_link_is_sent_for_a_case_whose_link_has_expired(
    client, submitted, street_officer, mailoutbox, django_capture_on_commit_callbacks
):
    close(submitted.case, street_officer, days_ago=120)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("public:resend_link"), {"email": BUSINESS, "form_started": started()})
    assert not [m for m in mailoutbox if m.to == [BUSINESS]]


def test_asking_for_links_too_often_is_refused_with_a_clear_message(client, settings):
    settings.PUBLIC_LINK_RATE = "1/h"
    data = {"email": "kim@cafetorget.example", "form_started": started()}
    assert client.post(reverse("public:resend_link"), data).status_code == 200
    response = client.post(reverse("public:resend_link"), data)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Du har skickat formuläret många gånger" in page
    assert 'value="kim@cafetorget.example"' in page


def test_the_link_form_refuses_a_filled_honeypot(client, mailoutbox, submitted):
    response = client.post(
        reverse("public:resend_link"),
        {"email": BUSINESS, "form_started": started(), "website": "x"},
    )
    assert "Formuläret kunde inte skickas" in response.content.decode()
    assert not CaseAccessToken.objects.filter(case=submitted.case).count() > 1


def test_too_many_replies_from_one_address_are_refused_and_the_text_kept(
    client, submitted, settings
):
    settings.PUBLIC_REPLY_RATE = "1/h"
    assert (
        client.post(
            track_url(submitted), {"once_key": new_once_key(), "body": "Första svaret."}
        ).status_code
        == 302
    )
    response = client.post(
        track_url(submitted), {"once_key": new_once_key(), "body": "Andra svaret."}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "Du har skickat formuläret många gånger" in page
    assert "Andra svaret." in page
    assert Message.objects.filter(direction=MessageDirection.FROM_BUSINESS).count() == 1


def test_a_closed_cases_page_offers_no_reply_form_and_a_stale_send_is_told_once(
    client, submitted, street_officer
):
    """Issue 13, defect 5: the page said a closed case can no longer be answered but still
    showed the form; sending it gave 409 with the message twice."""
    close(submitted.case, street_officer)
    refusal = "Ärendet är avslutat, så det går inte längre att svara i det."

    page = client.get(track_url(submitted)).content.decode()
    assert refusal in page
    assert 'name="body"' not in page
    assert "Skicka svaret" not in page

    response = client.post(  # a page opened before the case was closed
        track_url(submitted), {"once_key": new_once_key(), "body": "Glömde en sak."}
    )
    assert response.status_code == 409
    stale = response.content.decode()
    assert refusal in stale
    errors = re.findall(r'role="alert"[^>]*>(.*?)</div>', stale, re.S)
    assert len(errors) == 1, errors
    assert 'name="body"' not in stale
    assert "Glömde en sak." in stale  # what was typed is kept to copy


def test_a_refused_reply_on_an_open_case_shows_its_reason_once(client, submitted, settings):
    settings.PUBLIC_REPLY_RATE = "1/h"
    client.post(track_url(submitted), {"once_key": new_once_key(), "body": "Första."})
    response = client.post(track_url(submitted), {"once_key": new_once_key(), "body": "Andra."})

    assert response.status_code == 429
    assert len(re.findall(r'class="alert[^"]*alert-danger', response.content.decode())) == 1
