"""Two registrations of the same matter: linked, or one merged into the one kept."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import CaseEvent, EventKind, Message, Referral
from cases.services.cases import change_status
from cases.services.communication import send_message_to_business
from cases.services.linking import merge_case
from cases.services.referrals import answer_referral, route_case
from cases.workflow import CaseStatus
from notifications.models import OutboxMessage
from notifications.services import render_message
from public.tokens import issue_tracking_token
from tests.factories import official

from .factories import a_case

pytestmark = pytest.mark.django_db

# The tracking page (4), its promises (1, the service guarantees), and the kept case,
# savepoint, link and release, and the intake answers (1).
MERGED_TRACKING_QUERIES = 10


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def pair(receptionist, reception):
    first = a_case(by=receptionist, department=reception, title="Uteservering på torget")
    second = a_case(
        by=receptionist, department=reception, company=first.company, title="Uteservering igen"
    )
    return first, second


def test_linking_shows_each_case_on_the_others_page_and_timeline(client, receptionist, pair):
    first, second = pair
    _english(client)
    client.force_login(receptionist)

    response = client.post(
        reverse("cases:link", args=[first.pk]),
        {"link-number": f" {second.number.lower()} "},
        follow=True,
    )

    assert "The cases are linked." in response.content.decode()
    for case, other in ((first, second), (second, first)):
        html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        related = html.split('data-testid="related-cases"')[1].split("</section>")[0]
        assert other.number in related and "(linked)" in related
        assert f"Linked with {other.number}." in html
        assert CaseEvent.objects.filter(case=case, kind=EventKind.CASE_LINKED).count() == 1


def test_linking_twice_or_to_itself_or_to_an_unknown_number_is_refused(client, receptionist, pair):
    first, second = pair
    _english(client)
    client.force_login(receptionist)
    url = reverse("cases:link", args=[first.pk])
    client.post(url, {"link-number": second.number})

    again = client.post(url, {"link-number": second.number})
    itself = client.post(url, {"link-number": first.number})
    unknown = client.post(url, {"link-number": "LOTS 1999/1"})

    assert "The cases are already linked." in again.content.decode()
    assert "cannot be linked with or merged into itself" in itself.content.decode()
    assert "There is no case with that number." in unknown.content.decode()
    assert 'value="LOTS 1999/1"' in unknown.content.decode()
    assert {again.status_code, itself.status_code, unknown.status_code} == {400}


def test_merging_closes_the_case_points_to_the_one_kept_and_keeps_everything_readable(
    client, receptionist, builder, bygg, pair
):
    merged, kept = pair
    route_case(case=merged, department=bygg, by=receptionist, request_text="Bygglov behövs?")
    send_message_to_business(case=merged, by=receptionist, body="Vi har fått ert ärende.")
    _english(client)
    client.force_login(receptionist)

    page = client.get(reverse("cases:detail", args=[merged.pk])).content.decode()
    assert "Merge into another case" in page
    refused = client.post(reverse("cases:merge", args=[merged.pk]), {"merge-number": kept.number})
    assert refused.status_code == 400  # not confirmed
    response = client.post(
        reverse("cases:merge", args=[merged.pk]),
        {"merge-number": kept.number, "merge-confirm": "on"},
        follow=True,
    )

    html = response.content.decode()
    assert "The case is merged and closed." in html
    merged.refresh_from_db()
    assert merged.merged_into == kept and merged.status == CaseStatus.CLOSED
    banner = re.search(r'data-testid="merged-banner">(.*?)</p>', html, re.S).group(1)
    assert f"Merged with {kept.number}." in banner
    assert reverse("cases:detail", args=[kept.pk]) in banner
    # Nothing was deleted: the referral and the message are still on the merged case.
    assert "Bygglov behövs?" in html and "Vi har fått ert ärende." in html
    assert Referral.objects.filter(case=merged).count() == 1
    assert Message.objects.filter(case=merged).count() == 1
    kept_page = client.get(reverse("cases:detail", args=[kept.pk])).content.decode()
    assert f"{merged.number} was merged into this case." in kept_page
    assert "(merged into this case)" in kept_page
    listing = client.get(reverse("cases:list")).content.decode()
    assert listing.count('data-testid="merged-flag"') == 1  # the flag beside "Closed"
    # A merged case is not edited, merged again or reopened.
    assert 'name="edit-title"' not in html and "Merge into another case" not in html
    assert 'name="status-to"' not in html
    reopen = client.post(reverse("cases:status", args=[merged.pk]), {"status-to": "open"})
    assert "stays closed: work on the case kept" in reopen.content.decode()
    merged.refresh_from_db()
    assert merged.status == CaseStatus.CLOSED


def test_merging_into_a_closed_case_or_a_case_the_user_cannot_see_is_refused(
    client, receptionist, reception, pair
):
    merged, kept = pair
    change_status(case=kept, to=CaseStatus.CLOSED, by=receptionist, to_business="Klart.")
    stranger = official(reception)
    secret = a_case(by=stranger, department=reception, confidential=True)
    _english(client)
    client.force_login(receptionist)
    url = reverse("cases:merge", args=[merged.pk])

    closed = client.post(url, {"merge-number": kept.number, "merge-confirm": "on"})
    hidden = client.post(url, {"merge-number": secret.number, "merge-confirm": "on"})
    itself = client.post(url, {"merge-number": merged.number, "merge-confirm": "on"})

    assert "cannot be merged into a decided or closed case" in closed.content.decode()
    # The confidential case answers as a number that does not exist: nothing leaks.
    assert "There is no case with that number." in hidden.content.decode()
    assert "merged into itself" in itself.content.decode()
    merged.refresh_from_db()
    assert merged.merged_into is None and merged.status != CaseStatus.CLOSED


def test_a_confidential_case_is_not_merged_into_an_open_one(client, receptionist, reception):
    secret = a_case(by=receptionist, department=reception, confidential=True)
    open_case = a_case(by=receptionist, department=reception)
    _english(client)
    client.force_login(receptionist)

    response = client.post(
        reverse("cases:merge", args=[secret.pk]),
        {"merge-number": open_case.number, "merge-confirm": "on"},
    )

    assert "only be merged into another confidential case" in response.content.decode()


def test_the_business_on_the_merged_cases_tracking_page_is_pointed_to_the_kept_case(
    client, receptionist, pair, django_assert_num_queries
):
    merged, kept = pair
    token = issue_tracking_token(merged)
    client.force_login(receptionist)
    client.post(
        reverse("cases:merge", args=[merged.pk]),
        {"merge-number": kept.number, "merge-confirm": "on"},
    )
    client.logout()
    _english(client)

    page = client.get(reverse("public:track", args=[token])).content.decode()
    pointer = re.search(r'data-testid="merged-pointer">(.*?)</div>', page, re.S).group(1)
    assert f"Your matter was merged with {kept.number}" in pointer
    kept_url = re.search(r'href="([^"]+)"', pointer).group(1)
    # The same page shown again points to the same address (nothing new stored), with the
    # tracking page's own queries plus the kept case, its link's lookup and a savepoint pair.
    with django_assert_num_queries(MERGED_TRACKING_QUERIES):
        again = client.get(reverse("public:track", args=[token])).content.decode()
    assert kept_url in again
    kept_page = client.get(urlsplit(kept_url).path)
    assert kept_page.status_code == 200
    assert f"Your matter {kept.number}" in kept_page.content.decode()


def test_merging_withdraws_the_open_referrals_and_tells_their_departments(
    client, receptionist, builder, bygg, miljo, inspector, pair
):
    """Issue 13: a merged case's open referrals left the departments' queues only by hand."""
    merged, kept = pair
    open_one = route_case(case=merged, department=bygg, by=receptionist, request_text="Bygglov?")
    answered = route_case(case=merged, department=miljo, by=receptionist, request_text="Miljö?")
    answer_referral(referral=answered, by=inspector, answer_text="Inget hinder.")
    _english(client)
    client.force_login(builder)
    queue = client.get(reverse("cases:my_work")).content.decode()
    assert merged.number in queue.split('data-testid="incoming"')[1].split("</table>")[0]

    client.force_login(receptionist)
    client.post(
        reverse("cases:merge", args=[merged.pk]),
        {"merge-number": kept.number, "merge-confirm": "on"},
    )

    open_one.refresh_from_db()
    answered.refresh_from_db()
    assert open_one.status == "withdrawn" and open_one.closed_at is not None
    assert answered.status == "answered"  # what was answered stays answered
    page = client.get(reverse("cases:detail", args=[merged.pk])).content.decode()
    assert f"(the case was merged into {kept.number})" in page
    withdrawn = CaseEvent.objects.get(case=merged, kind=EventKind.REFERRAL_WITHDRAWN)
    assert withdrawn.payload == {
        "referral": open_one.pk,
        "department": bygg.name,
        "merged_into": kept.number,
    }
    told = OutboxMessage.objects.about(merged).get(template="cases/email/referral_withdrawn")
    assert told.recipient == bygg.inbox_email
    assert told.context["kept_number"] == kept.number
    assert not OutboxMessage.objects.filter(
        template="cases/email/referral_withdrawn", recipient=miljo.inbox_email
    ).exists()
    client.force_login(builder)
    queue = client.get(reverse("cases:my_work")).content.decode()
    assert merged.number not in queue.split('data-testid="incoming"')[1].split("</table>")[0]


def test_the_withdrawal_e_mail_names_the_case_kept(receptionist, bygg, pair):
    merged, kept = pair
    route_case(case=merged, department=bygg, by=receptionist, request_text="Bygglov?")
    merge_case(case=merged, into=kept, by=receptionist)

    told = OutboxMessage.objects.get(template="cases/email/referral_withdrawn")
    told.language = "en"
    subject, body = render_message(told)
    assert subject == f"Referral to {bygg.name} withdrawn: {merged.number} was merged"
    assert f"was merged into case {kept.number}" in body
    assert reverse("cases:detail", args=[kept.pk]) in body
