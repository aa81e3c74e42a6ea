import pytest
from django.urls import reverse

from .factories import FinishedCaseFactory, answer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["caseaccesstoken", "intakedetails", "surveyinvitation", "surveyresponse"]
)
def test_the_administrator_lists_searches_and_filters_the_public_records(client, admin_user, model):
    answer(FinishedCaseFactory(), comment="Bra service")
    client.force_login(admin_user)
    url = reverse(f"admin:public_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "Testbolaget"}).status_code == 200


def test_token_hashes_are_not_shown_in_the_admin(client, admin_user, outdoor_seating):
    from public.models import CaseAccessToken
    from public.services.submissions import submit_matter

    submitted = submit_matter(
        org_number="556036-0793",
        company_name="Café Torget AB",
        contact_name="Kim",
        email="kim@example.com",
        case_type=outdoor_seating,
        description="Uteservering",
    )
    token = CaseAccessToken.objects.get()
    client.force_login(admin_user)
    page = client.get(
        reverse("admin:public_caseaccesstoken_change", args=[token.pk])
    ).content.decode()
    assert token.token_hash not in page
    assert submitted.token not in page


def test_the_samordnare_finds_the_satisfaction_page_in_the_menu(client, samordnare, lots):
    client.force_login(samordnare)
    assert 'href="/foretag/nojdhet/"' in client.get("/").content.decode()
    client.force_login(lots)
    assert 'href="/foretag/nojdhet/"' not in client.get("/").content.decode()
