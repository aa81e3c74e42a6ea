"""Officials use the case pages as they would in the browser (Django test client)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import Case, CaseEvent, Company, EventKind, Referral
from cases.services.referrals import route_case
from cases.workflow import CaseStatus, ReferralStatus
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, CompanyFactory, a_case, door

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    def _sign_in(user):
        client.force_login(user)
        return client

    return _sign_in


def test_receptionist_opens_a_case_for_a_new_company(
    signed_in, receptionist, reception, food_registration, mailoutbox
):
    client = signed_in(receptionist)

    response = client.post(
        reverse("cases:create"),
        {
            "new_org_number": "5560360793",
            "new_name": "Kafé Solrosen AB",
            "new_city": "Exempelby",
            "contact_name": "Kim Berg",
            "contact_email": "kim@solrosen.example",
            "title": "Vill öppna kafé",
            "description": "Frågar om livsmedelsregistrering.",
            "case_type": food_registration.pk,
            "door": door("reception").pk,
            "department": reception.pk,
            "priority": "normal",
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.company.org_number == "556036-0793"
    assert case.contact.email == "kim@solrosen.example"
    page = client.get(response["Location"]).content.decode()
    assert case.number in page
    assert "Kafé Solrosen AB" in page
    assert "förfaller om" in page


def test_an_invalid_organisationsnummer_is_refused_and_the_form_keeps_the_text(
    signed_in, receptionist, reception, food_registration
):
    client = signed_in(receptionist)

    response = client.post(
        reverse("cases:create"),
        {
            "new_org_number": "556036-0794",
            "new_name": "Fel AB",
            "title": "Min fråga",
            "case_type": food_registration.pk,
            "door": door("phone").pk,
            "department": reception.pk,
            "priority": "normal",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Kontrollsiffran stämmer inte" in page
    assert 'value="Min fråga"' in page
    assert not Case.objects.exists()
    assert not Company.objects.exists()


def test_company_lookup_finds_by_number_or_name_with_and_without_javascript(
    signed_in, receptionist
):
    CompanyFactory(name="Pizzeria Napoli AB", org_number="556016-0680")
    client = signed_in(receptionist)

    partial = client.get(reverse("cases:company_lookup"), {"q": "556016"}, HTTP_HX_REQUEST="true")
    page = client.get(reverse("cases:create"), {"q": "napoli"})

    assert "Pizzeria Napoli AB" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    assert "Pizzeria Napoli AB" in page.content.decode()


def test_a_known_company_is_chosen_from_the_lookup(
    signed_in, receptionist, reception, food_registration
):
    company = CompanyFactory(name="Pizzeria Napoli AB")
    client = signed_in(receptionist)

    client.post(
        reverse("cases:create"),
        {
            "company": company.pk,
            "title": "Uteservering",
            "case_type": food_registration.pk,
            "door": door("visit").pk,
            "department": reception.pk,
            "priority": "high",
        },
    )

    case = Case.objects.get()
    assert case.company == company
    assert case.contact is None
    assert Company.objects.count() == 1


def test_the_case_list_filters_and_searches(signed_in, receptionist, reception, miljo):
    pizza = a_case(
        by=receptionist,
        department=reception,
        title="Pizzeria med uteservering",
        description="Tolv bord på torget.",
    )
    a_case(
        by=receptionist,
        department=reception,
        title="Bilverkstad vill bygga ut",
        description="Större verkstadshall.",
    )
    route_case(case=pizza, department=miljo, by=receptionist, request_text="Livsmedel?")
    client = signed_in(receptionist)

    searched = client.get(reverse("cases:list"), {"q": "uteserveringen"}).content.decode()
    by_department = client.get(reverse("cases:list"), {"department": miljo.pk}).content.decode()
    by_number = client.get(reverse("cases:list"), {"q": pizza.number}).content.decode()

    # Swedish stemming: "uteserveringen" finds "uteservering"
    assert "Pizzeria med uteservering" in searched
    assert "Bilverkstad" not in searched
    assert "Pizzeria med uteservering" in by_department
    assert "Bilverkstad" not in by_department
    assert "Pizzeria med uteservering" in by_number
    assert "Bilverkstad" not in by_number


def test_the_case_list_is_paginated(signed_in, receptionist, reception):
    for index in range(27):
        a_case(by=receptionist, department=reception, title=f"Ärende nummer {index}")
    client = signed_in(receptionist)

    first = client.get(reverse("cases:list")).content.decode()
    second = client.get(reverse("cases:list"), {"page": 2}).content.decode()

    assert "Sida 1 av 2" in first
    assert first.count('href="/arenden/') >= 25
    assert "Ärende nummer 0<" in second or "Ärende nummer 1<" in second


def test_csv_export_uses_the_same_filters(signed_in, receptionist, reception):
    a_case(by=receptionist, department=reception, title="Café vid torget")
    a_case(by=receptionist, department=reception, title='=HYPERLINK("x")')
    client = signed_in(receptionist)

    response = client.get(reverse("cases:export"), {"q": "torget"})
    body = response.getvalue().decode("utf-8-sig")

    assert response["Content-Type"].startswith("text/csv")
    assert "Café vid torget" in body
    assert "HYPERLINK" not in body
    everything = client.get(reverse("cases:export")).getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK" in everything  # a formula is never run by the spreadsheet


def test_coordinator_moves_status_and_a_forbidden_move_is_shown(signed_in, receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    client = signed_in(receptionist)
    url = reverse("cases:status", args=[case.pk])

    ok = client.post(
        url,
        {"status-to": "closed", "status-comment": "Klart", "status-to_business": "Klart."},
        follow=True,
    )
    refused = client.post(url, {"status-to": "decided", "status-to_business": "Beviljat."})

    assert "Statusen är ändrad." in ok.content.decode()
    assert refused.status_code == 400
    assert "Ett ärende kan inte gå från ”Avslutat” till ”Beslutat”." in refused.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


def test_routing_and_answering_through_the_pages(
    signed_in, receptionist, reception, miljo, inspector
):
    case = a_case(by=receptionist, department=reception)
    client = signed_in(receptionist)
    client.post(
        reverse("cases:route", args=[case.pk]),
        {"route-department": miljo.pk, "route-request_text": "Behövs registrering?"},
    )
    referral = Referral.objects.get()

    client = signed_in(inspector)
    my_work = client.get(reverse("cases:my_work")).content.decode()
    assert "Behövs registrering?" in my_work
    client.post(reverse("cases:referral_action", args=[referral.pk, "ta-emot"]))
    client.post(
        reverse("cases:referral_action", args=[referral.pk, "svara"]),
        {f"answer-{referral.pk}-answer_text": "Ja, två veckor innan start."},
    )

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ANSWERED
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Ja, två veckor innan start." in page
    assert "Alla avdelningar har svarat." in page


def test_a_referral_action_by_someone_outside_the_department_is_refused(
    signed_in, receptionist, reception, miljo, builder
):
    case = a_case(by=receptionist, department=reception)
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    client = signed_in(builder)

    response = client.post(reverse("cases:referral_action", args=[referral.pk, "ta-emot"]))

    assert response.status_code == 400
    assert "Bara medlemmar" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_empty_answer_keeps_the_form_open_with_an_error(
    signed_in, receptionist, reception, miljo, inspector
):
    case = a_case(by=receptionist, department=reception)
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    client = signed_in(inspector)

    response = client.post(
        reverse("cases:referral_action", args=[referral.pk, "avbo"]),
        {f"decline-{referral.pk}-reason": ""},
    )

    assert response.status_code == 400
    assert "Detta fält måste fyllas i" in response.content.decode()


def test_notes_stay_internal_and_messages_go_to_the_business(
    signed_in, receptionist, reception, mailoutbox, django_capture_on_commit_callbacks
):
    case = a_case(by=receptionist, department=reception)
    client = signed_in(receptionist)

    client.post(reverse("cases:note", args=[case.pk]), {"note-body": "Ringde, inget svar."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cases:message", args=[case.pk]), {"message-body": "Vi behöver en ritning."}
        )

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Ringde, inget svar." in page
    assert "Vi behöver en ritning." in page
    assert [m.to for m in mailoutbox] == [[case.contact.email]]
    assert "Vi behöver en ritning." in mailoutbox[0].body
    assert case.number in mailoutbox[0].subject
    assert mailoutbox[0].to[0] in page  # staff see what was sent
    note_event = CaseEvent.objects.get(case=case, kind=EventKind.NOTE_ADDED)
    assert not note_event.is_public
    assert CaseEvent.objects.get(case=case, kind=EventKind.MESSAGE_SENT).is_public


def test_the_company_page_shows_every_case_across_departments(
    signed_in, receptionist, reception, builder, bygg, inspector
):
    company = CompanyFactory(name="Hotell Strand AB")
    a_case(by=receptionist, department=reception, company=company, title="Konferenslokal")
    a_case(by=builder, department=bygg, company=company, title="Tillbyggnad av altan")
    client = signed_in(inspector)

    page = client.get(reverse("cases:company_detail", args=[company.pk])).content.decode()
    listing = client.get(reverse("cases:company_list"), {"q": "strand"}).content.decode()

    assert "Konferenslokal" in page
    assert "Tillbyggnad av altan" in page
    assert "Hotell Strand AB" in listing


def test_a_confidential_case_is_a_404_for_a_stranger_and_leaks_nowhere(
    signed_in, receptionist, reception, food_registration
):
    secret = a_case(
        by=receptionist,
        department=reception,
        case_type=food_registration,
        title="Hemlig konkursfråga",
        confidential=True,
    )
    stranger = official(DepartmentFactory(), Role.LOTS)
    client = signed_in(stranger)

    assert client.get(reverse("cases:detail", args=[secret.pk])).status_code == 404
    for name in ("status", "note", "message", "route"):
        assert client.post(reverse(f"cases:{name}", args=[secret.pk]), {}).status_code == 404
    for url, params in (
        (reverse("cases:list"), {}),
        (reverse("cases:list"), {"q": "konkursfråga"}),
        (reverse("cases:my_work"), {}),
        (reverse("cases:export"), {}),
        (reverse("cases:export"), {"q": secret.number}),
        (reverse("cases:company_detail", args=[secret.company_id]), {}),
    ):
        body = client.get(url, params).getvalue().decode("utf-8-sig")
        assert "Hemlig" not in body, url
        assert secret.number not in body, url


def test_a_member_of_the_lead_department_sees_the_confidential_case(
    signed_in, receptionist, reception, food_registration, inspector
):
    secret = a_case(
        by=receptionist, department=reception, case_type=food_registration, confidential=True
    )

    response = signed_in(inspector).get(reverse("cases:detail", args=[secret.pk]))

    assert response.status_code == 200


def test_a_user_without_a_department_sees_no_cases(signed_in, receptionist, reception):
    from tests.factories import UserFactory

    case = a_case(by=receptionist, department=reception, title="Synligt ärende")
    client = signed_in(UserFactory())

    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert "Synligt ärende" not in client.get(reverse("cases:list")).content.decode()


def test_case_type_filter(signed_in, receptionist, reception):
    bygglov = CaseTypeFactory(name="Bygglov")
    a_case(by=receptionist, department=reception, case_type=bygglov, title="Nytt lager")
    a_case(by=receptionist, department=reception, title="Annat ärende")

    page = signed_in(receptionist).get(reverse("cases:list"), {"case_type": bygglov.pk})

    assert "Nytt lager" in page.content.decode()
    assert "Annat ärende" not in page.content.decode()


def test_the_list_counts_cases_per_status_within_the_other_filters(
    signed_in, receptionist, reception
):
    from cases.services.cases import change_status

    first = a_case(by=receptionist, department=reception, title="Ett")
    a_case(by=receptionist, department=reception, title="Två")
    change_status(case=first, to=CaseStatus.OPEN, by=receptionist)

    page = signed_in(receptionist).get(reverse("cases:list"), {"status": "open"})

    counts = page.content.decode().split('data-testid="status-counts"')[1].split("</ul>")[0]
    assert "Nytt: 1" in counts
    assert "Pågående: 1" in counts
    assert "Avslutat: 0" in counts
    table = page.content.decode().split('data-testid="case-table"')[1]
    assert "Ett" in table
    assert "Två" not in table


def test_an_official_adds_a_contact_person_on_the_company_page(signed_in, inspector):
    company = CompanyFactory(name="Hotell Strand AB")
    client = signed_in(inspector)
    url = reverse("cases:contact_add", args=[company.pk])

    refused = client.post(url, {"name": "Eva", "email": "inte-en-adress"})
    added = client.post(url, {"name": "Eva Strand", "role": "VD", "email": "eva@strand.example"})

    assert refused.status_code == 400
    assert 'value="inte-en-adress"' in refused.content.decode()
    assert added.status_code == 302
    page = client.get(reverse("cases:company_detail", args=[company.pk])).content.decode()
    assert "Eva Strand (VD)" in page


def test_the_list_filters_by_door_coordinator_overdue_and_date_range(
    signed_in, receptionist, reception, inspector, miljo
):
    from datetime import timedelta

    from django.utils import timezone

    a_case(by=receptionist, department=reception, title="Ringde in", door=door("phone"))
    visited = a_case(by=inspector, department=miljo, title="Kom på besök", door=door("visit"))
    Case.objects.filter(pk=visited.pk).update(
        due_date=timezone.localdate() - timedelta(days=5),
        created_at=timezone.now() - timedelta(days=40),
    )
    client = signed_in(receptionist)

    def titles(**params):
        page = client.get(reverse("cases:list"), params).content.decode()
        table = page.split('data-testid="case-table"')[1]
        return {t for t in ("Ringde in", "Kom på besök") if t in table}

    today = timezone.localdate()
    assert titles(door=door("phone").pk) == {"Ringde in"}
    assert titles(coordinator=inspector.pk) == {"Kom på besök"}
    assert titles(overdue="on") == {"Kom på besök"}
    assert titles(opened_from=(today - timedelta(days=7)).isoformat()) == {"Ringde in"}
    assert titles(opened_to=(today - timedelta(days=30)).isoformat()) == {"Kom på besök"}


def test_typing_the_number_of_a_known_company_uses_it_instead_of_a_duplicate(
    signed_in, receptionist, reception, food_registration
):
    known = CompanyFactory(name="Pizzeria Napoli AB", org_number="556016-0680")

    signed_in(receptionist).post(
        reverse("cases:create"),
        {
            "new_org_number": "5560160680",
            "new_name": "Napoli",
            "title": "Ny meny",
            "case_type": food_registration.pk,
            "door": door("email").pk,
            "department": reception.pk,
            "priority": "low",
        },
    )

    assert Company.objects.count() == 1
    assert Case.objects.get().company == known


class _LabelledControls(HTMLParser):
    """For each label's text: the control it names and the action of that control's form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.labels: list[tuple[str, str]] = []  # (for, text)
        self.control_form: dict[str, str] = {}  # control id -> form action
        self._label: list | None = None
        self._action = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._action = a.get("action")
        elif tag == "label" and a.get("for"):
            self._label = [a["for"], ""]
        elif tag in ("input", "textarea", "select") and a.get("id"):
            self.control_form.setdefault(a["id"], self._action)
            if a["id"] in self.control_form and self.control_form[a["id"]] != self._action:
                self.control_form[a["id"]] = "several forms"

    def handle_data(self, data):
        if self._label is not None:
            self._label[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None
        elif tag == "label" and self._label is not None:
            self.labels.append((self._label[0], self._label[1].strip().rstrip("*").strip()))
            self._label = None


def test_the_internal_note_label_names_the_note_box_not_the_message_to_the_business(
    signed_in, receptionist, reception, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 13, defect 1: two textareas had id="id_body"; "Intern anteckning" focused the
    message to the business. Each label must name a box of its own form."""
    case = a_case(by=receptionist, department=reception)
    client = signed_in(receptionist)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    parser = _LabelledControls()
    parser.feed(page)
    form_of = {text: parser.control_form.get(target) for target, text in parser.labels}

    assert form_of["Intern anteckning"] == reverse("cases:note", args=[case.pk])
    assert form_of["Meddelande till företaget"] == reverse("cases:message", args=[case.pk])
    assert form_of["Kommentar"] == reverse("cases:status", args=[case.pk])

    # What is typed in the note box (the name the page gives it) stays internal.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:note", args=[case.pk]), {"note-body": "Ringde, inget svar."})
    assert mailoutbox == []
    assert (
        "Ringde, inget svar."
        in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
