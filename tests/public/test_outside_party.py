"""An official asks an outside party (Polisen, Länsstyrelsen) through a private link; the party
answers without an account and the answer lands on the case's timeline."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.models import Attachment, CaseEvent, EventKind
from lotsportal.public_forms import new_once_key
from notifications.models import OutboxMessage
from notifications.services import render_message
from public.models import OutsideQuestion, SubmissionKey
from public.tokens import hash_token

from .conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """These tests read the pages' English texts: the language the visitor chose."""
    client.cookies["django_language"] = "en"


QUESTION = "Har ni några invändningar mot en uteservering på Stortorget 3 från maj?"


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def ask(client, case, official, **fields):
    client.force_login(official)
    data = {
        "outside-party": "Polisen",
        "outside-email": "tillstand.syd@polisen.example",
        "outside-question": QUESTION,
        **fields,
    }
    return client.post(reverse("public:outside_questions", args=[case.pk]), data)


def the_link(path_only=True) -> str:
    mail = OutboxMessage.objects.filter(template="public/email/outside_question").earliest("pk")
    url = mail.context["answer_url"]
    return url[url.index("/foretag/") :] if path_only else url


def answer(client, link, text="Polisen har inga invändningar.", once_key=None, **extra):
    language = client.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    client.logout()  # (which forgets every cookie: the language is kept)
    if language is not None:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language.value
    return client.post(link, {"answer": text, "once_key": once_key or new_once_key(), **extra})


@pytest.fixture
def asked(client, submitted, street_officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, submitted.case, street_officer)
    assert response.status_code == 302
    return submitted.case


def test_the_official_asks_from_the_case_page_and_the_party_gets_a_private_link(
    client, submitted, street_officer, django_capture_on_commit_callbacks
):
    case = submitted.case
    client.force_login(street_officer)
    english(client)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="outside-party-link"' in page
    questions_url = reverse("public:outside_questions", args=[case.pk])
    assert questions_url in page
    form_page = client.get(questions_url).content.decode()
    assert "Ask an outside party" in form_page and 'name="outside-party"' in form_page

    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, case, street_officer)

    assert response.status_code == 302
    listed = client.get(questions_url).content.decode()
    assert "The question is sent to Polisen." in listed
    assert "Waiting (link works until" in listed
    mail = OutboxMessage.objects.get(template="public/email/outside_question")
    assert mail.recipient == "tillstand.syd@polisen.example"
    subject, body = render_message(mail)
    assert case.number in subject
    assert QUESTION in body and the_link(path_only=False) in body
    # Only the token's hash is stored.
    raw = the_link().rstrip("/").rsplit("/", 1)[1]
    question = OutsideQuestion.objects.get()
    assert question.token_hash == hash_token(raw) and raw not in question.token_hash
    timeline = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "To Polisen (tillstand.syd@polisen.example):" in timeline


def test_the_party_answers_without_an_account_and_the_answer_lands_on_the_timeline(
    client, asked, street_officer, django_capture_on_commit_callbacks
):
    link = the_link()
    client.logout()
    client.cookies["django_language"] = "en"  # logout forgets the cookies
    english(client)
    page = client.get(link).content.decode()
    assert QUESTION in page and asked.number in page
    assert 'name="answer"' in page and 'name="once_key"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, link, file=pdf("yttrande.pdf"))

    assert response.status_code == 302
    done = client.get(link).content.decode()
    assert "Thank you. Your answer has been added to the case." in done
    assert 'data-state="answered"' in done and 'name="answer"' not in done
    event = CaseEvent.objects.get(case=asked, kind=EventKind.OUTSIDE_ANSWER_RECEIVED)
    assert event.payload["answer"] == "Polisen har inga invändningar."
    client.force_login(street_officer)
    timeline = client.get(reverse("cases:detail", args=[asked.pk])).content.decode()
    assert "Polisen answered:" in timeline and "Polisen har inga invändningar." in timeline
    file = Attachment.objects.get(original_name="yttrande.pdf")
    assert reverse("cases:attachment", args=[file.pk]) in timeline
    assert OutboxMessage.objects.filter(
        template="public/email/outside_answer", recipient=street_officer.email
    ).exists()
    # The party's file is internal: the business's tracking page never offers it.
    client.logout()
    client.cookies["django_language"] = "en"  # logout forgets the cookies
    tracking = reverse("public:track", args=[client_token(asked)])
    assert "yttrande.pdf" not in client.get(tracking).content.decode()


def client_token(case) -> str:
    from public.tokens import issue_tracking_token

    return issue_tracking_token(case)


