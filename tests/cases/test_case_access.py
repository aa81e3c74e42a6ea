"""Who may see a confidential case in the lists is kept as a relation (``CaseAccess``: the
lead department and every department it is routed to), written in the transaction of every
change by ``cases.services.events.record``. The lists must show what ``can_view_case`` says."""

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import CaseAccess
from cases.permissions import can_view_case, visible_cases
from cases.services.referrals import reroute_referral, route_case
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db


def departments_of(case):
    return set(CaseAccess.objects.filter(case=case).values_list("department_id", flat=True))


def listed(client, user, case) -> bool:
    client.force_login(user)
    html = client.get(reverse("cases:list")).content.decode()
    return f'href="/arenden/{case.pk}/"' in html


@pytest.fixture
def world():
    reception = DepartmentFactory(name="Reception", code="rec-a")
    miljo = DepartmentFactory(name="Miljö", code="miljo-a")
    bygg = DepartmentFactory(name="Bygg", code="bygg-a")
    kultur = DepartmentFactory(name="Kultur", code="kultur-a")
    opener = official(reception, Role.LOTS)
    secret = a_case(
        by=opener,
        department=reception,
        case_type=CaseTypeFactory(lead_department=miljo),
        confidential=True,
        title="Hemlig etablering",
    )
    return {
        "secret": secret,
        "opener": opener,
        "miljo": miljo,
        "bygg": bygg,
        "kultur": kultur,
        "miljo_official": official(miljo, Role.LOTS),
        "bygg_official": official(bygg, Role.LOTS),
        "kultur_official": official(kultur, Role.LOTS),
    }


def test_opening_a_confidential_case_opens_it_to_its_lead_department_only(client, world):
    secret = world["secret"]

    assert departments_of(secret) == {world["miljo"].pk}
    assert listed(client, world["miljo_official"], secret)
    assert listed(client, world["opener"], secret)  # the coordinator
    assert not listed(client, world["bygg_official"], secret)


def test_routing_opens_the_case_to_the_receiving_department_in_the_same_change(client, world):
    secret, bygg = world["secret"], world["bygg"]

    route_case(case=secret, department=bygg, by=world["opener"], request_text="Bygglov?")

    assert departments_of(secret) == {world["miljo"].pk, bygg.pk}
    assert listed(client, world["bygg_official"], secret)
    assert not listed(client, world["kultur_official"], secret)


def test_rerouting_keeps_the_first_department_and_adds_the_next(client, world):
    secret, bygg, kultur = world["secret"], world["bygg"], world["kultur"]
    referral = route_case(case=secret, department=bygg, by=world["opener"], request_text="Fråga")

    reroute_referral(referral=referral, department=kultur, by=world["opener"])

    # As can_view_case: a department keeps seeing a case once routed to it.
    assert departments_of(secret) == {world["miljo"].pk, bygg.pk, kultur.pk}
    assert listed(client, world["kultur_official"], secret)
    assert listed(client, world["bygg_official"], secret)


def test_a_case_that_is_not_confidential_has_no_rows(world):
    plain = a_case(by=world["opener"], case_type=CaseTypeFactory(lead_department=world["miljo"]))
    route_case(case=plain, department=world["bygg"], by=world["opener"], request_text="Fråga")

    assert departments_of(plain) == set()
    assert visible_cases(world["kultur_official"]).filter(pk=plain.pk).exists()


@pytest.mark.parametrize("who", ["opener", "miljo_official", "bygg_official", "kultur_official"])
def test_the_list_and_the_case_page_agree_for_everyone(world, who):
    secret = world["secret"]
    route_case(case=secret, department=world["bygg"], by=world["opener"], request_text="Fråga")
    user = world[who]

    in_list = visible_cases(user).filter(pk=secret.pk).exists()

    assert in_list == can_view_case(user, secret)
