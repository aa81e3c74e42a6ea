"""After a case is closed or decided, the business is asked how it went (NKI survey)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.services.cases import change_status
from cases.workflow import CaseStatus
from notifications.models import OutboxMessage
from public.errors import SurveyAlreadyAnswered
from public.models import SurveyInvitation, SurveyResponse
from public.services.submissions import submit_matter
from public.services.survey import answer_survey, send_survey_invitations
from public.tasks import send_survey_invitations as survey_task
from public.tokens import survey_token
from tests.public.conftest import keyed

pytestmark = pytest.mark.django_db

BUSINESS = "kim@cafetorget.example"
ANSWERS = {
    "information": "5",
    "tillganglighet": "6",
    "bemotande": "6",
    "kompetens": "5",
    "rattssakerhet": "4",
    "effektivitet": "3",
    "overall_satisfaction": "5",
    "expectations_met": "4",
    "close_to_ideal": "4",
    "comment": "Snabbt och vänligt, men lite krångligt med ritningen.",
}


@pytest.fixture
def case(outdoor_seating):
    return submit_matter(
        org_number="556036-0793",
        company_name="Café Torget AB",
        contact_name="Kim Karlsson",
        email=BUSINESS,
        case_type=outdoor_seating,
        description="Uteservering på torget.",
    ).case


def finish(case, by, to=CaseStatus.CLOSED, hours_ago=30):
    change_status(case=case, to=to, by=by)
    moment = timezone.now() - timedelta(hours=hours_ago)
    Case.objects.filter(pk=case.pk).update(
        **({"closed_at": moment} if to == CaseStatus.CLOSED else {"decided_at": moment})
    )


def survey_mails():
    return OutboxMessage.objects.filter(recipient=BUSINESS, template="public/email/survey")


def test_a_closed_case_is_invited_after_the_delay_and_only_once(case, street_officer):
    finish(case, street_officer, hours_ago=2)
    assert send_survey_invitations() == (0, 0)

    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(hours=25))
    assert survey_task.delay().get() == (1, 0)
    assert send_survey_invitations() == (0, 0)

    [mail] = survey_mails()
    assert mail.context["survey_url"].endswith(f"/foretag/enkat/{survey_token(case.pk)}/")
    invitation = SurveyInvitation.objects.get(case=case)
    assert invitation.token_hash != survey_token(case.pk)  # only the hash is stored


def test_a_decided_case_is_invited_and_an_open_one_is_not(case, street_officer, outdoor_seating):
    finish(case, street_officer, to=CaseStatus.DECIDED)
    still_open = submit_matter(
        org_number="556016-0680",
        company_name="Bageriet AB",
        contact_name="Bo Bagare",
        email="bo@bageriet.example",
        case_type=outdoor_seating,
        description="Skylt.",
    ).case
    send_survey_invitations()
    assert SurveyInvitation.objects.filter(case=case).exists()
    assert not SurveyInvitation.objects.filter(case=still_open).exists()


def test_up_to_three_reminders_go_out_while_the_survey_is_unanswered(
    case, street_officer, settings
):
    settings.SURVEY_REMINDER_DAYS = [7, 14, 21]
    finish(case, street_officer)
    send_survey_invitations()
    start = SurveyInvitation.objects.get(case=case).first_sent_at

    assert send_survey_invitations(now=start + timedelta(days=6)) == (0, 0)
    assert send_survey_invitations(now=start + timedelta(days=7)) == (0, 1)
    assert send_survey_invitations(now=start + timedelta(days=8)) == (0, 0)
    assert send_survey_invitations(now=start + timedelta(days=14)) == (0, 1)
    assert send_survey_invitations(now=start + timedelta(days=30)) == (0, 1)
    assert send_survey_invitations(now=start + timedelta(days=60)) == (0, 0)

    assert SurveyInvitation.objects.get(case=case).reminders_sent == 3
    assert sorted(survey_mails().values_list("context__reminder", flat=True)) == [0, 1, 2, 3]


def test_no_reminder_after_the_business_has_answered(case, street_officer):
    finish(case, street_officer)
    send_survey_invitations()
    invitation = SurveyInvitation.objects.get(case=case)
    answer_survey(
        invitation=invitation,
        scores={k: int(v) for k, v in ANSWERS.items() if k != "comment"},
        scale_max=6,
    )
    assert send_survey_invitations(now=timezone.now() + timedelta(days=30)) == (0, 0)
    assert survey_mails().count() == 1


def test_the_business_answers_the_survey(client, case, street_officer, settings):
    settings.NKI_SCALE_MAX = 6
    finish(case, street_officer)
    send_survey_invitations()
    url = reverse("public:survey", args=[survey_token(case.pk)])

    page = client.get(url).content.decode()
    assert "Hur tyckte du att det gick?" in page
    assert 'value="6"' in page and 'value="7"' not in page
    assert page.count("<fieldset") == 9  # one fieldset (with its legend) per question

    response = client.post(url, keyed(ANSWERS))
    assert response.status_code == 200
    assert "Tack för dina svar" in response.content.decode()
    answer = SurveyResponse.objects.get(case=case)
    assert answer.scale_max == 6
    assert answer.effektivitet == 3
    assert answer.close_to_ideal == 4
    assert answer.comment == ANSWERS["comment"]


def test_a_second_answer_for_the_same_case_is_refused(client, case, street_officer):
    finish(case, street_officer)
    send_survey_invitations()
    url = reverse("public:survey", args=[survey_token(case.pk)])
    client.post(url, keyed(ANSWERS))

    again = client.post(url, {**keyed(ANSWERS), "information": "1"})
    assert "Enkäten för det här ärendet är redan besvarad. Tack!" in again.content.decode()
    assert SurveyResponse.objects.get(case=case).information == 5
    with pytest.raises(SurveyAlreadyAnswered):
        answer_survey(
            invitation=SurveyInvitation.objects.get(case=case),
            scores={k: 1 for k in ANSWERS if k != "comment"},
            scale_max=6,
        )


def test_a_missing_answer_is_asked_for_and_the_others_are_kept(client, case, street_officer):
    finish(case, street_officer)
    send_survey_invitations()
    url = reverse("public:survey", args=[survey_token(case.pk)])
    data = {**ANSWERS}
    del data["expectations_met"]
    data["rattssakerhet"] = "9"  # off the scale

    page = client.post(url, keyed(data)).content.decode()

    assert "Välj ett värde för frågan." in page
    assert "Välj ett giltigt alternativ" in page
    assert ANSWERS["comment"] in page
    assert re.search(r'<input[^>]*id="id_tillganglighet_5"[^>]*checked', page)
    assert not SurveyResponse.objects.exists()


def test_the_scale_is_configuration_and_is_kept_with_the_answer(
    client, case, street_officer, settings
):
    settings.NKI_SCALE_MAX = 10
    finish(case, street_officer)
    send_survey_invitations()
    url = reverse("public:survey", args=[survey_token(case.pk)])
    assert 'value="10"' in client.get(url).content.decode()

    client.post(url, {**keyed(ANSWERS), "overall_satisfaction": "9"})
    settings.NKI_SCALE_MAX = 6
    assert SurveyResponse.objects.get(case=case).scale_max == 10


def test_an_unknown_survey_link_gets_the_kind_not_found_page(client):
    response = client.get(reverse("public:survey", args=["a" * 64]))
    assert response.status_code == 404
    assert "Länken fungerar inte" in response.content.decode()


def test_the_survey_asks_skr_insikts_questions_with_their_anchors_and_dont_know(
    client, case, street_officer, settings
):
    """Issue 13, defect 8: SKR Insikt's wording (English checked: the Swedish texts are filled
    in by the integrator from locale/new/dailya.json); "don't know" on the service factors."""
    settings.NKI_SCALE_MAX = 10
    finish(case, street_officer)
    send_survey_invitations()
    url = reverse("public:survey", args=[survey_token(case.pk)])
    client.cookies["django_language"] = "en"

    page = client.get(url).content.decode()
    assert "Overall, how satisfied are you with the municipality&#x27;s service" in page
    assert "How well did the municipality&#x27;s service in your matter meet your" in page
    assert "Imagine a perfect service in this area." in page
    assert "1 = very dissatisfied" in page and "10 = very satisfied" in page
    assert "1 = to a very low degree" in page and "10 = to a very high degree" in page
    assert page.count('value="vet-ej"') == 6  # the six service factors, not the NKI questions

    answers = {**ANSWERS, "kompetens": "vet-ej", "overall_satisfaction": "10"}
    client.post(url, keyed(answers))
    answer = SurveyResponse.objects.get(case=case)
    assert answer.kompetens is None and answer.overall_satisfaction == 10
    assert answer.scale_max == 10


def test_dont_know_is_not_an_answer_to_an_nki_question(client, case, street_officer):
    finish(case, street_officer)
    send_survey_invitations()
    url = reverse("public:survey", args=[survey_token(case.pk)])

    page = client.post(url, keyed({**ANSWERS, "close_to_ideal": "vet-ej"})).content.decode()
    assert "Välj ett giltigt alternativ" in page
    assert not SurveyResponse.objects.exists()
