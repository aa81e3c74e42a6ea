"""The samordnare reads NKI and the factors; departments read their businesses' comments."""

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import Referral
from tests.factories import DepartmentFactory, official

from .factories import FinishedCaseFactory, PublicCaseTypeFactory, answer

pytestmark = pytest.mark.django_db

SATISFACTION = "/foretag/nojdhet/"
COMMENTS = "/foretag/nojdhet/kommentarer/"


def sign_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def bygg(db):
    return DepartmentFactory(name="Samhällsbyggnad", code="samhallsbyggnad")


@pytest.fixture
def answered(bygg):
    building = PublicCaseTypeFactory(name="Bygglov", lead_department=bygg)
    signs = PublicCaseTypeFactory(name="Skyltlov", lead_department=bygg)
    for _ in range(7):
        answer(FinishedCaseFactory(case_type=building), overall=(5, 5, 5))
    for _ in range(3):
        answer(FinishedCaseFactory(case_type=signs), overall=(2, 2, 2))
    return building, signs


def test_the_urls_are_stable():
    assert reverse("public:satisfaction") == SATISFACTION
    assert reverse("public:comments") == COMMENTS
    assert reverse("public:intake") == "/foretag/"
    assert reverse("public:resend_link") == "/foretag/lank/"
    assert reverse("public:track", args=["abc"]) == "/foretag/arende/abc/"


def test_the_samordnare_sees_nki_and_factors_with_bands(client, samordnare, answered):
    page = sign_in(client, samordnare).get(SATISFACTION).content.decode()

    assert "Företagens nöjdhet (NKI)" in page
    # Bygglov: seven answers of 5 on 1–6 → 80, "mycket högt".
    building_row = page[page.index('<th scope="row">Bygglov</th>') :][:1500]
    assert "<strong>80</strong>" in building_row
    assert "mycket högt" in building_row
    # Skyltlov: three answers are too few to show.
    signs_row = page[page.index('<th scope="row">Skyltlov</th>') :][:800]
    assert "För få svar (minst 7 behövs)" in signs_row
    assert "<strong>" not in signs_row.split("</tr>")[0]
    # The department as a whole: 7 × 80 + 3 × 20 = 620 / 10 = 62, "godtagbart".
    department_row = page[page.index('id="nki-departments"') :][:2500]
    assert "<strong>62</strong>" in department_row
    assert "godtagbart" in department_row


def test_officials_who_are_not_samordnare_may_not_see_the_figures(client, lots, answered):
    assert sign_in(client, lots).get(SATISFACTION).status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(SATISFACTION)
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


def test_the_satisfaction_page_reads_a_fixed_number_of_queries(
    client, samordnare, answered, django_assert_num_queries
):
    sign_in(client, samordnare)
    # 3 for the session and user; every figure (the total, the Insikt areas', per department,
    # per case type, per period) summed from one grouped query (public.nki.NkiGrid).
    with django_assert_num_queries(4):
        client.get(SATISFACTION)
    for n in range(5):
        case_type = PublicCaseTypeFactory(name=f"Typ {n}")
        for _ in range(8):
            answer(FinishedCaseFactory(case_type=case_type))
    with django_assert_num_queries(4):
        page = client.get(SATISFACTION).content.decode()
    assert "Typ 4" in page


def test_comments_are_read_by_the_departments_of_the_case(client, bygg, samordnare):
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    teknik = DepartmentFactory(name="Teknik och gata", code="teknik")
    case = FinishedCaseFactory(case_type=PublicCaseTypeFactory(lead_department=bygg))
    answer(case, comment="Bygglovet gick fort, tack!")
    Referral.objects.create(
        case=case,
        department=miljo,
        request_text="Yttrande",
        due_date=case.due_date,
    )
    builder = official(bygg, Role.LOTS)
    inspector = official(miljo, Role.LOTS)
    outsider = official(teknik, Role.LOTS)

    for user, sees in [(builder, True), (inspector, True), (outsider, False), (samordnare, True)]:
        client.force_login(user)
        page = client.get(COMMENTS).content.decode()
        assert ("Bygglovet gick fort, tack!" in page) is sees, user


