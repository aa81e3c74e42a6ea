"""Role by view: every training page (and the training admin) answered for every kind of user.

The world: an open edition that Lotta (a lots, the participant) has started, with her logged
activity waiting for approval, her question proposal and her diploma of last year's edition;
a samordnare (staff, with the admin's model permissions), a department lead, a staff account
that is only a lots (with the same model permissions), a superuser and an anonymous visitor.
Codes: 200 shown, 302 done (or sent to sign in), 403 refused with a message, 404 not seen.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, UserFactory, official
from training import admin as training_admin
from training.models import Diploma
from training.services import attempts, practical, proposals

from .conftest import items_of
from .factories import CourseFactory, requirement

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "samordnare", "lead", "staff", "superuser"]


def _with_admin_permissions(user):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="training"))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def world(db, short_course):
    participant = official(DepartmentFactory(name="Miljö", code="miljo"), Role.LOTS)
    people = {
        "anonymous": None,
        "participant": participant,
        "samordnare": _with_admin_permissions(
            official(DepartmentFactory(name="Näringsliv", code="naringsliv"), Role.SAMORDNARE)
        ),
        "lead": official(DepartmentFactory(name="Bygg", code="bygg"), Role.AVDELNINGSCHEF),
        "staff": _with_admin_permissions(
            official(DepartmentFactory(name="Teknik", code="teknik"), Role.LOTS)
        ),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    attempts.start_course(user=participant, course=short_course)
    activity = practical.log_activity(
        user=participant,
        course=short_course,
        requirement=requirement(short_course),
        date=datetime.date.today(),
        place_or_department="Bageriet",
        learned="Hur en livsmedelsregistrering går till.",
    )
    proposal = proposals.propose_question(by=participant, draft_text="Behövs bygglov för altan?")
    last_year = CourseFactory(year=short_course.year - 1, title="LOTS-kursen")
    diploma = Diploma.objects.create(
        user=participant,
        course=last_year,
        number=f"LOTS-{last_year.year}-0001",
        verification_code="ABCD-EFGH-JKMN",
        issued_at=datetime.datetime(last_year.year, 6, 1, tzinfo=datetime.UTC),
        valid_until=datetime.date(last_year.year, 12, 31),
        snapshot={"name": participant.full_name, "year": last_year.year},
    )
    diploma.file.save("diplom.pdf", ContentFile(b"%PDF-1.4 diplom"))
    return {
        "people": people,
        "course": short_course,
        "last_year": last_year,
        "item": items_of(participant)[0],
        "activity": activity,
        "proposal": proposal,
        "diploma": diploma,
    }


# Expected answers, one row per view, one column per role.
EXPECTED = """
view                   anonymous participant samordnare lead staff superuser
home                   302       200         200        200  200   200
start                  302       302         302        302  302   302
topic                  302       200         404        404  404   404
answer                 302       302         404        404  404   404
results                302       200         200        200  200   200
retake                 302       302         302        302  302   302
diploma_download       302       200         404        404  404   404
practical              302       200         200        200  200   200
propose                302       200         200        200  200   200
coordinator            302       403         200        403  403   200
pending                302       403         200        403  403   200
review                 302       403         200        403  403   200
review_post            302       403         302        403  403   302
diplomas               302       403         200        403  403   200
diplomas_post          302       403         302        403  403   302
revoke                 302       403         302        403  403   302
statistics             302       403         200        403  403   200
review_due             302       403         200        403  403   200
interchange            302       403         200        403  403   200
export                 302       403         200        403  403   200
copy_edition           302       403         302        403  403   302
proposals              302       403         200        403  403   200
proposal_review        302       403         200        403  403   200
proposal_reject        302       403         302        403  403   302
verify_form            200       200         200        200  200   200
diploma_landing        200       200         200        200  200   200
verify                 200       200         200        200  200   200
admin_activity         302       302         200        302  403   200
"""


# Every changelist of the training admin answers alike: open to the coordinators only (the
# staff lots has Django's model permissions, and is refused all the same).
ADMIN_CHANGELIST = "302 302 200 302 403 200"


def _training_admins() -> list[str]:
    from django.contrib import admin

    return sorted(
        model._meta.model_name
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, training_admin.CoordinatorAdmin)
    )


def _table() -> dict[str, dict[str, int]]:
    header, *rows = [line.split() for line in EXPECTED.strip().splitlines()]
    assert header[1:] == ROLES
    rows += [[f"admin_{model}", *ADMIN_CHANGELIST.split()] for model in _training_admins()]
    return {row[0]: dict(zip(ROLES, map(int, row[1:]), strict=True)) for row in rows}


def _course(name, *extra):
    return lambda w: reverse(f"training:{name}", args=[w["course"].pk, *extra])


def _admin(name, *args):
    return lambda w: reverse(f"admin:training_{name}", args=[a(w) for a in args])


# view: (method, url, form data, URL name it covers)
REQUESTS = {
    "home": ("get", lambda w: reverse("training:home"), None, "training:home"),
    "start": ("post", _course("start"), None, "training:start"),
    "topic": (
        "get",
        lambda w: reverse("training:topic", args=[w["course"].pk, w["item"].topic_id]),
        None,
        "training:topic",
    ),
    "answer": (
        "post",
        lambda w: reverse("training:answer", args=[w["item"].pk]),
        lambda w: {f"q{w['item'].pk}-choice": w["item"].choice_order[0]},
        "training:answer",
    ),
    "results": ("get", _course("results"), None, "training:results"),
    "retake": ("post", _course("retake"), None, "training:retake"),
    "diploma_download": (
        "get",
        lambda w: reverse("training:diploma_download", args=[w["last_year"].pk]),
        None,
        "training:diploma_download",
    ),
    "practical": ("get", _course("practical"), None, "training:practical"),
    "propose": ("get", lambda w: reverse("training:propose"), None, "training:propose"),
    "coordinator": ("get", lambda w: reverse("training:coordinator"), None, "training:coordinator"),
    "pending": ("get", lambda w: reverse("training:pending"), None, "training:pending"),
    "review": (
        "get",
        lambda w: reverse("training:review", args=[w["activity"].pk]),
        None,
        "training:review",
    ),
    "review_post": (
        "post",
        lambda w: reverse("training:review", args=[w["activity"].pk]),
        lambda w: {"decision": "approve", "comment": ""},
        "training:review",
    ),
    "diplomas": ("get", lambda w: reverse("training:diplomas"), None, "training:diplomas"),
    "diplomas_post": (
        "post",
        lambda w: reverse("training:diplomas"),
        lambda w: {"kurs": w["course"].pk, "user": [w["people"]["participant"].pk]},
        "training:diplomas",
    ),
    "revoke": (
        "post",
        lambda w: reverse("training:revoke", args=[w["diploma"].pk]),
        lambda w: {"reason": "Utfärdat av misstag."},
        "training:revoke",
    ),
    "statistics": ("get", lambda w: reverse("training:statistics"), None, "training:statistics"),
    "review_due": ("get", lambda w: reverse("training:review_due"), None, "training:review_due"),
    "interchange": ("get", lambda w: reverse("training:interchange"), None, "training:interchange"),
    "export": (
        "get",
        lambda w: reverse("training:export", args=["csv"]) + f"?kurs={w['course'].pk}",
        None,
        "training:export",
    ),
    "copy_edition": (
        "post",
        lambda w: reverse("training:copy_edition"),
        lambda w: {"kurs": w["course"].pk},
        "training:copy_edition",
    ),
    "proposals": ("get", lambda w: reverse("training:proposals"), None, "training:proposals"),
    "proposal_review": (
        "get",
        lambda w: reverse("training:proposal_review", args=[w["proposal"].pk]),
        None,
        "training:proposal_review",
    ),
    "proposal_reject": (
        "post",
        lambda w: reverse("training:proposal_review", args=[w["proposal"].pk]),
        lambda w: {"reject": "1", "comment": "Finns redan."},
        "training:proposal_review",
    ),
    "verify_form": ("get", lambda w: reverse("diploma:verify_form"), None, "diploma:verify_form"),
    "diploma_landing": ("get", lambda w: reverse("diploma:landing"), None, "diploma:landing"),
    "verify": (
        "get",
        lambda w: reverse("diploma:verify", args=[w["diploma"].verification_code]),
        None,
        "diploma:verify",
    ),
    "admin_activity": (
        "get",
        _admin("practicalactivity_change", lambda w: w["activity"].pk),
        None,
        "admin:training_practicalactivity_change",
    ),
}

for _model in _training_admins():
    REQUESTS[f"admin_{_model}"] = (
        "get",
        _admin(f"{_model}_changelist"),
        None,
        f"admin:training_{_model}_changelist",
    )

CASES = [
    pytest.param(view, role, code, id=f"{view}-{role}")
    for view, codes in _table().items()
    for role, code in codes.items()
]


@pytest.mark.parametrize(("view", "role", "expected"), CASES)
def test_role_by_view(client, world, view, role, expected):
    method, url, data, _name = REQUESTS[view]
    user = world["people"][role]
    if user is not None:
        client.force_login(user)

    response = getattr(client, method)(url(world), data(world) if data else None)

    assert response.status_code == expected
    if role == "anonymous" and expected == 302:
        assert "/logga-in/" in response["Location"] or "/admin/login/" in response["Location"]
    if expected == 403 and not view.startswith("admin_"):
        # The domain refusal, shown with its message on the friendly page.
        assert 'data-testid="refusal"' in response.content.decode()


def test_the_table_and_the_requests_name_the_same_views():
    assert set(_table()) == set(REQUESTS)


def test_every_training_url_is_in_the_matrix():
    """A new page of the training or diploma namespace fails here until it has a row."""
    from training.public_urls import urlpatterns as public_patterns
    from training.urls import urlpatterns

    names = {f"training:{p.name}" for p in urlpatterns} | {
        f"diploma:{p.name}" for p in public_patterns
    }
    covered = {name for *_rest, name in REQUESTS.values()}
    assert names <= covered, names - covered


def test_every_training_admin_is_a_coordinator_admin():
    """The admin's training models all go through the coordinator's permission functions."""
    from django.contrib import admin

    training_models = [m for m in admin.site._registry if m._meta.app_label == "training"]
    assert len(_training_admins()) == len(training_models) >= 12