def test_the_same_answer_sent_twice_is_stored_once(client, asked):
    link = the_link()
    key = new_once_key()
    first = answer(client, link, once_key=key)
    again = answer(client, link, once_key=key)

    assert first.status_code == again.status_code == 302
    assert CaseEvent.objects.filter(kind=EventKind.OUTSIDE_ANSWER_RECEIVED).count() == 1
    assert SubmissionKey.objects.filter(form="outside").count() == 1


def test_an_answered_link_takes_no_second_answer_and_says_so_kindly(client, asked):
    link = the_link()
    answer(client, link)
    english(client)

    response = answer(client, link, text="Ett annat svar")

    assert response.status_code == 409
    page = response.content.decode()
    assert "This question has already been answered. Thank you!" in page
    assert OutsideQuestion.objects.get().answer == "Polisen har inga invändningar."


def test_an_expired_link_says_so_kindly(client, asked):
    OutsideQuestion.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    english(client)
    client.logout()
    client.cookies["django_language"] = "en"  # logout forgets the cookies

    page = client.get(the_link()).content.decode()

    assert 'data-state="expired"' in page
    assert "This link has expired." in page
    assert 'name="answer"' not in page
    assert answer(client, the_link()).status_code == 409
    assert not OutsideQuestion.objects.get().answer


def test_a_withdrawn_link_says_so_and_takes_no_answer(client, asked, street_officer):
    question = OutsideQuestion.objects.get()
    client.force_login(street_officer)
    english(client)
    response = client.post(
        reverse("public:withdraw_outside", args=[asked.pk, question.pk]), follow=True
    )
    assert "The link is withdrawn: it no longer takes an answer." in response.content.decode()
    assert CaseEvent.objects.filter(kind=EventKind.OUTSIDE_QUESTION_REVOKED).count() == 1

    client.logout()
    client.cookies["django_language"] = "en"  # logout forgets the cookies
    page = client.get(the_link()).content.decode()
    assert "The municipality has withdrawn this question." in page
    assert answer(client, the_link()).status_code == 409


def test_an_unknown_link_is_the_kind_not_found_page(client, asked):
    response = client.get(reverse("public:outside_answer", args=["x" * 43]))
    assert response.status_code == 404


def test_a_refused_file_keeps_what_the_party_wrote(client, asked):
    english(client)
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "application/pdf")

    response = answer(client, the_link(), text="Mitt långa svar", file=bad)

    assert response.status_code == 400
    page = response.content.decode()
    assert "This kind of file is not accepted." in page
    assert "Mitt långa svar" in page
    assert not OutsideQuestion.objects.get().answer


def test_an_empty_question_is_refused_and_what_was_typed_is_kept(client, submitted, street_officer):
    english(client)
    response = ask(client, submitted.case, street_officer, **{"outside-email": "inte-en-adress"})
    assert response.status_code == 400
    page = response.content.decode()
    assert QUESTION in page and "Enter a valid email address." in page
    assert not OutsideQuestion.objects.exists()


def test_answers_are_rate_limited_like_the_public_forms(client, asked, settings):
    settings.PUBLIC_OUTSIDE_ANSWER_RATE = "1/h"
    answer(client, the_link(), text="")  # a refused send counts too (against bots)
    english(client)

    response = answer(client, the_link())

    assert response.status_code == 429
    assert not OutsideQuestion.objects.get().answer


def test_the_pages_queries_do_not_grow(
    client, asked, street_officer, submitted, django_assert_num_queries
):
    for i in range(5):
        ask(client, asked, street_officer, **{"outside-party": f"Myndighet {i}"})
    client.force_login(street_officer)
    # Session, user, roles; the case; the questions with who asked.
    with django_assert_num_queries(5):
        assert client.get(reverse("public:outside_questions", args=[asked.pk])).status_code == 200
    client.logout()
    client.cookies["django_language"] = "en"  # logout forgets the cookies
    link = the_link()
    # The question with its case, case type and company.
    with django_assert_num_queries(1):
        assert client.get(link).status_code == 200


def test_the_retention_rule_removes_the_questions_and_their_links(client, asked, street_officer):
    from cases.services.cases import change_status
    from cases.services.retention import anonymise_case
    from cases.workflow import CaseStatus
    from tests.factories import UserFactory

    link = the_link()
    answer(client, link)
    change_status(case=asked, to=CaseStatus.CLOSED, by=street_officer)

    anonymise_case(case=asked, by=UserFactory(is_superuser=True), reason="Begäran")

    assert not OutsideQuestion.objects.exists()
    assert client.get(link).status_code == 404
    for event in CaseEvent.objects.filter(case=asked, kind__startswith="outside_"):
        assert "Polisen har inga invändningar." not in str(event.payload)
        assert "tillstand.syd@polisen.example" not in str(event.payload)