@pytest.mark.parametrize(
    ("who", "satisfaction", "comments"),
    [
        ("visitor", 302, 302),
        ("user without department", 403, 403),
        ("lots", 403, 200),
        ("department lead", 200, 200),  # as on the statistics page (issue 13)
        ("samordnare", 200, 200),
        ("administrator", 200, 200),
    ],
)
def test_who_may_open_the_staff_pages(client, who, satisfaction, comments, bygg):
    from tests.factories import UserFactory

    users = {
        "user without department": lambda: UserFactory(),
        "lots": lambda: official(bygg, Role.LOTS),
        "department lead": lambda: official(bygg, Role.AVDELNINGSCHEF),
        "samordnare": lambda: official(bygg, Role.SAMORDNARE),
        "administrator": lambda: UserFactory(is_staff=True, is_superuser=True),
    }
    if who in users:
        client.force_login(users[who]())
    assert client.get(SATISFACTION).status_code == satisfaction
    assert client.get(COMMENTS).status_code == comments


def test_the_comments_page_reads_a_fixed_number_of_queries(
    client, bygg, django_assert_max_num_queries
):
    client.force_login(official(bygg, Role.LOTS))
    case_type = PublicCaseTypeFactory(lead_department=bygg)
    answer(FinishedCaseFactory(case_type=case_type), comment="Bra!")
    with django_assert_max_num_queries(6):
        client.get(COMMENTS)
    for n in range(20):
        answer(FinishedCaseFactory(case_type=case_type), comment=f"Kommentar {n}")
    with django_assert_max_num_queries(6):
        page = client.get(COMMENTS).content.decode()
    assert "Kommentar 19" in page


def test_a_samordnare_reads_no_comment_on_a_confidential_case_they_take_no_part_in(
    client, bygg, samordnare
):
    case_type = PublicCaseTypeFactory(lead_department=bygg)
    answer(FinishedCaseFactory(case_type=case_type), comment="Öppen kommentar")
    answer(FinishedCaseFactory(case_type=case_type, confidential=True), comment="Hemlig affär")
    page = sign_in(client, samordnare).get(COMMENTS).content.decode()
    assert "Öppen kommentar" in page
    assert "Hemlig affär" not in page
    client.force_login(official(bygg, Role.LOTS))
    assert "Hemlig affär" in client.get(COMMENTS).content.decode()


def test_a_department_lead_reads_the_nki_page_as_the_statistics_page_counts_it(
    client, bygg, answered
):
    """Issue 13, defect 12: the lead saw the NKI figure on the statistics page, and the NKI
    page /foretag/nojdhet/ answered 403."""
    lead = official(bygg, Role.AVDELNINGSCHEF, full_name="Lea Lead")
    sign_in(client, lead)

    assert 'href="/foretag/nojdhet/"' in client.get("/").content.decode()
    response = client.get(SATISFACTION)

    assert response.status_code == 200
    page = response.content.decode()
    department_row = page[page.index('id="nki-departments"') :][:2500]
    assert "<strong>62</strong>" in department_row  # the same answers as the samordnare's


def test_a_lead_does_not_count_the_answers_of_a_confidential_case_of_another_department(
    client, bygg, answered
):
    other = DepartmentFactory(name="Miljö", code="miljo")
    secret_type = PublicCaseTypeFactory(name="Hemligt", lead_department=other)
    for _ in range(7):
        answer(FinishedCaseFactory(case_type=secret_type, confidential=True), overall=(1, 1, 1))
    lead = official(bygg, Role.AVDELNINGSCHEF)

    page = sign_in(client, lead).get(SATISFACTION).content.decode()

    assert "Hemligt" not in page
