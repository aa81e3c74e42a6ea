"""A coordinator handles the mail no case could take: reads it, puts it on its case or
discards it. Others may not see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import Attachment, Message, MessageDirection
from mailin.models import HoldReason, InboundMail, InboundStatus
from mailin.services import receive_mail
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, UserFactory, official

from .conftest import PDF, a_reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return DepartmentFactory(name="Näringsliv")


@pytest.fixture
def coordinator(department):
    return official(department, Role.SAMORDNARE)


@pytest.fixture
def case(coordinator):
    return a_case(by=coordinator, title="Ny bageributik")


@pytest.fixture
def held(case):
    """The owner answered from a colleague's address: held, naming the case."""
    from mailin.tokens import reply_address_for

    raw = a_reply(
        sender="kollega@bageriet.example",
        to=reply_address_for(case.pk),
        text="Hej, jag svarar åt Anna: vi öppnar den 1 mars.",
        files=(("planritning.pdf", PDF, "application/pdf"),),
    )
    return receive_mail(raw=raw, source="imap")


def test_the_coordinator_reads_and_puts_a_held_mail_on_its_case(client, coordinator, case, held):
    assert held.reason == HoldReason.UNKNOWN_SENDER
    client.force_login(coordinator)

    listing = client.get(reverse("mailin:held")).content.decode()
    assert "kollega@bageriet.example" in listing
    assert "Avsändaren är inte ärendets kontaktperson" in listing
    detail = client.get(reverse("mailin:held_detail", args=[held.pk])).content.decode()
    assert "vi öppnar den 1 mars" in detail
    assert f'value="{case.number}"' in detail  # the case its address names, filled in

    response = client.post(
        reverse("mailin:release", args=[held.pk]), {"release-case_number": case.number}
    )

    assert response.status_code == 302
    message = Message.objects.get(case=case, direction=MessageDirection.FROM_BUSINESS)
    assert message.body == "Hej, jag svarar åt Anna: vi öppnar den 1 mars."
    assert Attachment.objects.get(case=case).original_name == "planritning.pdf"
    held.refresh_from_db()
    assert (held.status, held.handled_by) == (InboundStatus.RELEASED, coordinator)
    assert not bytes(held.raw)
    assert "kollega@bageriet.example" not in client.get(reverse("mailin:held")).content.decode()


def test_a_wrong_case_number_keeps_the_mail_and_says_so(client, coordinator, held):
    client.force_login(coordinator)
    response = client.post(
        reverse("mailin:release", args=[held.pk]), {"release-case_number": "FE-1999-9999"}
    )
    assert response.status_code == 400
    assert 'value="FE-1999-9999"' in response.content.decode()  # what was typed stays
    held.refresh_from_db()
    assert held.status == InboundStatus.HELD


def test_a_mail_put_on_a_case_cannot_be_put_there_twice(client, coordinator, case, held):
    client.force_login(coordinator)
    url = reverse("mailin:release", args=[held.pk])
    client.post(url, {"release-case_number": case.number})
    response = client.post(url, {"release-case_number": case.number})
    assert response.status_code == 409
    assert Message.objects.filter(case=case, direction=MessageDirection.FROM_BUSINESS).count() == 1


def test_the_coordinator_discards_a_held_mail(client, coordinator, held):
    client.force_login(coordinator)
    response = client.post(reverse("mailin:discard", args=[held.pk]))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == InboundStatus.DISCARDED
    assert held.body == "" and not bytes(held.raw)


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anonymous", 302),
        ("lots", 403),
        ("lead", 403),
        ("staff", 403),
        ("coordinator", 200),
        ("superuser", 200),
    ],
)
def test_who_may_see_the_held_mail(client, department, coordinator, held, who, expected):
    users = {
        "lots": lambda: official(department, Role.LOTS),
        "lead": lambda: official(department, Role.AVDELNINGSCHEF),
        "staff": lambda: UserFactory(is_staff=True),
        "coordinator": lambda: coordinator,
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    }
    if who in users:
        client.force_login(users[who]())
    pages = [
        ("get", reverse("mailin:held")),
        ("get", reverse("mailin:held_detail", args=[held.pk])),
    ]
    for method, url in pages:
        assert getattr(client, method)(url).status_code == expected, url
    # The changes are refused alike (and change nothing) for whoever may not see the page.
    if expected != 200:
        for url in (
            reverse("mailin:release", args=[held.pk]),
            reverse("mailin:discard", args=[held.pk]),
        ):
            assert (
                client.post(url, {"release-case_number": held.case.number}).status_code == expected
            )
        held.refresh_from_db()
        assert held.status == InboundStatus.HELD


def test_the_held_list_costs_the_same_for_many_mails(
    client, coordinator, case, django_assert_max_num_queries
):
    for index in range(30):
        receive_mail(
            raw=a_reply(
                sender=f"x{index}@example.org",
                to="arende@kommun.example",
                message_id=f"<m{index}@example.org>",
            ),
            source="imap",
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("mailin:held"))
    assert response.content.decode().count("example.org") >= 30
    assert InboundMail.objects.held().count() == 30


def test_anonymising_a_case_erases_its_mail(coordinator, case, held):
    from cases.services.cases import change_status
    from cases.services.retention import anonymise_case
    from cases.workflow import CaseStatus

    change_status(case=case, to=CaseStatus.CLOSED, by=coordinator)
    assert anonymise_case(case=case, by=None, reason="test")
    held.refresh_from_db()
    assert held.body == "" and not bytes(held.raw)
    assert "bageriet" not in held.sender
