"""Role by view: every cases view answered for every kind of user.

The world: a confidential case opened at the reception (its coordinator), led by Miljö
(lead member), routed to Samhällsbyggnad (routed member); a stranger from another department, a
samordnare not involved, a user without a department, an administrator, and an anonymous visitor.
Codes: 200 shown, 302 done (or sent to sign in), 400 refused with a message, 403 seen but not
to be changed by this user, 404 not seen, 409 the cases chosen by a filter are not those the
user confirmed (here: the case is not among those the user may see).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.models import IntakeQuestion, QuestionKind, StandardText
from cases.services.attachments import add_attachment
from cases.services.referrals import route_case
from cases.services.saved_filters import save_filter
from public.models import IntakeDetails
from public.services.outside import ask_outside_party
from tests.factories import DepartmentFactory, UserFactory, official

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "no_department",
    "stranger",
    "coordinator",
    "lead",
    "routed",
    "samordnare",
    "admin",
]


@pytest.fixture
def world(db):
    reception = DepartmentFactory(name="Reception", code="kontaktcenter")
    miljo = DepartmentFactory(name="Miljö", code="miljo")
    bygg = DepartmentFactory(name="Bygg", code="samhallsbyggnad")
    other = DepartmentFactory(name="Annan", code="annan")
    people = {
        "anonymous": None,
        "no_department": UserFactory(),
        "stranger": official(other),
        "coordinator": official(reception),
        "lead": official(miljo),
        "routed": official(bygg),
        "samordnare": official(DepartmentFactory(code="naringsliv"), Role.SAMORDNARE),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }
    case_type = CaseTypeFactory(lead_department=miljo)
    secret = a_case(
        by=people["coordinator"], department=reception, case_type=case_type, confidential=True
    )
    referral = route_case(
        case=secret, department=bygg, by=people["coordinator"], request_text="Bygglov?"
    )
    public = a_case(by=people["coordinator"], department=reception, case_type=case_type)
    # A confidential case with PBL's statutory clock, routed like ``secret``.
    bygglov = CaseTypeFactory(lead_department=miljo, clock="statutory", statutory_weeks=10)
    statutory = a_case(
        by=people["coordinator"], department=reception, case_type=bygglov, confidential=True
    )
    route_case(case=statutory, department=bygg, by=people["coordinator"], request_text="Ritning?")
    # Another confidential registration of the same matter (to merge the secret case into).
    secret_again = a_case(
        by=people["coordinator"], department=reception, case_type=case_type, confidential=True
    )
    # A question the case type asks since the cases were opened (the answers page, issue 13).
    seats = IntakeQuestion.objects.create(
        case_type=case_type, label_sv="Antal platser", kind=QuestionKind.NUMBER
    )
    standard_text = StandardText.objects.create(title="Hälsning", body_sv="Hej {company}!")
    # What the business gave on the public form (the public door's staff-side button).
    IntakeDetails.objects.create(
        case=secret,
        consent_given_at=timezone.now(),
        contact_name_given="Mallory Svensson",
        contact_email_given="ekonomi@annan.example",
    )
    attachment = add_attachment(
        case=secret,
        by=people["coordinator"],
        uploaded_file=SimpleUploadedFile("ritning.txt", b"Ritning"),
    )
    outside = ask_outside_party(
        case=secret,
        by=people["lead"],  # not the coordinator: the case stays new
        party="Polisen",
        email="tillstand@polisen.example",
        question="Invändningar?",
    ).question
    # A saved filter of the list ("Mina filter"), the coordinator's, shared with Reception.
    saved = save_filter(
        by=people["coordinator"], name="Nya", query="status=new", shared_with=reception
    )
    return {
        "people": people,
        "saved": saved,
        "outside": outside,
        "secret": secret,
        "public": public,
        "statutory": statutory,
        "referral": referral,
        "attachment": attachment,
        "other": other,
        "secret_again": secret_again,
        "seats": seats,
        "standard_text": standard_text,
    }


def _text_file():
    return SimpleUploadedFile("anteckning.txt", "Hej från företaget".encode())


# Expected answers, one row per view, one column per role.
EXPECTED = """
view                 anonymous no_department stranger coordinator lead routed samordnare admin
list                 302       200           200      200         200  200    200        200
export               302       200           200      200         200  200    200        200
my_work              302       200           200      200         200  200    200        200
create               302       302           200      200         200  200    200        200
company_list         302       404           200      200         200  200    200        200
company_lookup       302       404           200      200         200  200    200        200
company_detail       302       404           200      200         200  200    200        200
contact_add          302       404           302      302         302  302    302        302
detail_confidential  302       404           404      200         200  200    404        200
detail_open          302       404           200      200         200  200    200        200
status_confidential  302       404           404      302         302  400    404        302
status_open          302       404           400      302         302  400    302        302
coordinator          302       404           404      302         302  400    404        302
route                302       404           404      302         302  302    404        302
note                 302       404           404      302         302  302    404        302
message              302       404           404      302         302  302    404        302
upload               302       404           404      302         302  302    404        302
attachment           302       404           404      200         200  200    404        200
referral_accept      302       404           404      400         400  302    404        400
referral_answer      302       404           404      400         400  302    404        400
referral_decline     302       404           404      400         400  302    404        400
referral_withdraw    302       404           404      302         302  400    404        302
referral_reroute     302       404           404      302         302  302    404        302
register_contact     302       404           404      302         302  400    404        302
clock_action         302       404           404      302         302  400    404        302
header_search        302       200           200      200         200  200    200        200
outside_questions    302       404           404      200         200  200    404        200
outside_ask          302       404           404      302         302  302    404        302
outside_withdraw     302       404           404      302         302  302    404        302
edit                 302       404           404      302         302  400    404        302
intake_answers       302       404           404      200         200  403    404        200
intake_answers_save  302       404           404      302         302  403    404        302
link                 302       404           404      302         302  302    404        302
merge                302       404           404      302         302  400    404        302
standard_text        302       404           404      200         200  200    404        200
assign               302       404           404      302         302  400    404        302
assign_open          302       404           400      302         302  400    302        302
referral_assign      302       404           404      302         302  302    404        302
bulk_confirm         302       200           200      200         200  200    200        200
bulk_status_secret   302       400           400      302         302  400    400        302
bulk_status_open     302       400           400      302         302  400    302        302
bulk_filter_confirm  302       200           200      200         200  200    200        200
bulk_filter_status   302       409           409      302         302  400    409        302
saved_filter_form    302       302           200      200         200  200    200        200
saved_filter_save    302       302           302      302         302  302    302        302
saved_filter_open    302       404           404      302         404  404    404        404
saved_filter_edit    302       404           404      200         404  404    404        404
saved_filter_change  302       404           404      302         404  404    404        404
saved_filter_delete  302       404           404      302         404  404    404        404
"""


def _table() -> dict[str, dict[str, int]]:
    header, *rows = [line.split() for line in EXPECTED.strip().splitlines()]
    assert header[1:] == ROLES
    return {row[0]: dict(zip(ROLES, map(int, row[1:]), strict=True)) for row in rows}


def _secret(w, name, *extra):
    return reverse(f"cases:{name}", args=[w["secret"].pk, *extra])


def _referral(w, verb):
    return reverse("cases:referral_action", args=[w["referral"].pk, verb])


# view: (method, url, form data)
REQUESTS = {
    "list": ("get", lambda w: reverse("cases:list"), None),
    "export": ("get", lambda w: reverse("cases:export"), None),
    "my_work": ("get", lambda w: reverse("cases:my_work"), None),
    "create": ("get", lambda w: reverse("cases:create"), None),
    "company_list": ("get", lambda w: reverse("cases:company_list"), None),
    "company_lookup": ("get", lambda w: reverse("cases:company_lookup") + "?q=AB", None),
    "company_detail": (
        "get",
        lambda w: reverse("cases:company_detail", args=[w["secret"].company_id]),
        None,
    ),
    "contact_add": (
        "post",
        lambda w: reverse("cases:contact_add", args=[w["secret"].company_id]),
        lambda w: {"name": "Kim Berg", "email": "kim@example.se"},
    ),
    "detail_confidential": ("get", lambda w: _secret(w, "detail"), None),
    "detail_open": ("get", lambda w: reverse("cases:detail", args=[w["public"].pk]), None),
    "status_confidential": (
        "post",
        lambda w: _secret(w, "status"),
        lambda w: {"status-to": "open"},
    ),
    "status_open": (
        "post",
        lambda w: reverse("cases:status", args=[w["public"].pk]),
        lambda w: {"status-to": "open"},
    ),
    "coordinator": (
        "post",
        lambda w: _secret(w, "coordinator"),
        lambda w: {"coordinator-coordinator": w["people"]["lead"].pk},
    ),
    "route": (
        "post",
        lambda w: _secret(w, "route"),
        lambda w: {"route-department": w["other"].pk, "route-request_text": "Fråga"},
    ),
    "note": ("post", lambda w: _secret(w, "note"), lambda w: {"note-body": "Anteckning"}),
    "message": ("post", lambda w: _secret(w, "message"), lambda w: {"message-body": "Hej"}),
    "upload": ("post", lambda w: _secret(w, "upload"), lambda w: {"upload-file": _text_file()}),
    "attachment": (
        "get",
        lambda w: reverse("cases:attachment", args=[w["attachment"].pk]),
        None,
    ),
    "referral_accept": ("post", lambda w: _referral(w, "ta-emot"), lambda w: {}),
    "referral_answer": (
        "post",
        lambda w: _referral(w, "svara"),
        lambda w: {f"answer-{w['referral'].pk}-answer_text": "Svar"},
    ),
    "referral_decline": (
        "post",
        lambda w: _referral(w, "avbo"),
        lambda w: {f"decline-{w['referral'].pk}-reason": "Nej"},
    ),
    "referral_withdraw": ("post", lambda w: _referral(w, "aterkalla"), lambda w: {}),
    "referral_reroute": (
        "post",
        lambda w: _referral(w, "skicka-vidare"),
        lambda w: {f"reroute-{w['referral'].pk}-department": w["other"].pk},
    ),
    "clock_action": (
        "post",
        lambda w: reverse("cases:clock_action", args=[w["statutory"].pk, "completion"]),
        lambda w: {"completion-what": "Ritning"},
    ),
    "edit": (
        "post",
        lambda w: _secret(w, "edit"),
        lambda w: {
            "edit-title": "Ny titel",
            "edit-case_type": w["secret"].case_type_id,
            "edit-lead_department": w["secret"].lead_department_id,
            "edit-priority": "high",
            "edit-confidential": "on",
            "edit-org_number": w["secret"].company.org_number,
        },
    ),
    # Issue 13: correcting the answers to the intake questions (whoever may edit the case).
    "intake_answers": ("get", lambda w: _secret(w, "intake_answers"), None),
    "intake_answers_save": (
        "post",
        lambda w: _secret(w, "intake_answers"),
        lambda w: {f"intake-question_{w['seats'].pk}": "12"},
    ),
    "link": ("post", lambda w: _secret(w, "link"), lambda w: {"link-number": w["public"].number}),
    "merge": (
        "post",
        lambda w: _secret(w, "merge"),
        lambda w: {"merge-number": w["secret_again"].number, "merge-confirm": "on"},
    ),
    "standard_text": (
        "post",
        lambda w: _secret(w, "standard_text"),
        lambda w: {
            "message-standard-text": w["standard_text"].pk,
            "standard-for": "message",
        },
    ),
    # Issue 13: assign to a named colleague (one who can see the case / the department's member).
    "assign": (
        "post",
        lambda w: _secret(w, "assign"),
        lambda w: {"assign-assignee": w["people"]["lead"].pk},
    ),
    "assign_open": (
        "post",
        lambda w: reverse("cases:assign", args=[w["public"].pk]),
        lambda w: {"assign-assignee": w["people"]["lead"].pk},
    ),
    "referral_assign": (
        "post",
        lambda w: _referral(w, "tilldela"),
        lambda w: {f"assign-{w['referral'].pk}-assignee": w["people"]["routed"].pk},
    ),
    # Bulk actions on the list (cases/views/bulk.py): each case through its own service and
    # permission check; nothing done is a 400 (a case not seen is counted, never named).
    "bulk_confirm": (
        "post",
        lambda w: reverse("cases:bulk"),
        lambda w: {"action": "status", "ids": [w["secret"].pk]},
    ),
    "bulk_status_secret": (
        "post",
        lambda w: reverse("cases:bulk"),
        lambda w: {"action": "status", "confirm": "1", "ids": [w["secret"].pk], "bulk-to": "open"},
    ),
    # "All matching the filter": the filter (the statutory case's own type), not ids.
    "bulk_filter_confirm": (
        "post",
        lambda w: reverse("cases:bulk"),
        lambda w: {"action": "status", "scope": "filter", "back": ""},
    ),
    "bulk_filter_status": (
        "post",
        lambda w: reverse("cases:bulk"),
        lambda w: {
            "action": "status",
            "scope": "filter",
            "back": f"case_type={w['statutory'].case_type_id}",
            "confirm": "1",
            "expected": "1",
            "bulk-to": "open",
        },
    ),
    "bulk_status_open": (
        "post",
        lambda w: reverse("cases:bulk"),
        lambda w: {"action": "status", "confirm": "1", "ids": [w["public"].pk], "bulk-to": "open"},
    ),
    # Saved filters of the list (issue 13): anyone who sees the list saves; only the owner
    # changes; the owner and the department it is shared with open it.
    "saved_filter_form": (
        "get",
        lambda w: reverse("cases:saved_filter_create") + "?query=status%3Dnew",
        None,
    ),
    "saved_filter_save": (
        "post",
        lambda w: reverse("cases:saved_filter_create"),
        lambda w: {"name": "Mina nya", "query": "status=new"},
    ),
    "saved_filter_open": (
        "get",
        lambda w: reverse("cases:saved_filter_open", args=[w["saved"].pk]),
        None,
    ),
    "saved_filter_edit": (
        "get",
        lambda w: reverse("cases:saved_filter_edit", args=[w["saved"].pk]),
        None,
    ),
    "saved_filter_change": (
        "post",
        lambda w: reverse("cases:saved_filter_edit", args=[w["saved"].pk]),
        lambda w: {"name": "Omdöpt"},
    ),
    "saved_filter_delete": (
        "post",
        lambda w: reverse("cases:saved_filter_delete", args=[w["saved"].pk]),
        lambda w: {},
    ),
    # A staff page of the public door, on the case page (public/hooks.py).
    "register_contact": (
        "post",
        lambda w: reverse("public:register_contact", args=[w["secret"].pk]),
        lambda w: {},
    ),
    # The header search (lotsportal/search.py, the cases provider in cases/portal.py).
    "header_search": ("get", lambda w: reverse("search") + "?q=Ritning", None),
    # Questions to outside parties (public/views_outside.py; the party's own page is opened
    # by its private link, without an account: tests/public/test_outside_party.py).
    "outside_questions": (
        "get",
        lambda w: reverse("public:outside_questions", args=[w["secret"].pk]),
        None,
    ),
    "outside_ask": (
        "post",
        lambda w: reverse("public:outside_questions", args=[w["secret"].pk]),
        lambda w: {
            "outside-party": "Länsstyrelsen",
            "outside-email": "lst@lansstyrelsen.example",
            "outside-question": "Strandskydd?",
        },
    ),
    "outside_withdraw": (
        "post",
        lambda w: reverse("public:withdraw_outside", args=[w["secret"].pk, w["outside"].pk]),
        lambda w: {},
    ),
}

CASES = [
    pytest.param(view, role, code, id=f"{view}-{role}")
    for view, codes in _table().items()
    for role, code in codes.items()
]


@pytest.mark.parametrize(("view", "role", "expected"), CASES)
def test_role_by_view(client, world, view, role, expected):
    method, url, data = REQUESTS[view]
    user = world["people"][role]
    if user is not None:
        client.force_login(user)

    response = getattr(client, method)(url(world), data(world) if data else None)

    assert response.status_code == expected
    if role == "anonymous":
        assert "/konto/logga-in/" in response["Location"]


def test_the_table_and_the_requests_name_the_same_views():
    assert set(_table()) == set(REQUESTS)


def test_every_cases_url_is_in_the_matrix():
    from cases.urls import urlpatterns

    covered = {
        "list",
        "export",
        "bulk",
        "my_work",
        "create",
        "company_lookup",
        "detail",
        "status",
        "coordinator",
        "route",
        "assign",
        "note",
        "message",
        "upload",
        "attachment",
        "referral_action",
        "company_list",
        "company_detail",
        "contact_add",
        "clock_action",
        "edit",
        "intake_answers",
        "link",
        "merge",
        "standard_text",
        "saved_filter_create",
        "saved_filter_open",
        "saved_filter_edit",
        "saved_filter_delete",
    }
    assert {pattern.name for pattern in urlpatterns} == covered
