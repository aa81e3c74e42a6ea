"""From the daily work: a case's answer saved as a draft article, without the company's data;
suggestions of articles when a case is opened."""

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.services.communication import send_message_to_business
from cases.services.referrals import accept_referral, answer_referral, route_case
from knowledge.models import Article
from tests.cases.factories import CaseTypeFactory, CompanyFactory, ContactFactory, a_case
from tests.factories import official

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(builder, bygg):
    company = CompanyFactory(name="Kafé Solsidan AB", org_number="556036-0793")
    contact = ContactFactory(company=company, name="Karin Kafé", email="karin@solsidan.se")
    return a_case(
        by=builder,
        department=bygg,
        company=company,
        contact=contact,
        case_type=CaseTypeFactory(name="Bygglov uteservering", lead_department=bygg),
        title="Uteservering vid Kafé Solsidan AB",
    )


def test_a_message_to_the_business_is_saved_as_a_draft_without_its_data(client, builder, case):
    message = send_message_to_business(
        case=case,
        by=builder,
        body="Hej Karin Kafé! Kafé Solsidan AB (556036-0793) behöver bygglov för ett fast "
        "trädäck. Skicka ritningen till karin@solsidan.se eller ring oss.",
    )
    client.force_login(builder)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("knowledge:from_message", args=[message.pk]) in page

    response = client.post(reverse("knowledge:from_message", args=[message.pk]))
    article = Article.objects.get()
    assert response.url == reverse("knowledge:edit", args=[article.pk])
    assert article.status == "draft"
    text = article.question + article.answer
    for secret in ["Karin", "Solsidan", "556036-0793", "5560360793", "karin@solsidan.se"]:
        assert secret not in text
    assert "behöver bygglov för ett fast trädäck" in article.answer
    assert article.origin == f"message:{case.number}"
    assert list(article.case_types.all()) == [case.case_type]


def test_a_referral_answer_becomes_a_draft_owned_by_the_answering_department(
    client, builder, case, department
):
    inspector = official(department, Role.LOTS)
    referral = route_case(case=case, department=department, by=builder, request_text="Livsmedel?")
    accept_referral(referral=referral, by=inspector)
    answer_referral(
        referral=referral, by=inspector, answer_text="Kafé Solsidan AB ska registrera sig."
    )
    client.force_login(inspector)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("knowledge:from_referral", args=[referral.pk]) in page
    client.post(reverse("knowledge:from_referral", args=[referral.pk]))
    article = Article.objects.get()
    assert article.owner_department == department
    assert article.answer == "[företaget] ska registrera sig."


def test_a_stranger_cannot_save_the_answer_of_a_confidential_case(builder, bygg, department):
    secret = a_case(by=builder, department=bygg, confidential=True)
    message = send_message_to_business(case=secret, by=builder, body="Svar")
    from django.test import Client

    stranger = Client()
    stranger.force_login(official(department, Role.LOTS))
    assert stranger.post(reverse("knowledge:from_message", args=[message.pk])).status_code == 404
    assert Article.objects.count() == 0


def test_articles_are_suggested_while_a_case_is_opened(client, builder, write):
    write(question="Behöver jag bygglov för en uteservering?", publish=True)
    write(
        question="Hur registrerar jag en livsmedelsanläggning?",
        answer="Anmäl till miljö- och hälsoskydd minst två veckor före start.",
        legal_sources="",
        publish=True,
    )
    client.force_login(builder)
    form = client.get(reverse("cases:create")).content.decode()
    assert reverse("knowledge:suggest") in form  # the htmx endpoint is wired under the title

    response = client.get(
        reverse("knowledge:suggest"),
        {"title": "Vill öppna uteserveringen i maj"},
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert "Behöver jag bygglov för en uteservering?" in text  # a compound: "uteserveringen"
    assert "livsmedelsanläggning" not in text
    assert "<html" not in text  # a partial


def test_a_case_page_suggests_articles_for_its_title_and_type(client, builder, case, write):
    article = write(question="Behöver jag bygglov för en uteservering?", publish=True)
    article.case_types.add(case.case_type)
    client.force_login(builder)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    suggest_url = reverse("knowledge:suggest") + f"?arende={case.pk}"
    assert suggest_url in page
    no_js = client.get(suggest_url).content.decode()
    assert "Behöver jag bygglov för en uteservering?" in no_js


def test_an_article_proposes_a_course_question(client, builder, write):
    from training.models import QuestionProposal

    article = write(publish=True)
    client.force_login(builder)
    client.post(reverse("knowledge:propose", args=[article.pk]))
    proposal = QuestionProposal.objects.get()
    assert proposal.draft_text.startswith("Behöver jag bygglov för en uteservering?")
    assert proposal.proposed_by == builder
