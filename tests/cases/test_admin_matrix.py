"""Role by admin page: every registered model's pages answered for every kind of user.

The admin is a view like any other (CONVENTIONS rule 17): it shows what the portal shows. The
world: a confidential case led by Miljö and routed to Bygg, with a referral, a file, an
access link, intake details, a survey invitation and answer. The roles: a lots of Miljö who is
not staff, staff samordnare of Miljö (the lead department) and of Näringsliv (not involved), a
staff department lead of Bygg (routed to), staff without a department, and a superuser. None of
the staff has a Django model permission: what they see comes from the portal's rules.

Columns: lots; same = staff samordnare of Miljö; other = staff samordnare of Näringsliv; lead =
staff department lead of Bygg; staff = staff without a department; super = superuser. Each cell
holds five answers, for the changelist, change, add, history and delete pages (of the confidential
case's row where the model has one): 2 = 200 shown, 3 = 302 sent to sign in (lots) or "does not
exist" (a row hidden from the user, or a model without rows here), 4 = 403 refused. The models
come from ``admin.site._registry``: a model registered without a row here fails the test.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.models import CaseEvent, IntakeQuestion, SavedFilter, ServiceGuarantee, StandardText
from cases.services.attachments import add_attachment
from cases.services.referrals import route_case
from confighistory.services import save_configuration
from notifications.models import EmailText
from public.models import CaseAccessToken, IntakeDetails, SurveyInvitation
from tests.factories import DepartmentFactory, UserFactory, official
from tests.public.factories import answer

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db

ROLES = ["lots", "same", "other", "lead", "staff", "super"]
PAGES = ["changelist", "change", "add", "history", "delete"]
CODES = {"2": 200, "3": 302, "4": 403}
SECRET_TITLE = "Hemlig etablering av vindkraftpark"
SECRET_REQUEST = "Får vindkraftverken stå på åkern?"  # in the timeline (the routing event)

EXPECTED = """
model                       lots   same   other  lead   staff  super
accounts.claimmapping       33333  44434  44434  44434  44434  23233
accounts.department         33333  44444  44444  44444  44444  22222
accounts.membership         33333  44444  44444  44444  44444  22222
accounts.signinevent        33333  44434  44434  44434  44434  23434
accounts.user               33333  44444  44444  44444  44444  22222
api.apitoken                33333  44434  44434  44434  44434  23234
api.integration             33333  44434  44434  44434  44434  23234
api.webhookdelivery         33333  44434  44434  44434  44434  23434
api.webhooksubscription     33333  44434  44434  44434  44434  23234
auth.group                  33333  44444  44444  44444  44444  22222
axes.accessattempt          33333  44434  44434  44434  44434  23433
axes.accessfailurelog       33333  44434  44434  44434  44434  23433
axes.accesslog              33333  44444  44444  44444  44444  22422
cases.attachment            33333  22424  23434  22424  44434  22424
cases.case                  33333  22424  23434  22424  44434  22424
cases.caseevent             33333  22424  23434  22424  44434  22424
cases.casesettings          33333  44444  44444  44444  44444  22424
cases.casetype              33333  44444  44444  44444  44444  22222
cases.company               33333  22424  22424  22424  44434  22424
cases.door                  33333  44444  44444  44444  44444  22222
cases.referral              33333  22424  23434  22424  44434  22424
cases.serviceguarantee      33333  44444  44444  44444  44444  22222
confighistory.configchange  33333  44444  44444  44444  44444  22424
mailin.inboundmail          33333  44434  44434  44434  44434  23434
knowledge.article           33333  44434  44434  44434  44434  23434
knowledge.searchgap         33333  44434  44434  44434  44434  23434
stats.managementreview      33333  44434  44434  44434  44434  23434
stats.yeargoal              33333  44434  44434  44434  44434  23233
development.theme           33333  44444  44444  44444  44444  22222
development.visitgoal       33333  44434  44434  44434  44434  23233
cases.standardtext          33333  44444  44444  44444  44444  22222
cases.intakequestion        33333  44444  44444  44444  44444  22222
cases.savedfilter           33333  44434  44434  44434  44434  22424
confighistory.configchange  33333  44444  44444  44444  44444  22424
notifications.emailtext     33333  44444  44444  44444  44444  22222
notifications.outboxmessage 33333  44444  44444  44444  44444  22424
public.caseaccesstoken      33333  22424  23434  22424  44434  22424
public.intakedetails        33333  22424  23434  22424  44434  22424
public.surveyinvitation     33333  22424  23434  22424  44434  22424
public.surveyresponse       33333  22424  23434  22424  44434  22424
training.attempt            33333  44434  44434  44434  44434  23434
training.course             33333  44434  44434  44434  44434  23233
training.courseresult       33333  44434  44434  44434  44434  23434
training.diploma            33333  44434  44434  44434  44434  23434
training.practicalactivity  33333  44434  44434  44434  44434  23434
training.questionentry      33333  44434  44434  44434  44434  23233
training.questionproposal   33333  44434  44434  44434  44434  23434
training.questionstatistic  33333  44434  44434  44434  44434  23434
training.questionversion    33333  44434  44434  44434  44434  23433
training.topic              33333  44434  44434  44434  44434  23233
training.topicresult        33333  44434  44434  44434  44434  23434
training.trainingevent      33333  44434  44434  44434  44434  23434
"""


def _table() -> dict[str, dict[str, list[int]]]:
    header, *rows = [line.split() for line in EXPECTED.strip().splitlines()]
    assert header[1:] == ROLES
    return {
        row[0]: {
            role: [CODES[digit] for digit in cell]
            for role, cell in zip(ROLES, row[1:], strict=True)
        }
        for row in rows
    }


def registered_models() -> list[str]:
    return sorted(model._meta.label_lower for model in admin.site._registry)


@pytest.fixture
def world(db):
    miljo = DepartmentFactory(name="Miljö", code="miljo")
    bygg = DepartmentFactory(name="Bygg", code="samhallsbyggnad")
    naringsliv = DepartmentFactory(name="Näringsliv", code="naringsliv")
    people = {
        "lots": official(miljo, Role.LOTS),
        "same": official(miljo, Role.SAMORDNARE, is_staff=True),
        "other": official(naringsliv, Role.SAMORDNARE, is_staff=True),
        "lead": official(bygg, Role.AVDELNINGSCHEF, is_staff=True),
        "staff": UserFactory(is_staff=True),
        "super": UserFactory(is_staff=True, is_superuser=True),
    }
    coordinator = official(miljo)
    secret = a_case(
        by=coordinator,
        department=miljo,
        case_type=CaseTypeFactory(lead_department=miljo),
        title=SECRET_TITLE,
        confidential=True,
    )
    referral = route_case(case=secret, department=bygg, by=coordinator, request_text=SECRET_REQUEST)
    attachment = add_attachment(
        case=secret,
        by=coordinator,
        uploaded_file=SimpleUploadedFile("karta.txt", b"Karta"),
    )
    secret_rows = {
        "cases.case": secret,
        "cases.referral": referral,
        "cases.caseevent": CaseEvent.objects.filter(case=secret).first(),
        "cases.attachment": attachment,
        "cases.company": secret.company,
        "public.caseaccesstoken": CaseAccessToken.objects.create(case=secret, token_hash="a" * 64),
        "public.intakedetails": IntakeDetails.objects.create(
            case=secret, consent_given_at=timezone.now()
        ),
        "public.surveyinvitation": SurveyInvitation.objects.create(
            case=secret, token_hash="b" * 64
        ),
        "public.surveyresponse": answer(secret, comment="Tack"),
        "accounts.department": miljo,
        "accounts.user": coordinator,
        "auth.group": Group.objects.create(name="Handläggare"),
        "cases.serviceguarantee": ServiceGuarantee.objects.create(
            promise="svara inom 2 arbetsdagar", starts="opened", met_by="first_response", amount=2
        ),
        "cases.standardtext": StandardText.objects.create(title="Hälsning", body_sv="Hej!"),
        "cases.intakequestion": IntakeQuestion.objects.create(
            case_type=secret.case_type, label_sv="Öppettider"
        ),
        "cases.savedfilter": SavedFilter.objects.create(
            owner=coordinator, name="Mina nya", query="status=new"
        ),
        "notifications.emailtext": EmailText.objects.create(
            template="cases/email/message_to_business", language="sv", subject="Ä", body="B"
        ),
    }
    membership = coordinator.memberships.get()
    membership.role = Role.SAMORDNARE
    save_configuration(instance=membership, by=people["super"])
    return {"people": people, "rows": secret_rows}


def _object_of(world, label: str):
    """The confidential case's row where the model has one; else the model's first row."""
    if label in world["rows"]:
        return world["rows"][label]
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    return model._default_manager.order_by("pk").first()


def _url(label: str, page: str, obj) -> str:
    app_label, model_name = label.split(".")
    name = f"admin:{app_label}_{model_name}_{page}"
    if page in ("changelist", "add"):
        return reverse(name)
    return reverse(name, args=[obj.pk if obj is not None else 0])


def test_every_registered_model_has_a_row():
    assert sorted(_table()) == registered_models()


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_answer_each_role_as_the_table_says(client, world, role):
    user = world["people"][role]
    client.force_login(user)
    expected = _table()
    hides_the_secret = role in ("other", "staff", "lots")
    answered, leaks = {}, []
    for label in registered_models():
        obj = _object_of(world, label)
        codes = []
        for page in PAGES:
            response = client.get(_url(label, page, obj))
            codes.append(response.status_code)
            text = response.content.decode()
            if hides_the_secret and (SECRET_TITLE in text or SECRET_REQUEST in text):
                leaks.append(f"{label} {page}")
        answered[label] = codes
    assert answered == {label: expected[label][role] for label in answered}
    assert leaks == []


def test_the_superuser_sees_the_secret_so_the_leak_check_can_fail(client, world):
    client.force_login(world["people"]["super"])
    page = client.get(_url("cases.case", "change", world["rows"]["cases.case"])).content.decode()

    assert SECRET_TITLE in page
    assert SECRET_REQUEST in page
