import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from development.models import Theme
from development.services.ideas import move_idea, propose_idea
from development.services.visits import add_insight, plan_visit, register_visit_held
from development.workflow import IdeaStatus
from tests.factories import DepartmentFactory, UserFactory, official

ORG = "556036-0793"


@pytest.fixture
def naringsliv(db):
    return DepartmentFactory(
        name="Näringsliv", code="naringsliv", inbox_email="naringsliv@kommun.example"
    )


@pytest.fixture
def bygg(db):
    return DepartmentFactory(
        name="Samhällsbyggnad", code="samhallsbyggnad", inbox_email="bygg@kommun.example"
    )


@pytest.fixture
def visitor(naringsliv):
    return official(naringsliv, Role.LOTS, full_name="Nora Näringsliv")


@pytest.fixture
def colleague(naringsliv):
    return official(naringsliv, Role.LOTS, full_name="Kalle Kollega")


@pytest.fixture
def stranger(db):
    return official(DepartmentFactory(name="Kultur", code="kultur"), full_name="Sven Främling")


@pytest.fixture
def publisher(naringsliv):
    from django.contrib.auth.models import Permission

    user = official(naringsliv, Role.SAMORDNARE, full_name="Pia Publicerar")
    user.user_permissions.add(Permission.objects.get(codename="publish_idea"))
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(full_name="Ada Admin", is_staff=True, is_superuser=True)


@pytest.fixture
def theme(db):
    return Theme.objects.get(name="Lokaler och mark")


def a_visit(*, by, department, org=ORG, held=True, date=None, contact_email="", **fields):
    visit = plan_visit(
        by=by,
        org_number=org,
        company_name=fields.pop("company_name", "Kafé Torget AB"),
        department=department,
        date=date or timezone.localdate() - datetime.timedelta(days=1),
        purpose=fields.pop("purpose", "Lära känna företaget"),
        participants=fields.pop("participants", [by]),
        contact_name="Kim Företagare" if contact_email else "",
        contact_email=contact_email,
        **fields,
    )
    return register_visit_held(visit=visit, by=by) if held else visit


def an_insight(*, visit, by, theme, departments, text="Svårt att hitta lokaler att växa i"):
    return add_insight(
        visit=visit, by=by, kind="need", theme=theme, text=text, departments=departments
    )


def an_idea(*, by, department, status=IdeaStatus.PROPOSED, insights=(), **fields):
    idea = propose_idea(
        by=by,
        title=fields.pop("title", "Lokalbank på webben"),
        why=fields.pop("why", "Företag hittar inga lediga lokaler."),
        what="En lista över lediga lokaler",
        how="Näringsliv samlar in och publicerar varje månad",
        source="visit",
        department=department,
        insights=insights,
        **fields,
    )
    path = [IdeaStatus.PREPARING, IdeaStatus.DECIDED, IdeaStatus.IMPLEMENTING, IdeaStatus.REALISED]
    if status == IdeaStatus.REJECTED:
        return move_idea(idea=idea, by=by, to=status, reason="Finns redan")
    for step in path[: path.index(status) + 1] if status in path else []:
        idea = move_idea(idea=idea, by=by, to=step)
    return idea
