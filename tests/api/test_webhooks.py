"""Webhook deliveries go through an outbox: retried with backoff while the receiver fails, the
same id on every try, given up after a day, and sent again from the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import DeliveryStatus, WebhookDelivery
from api.services import webhooks
from cases.services.cases import change_status
from tests.cases.factories import a_case

pytestmark = pytest.mark.django_db


def subscribe(diarium, receiver, kinds=("status_changed",)):
    subscription = webhooks.create_subscription(
        integration=diarium, url=receiver.url, event_kinds=kinds, by=diarium.owner
    )
    receiver.secret = subscription.secret
    return subscription


def test_a_receiver_that_fails_for_a_while_gets_the_event_once_it_answers(
    api, diarium, flaky_receiver, django_capture_on_commit_callbacks
):
    subscribe(diarium, flaky_receiver)
    case = a_case(by=diarium.service_user)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case=case, to="open", by=diarium.service_user)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at > timezone.now()

    assert webhooks.send_pending() == 0  # not due yet: backoff
    later = timezone.now() + timedelta(minutes=5)
    assert webhooks.send_pending(now=later) == 0  # second 500
    assert webhooks.send_pending(now=later + timedelta(hours=1)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("sent", 3, 200)
    assert flaky_receiver.requests == 3
    [received] = flaky_receiver.received
    assert received["headers"]["webhook-id"] == str(delivery.event_id)


def test_a_delivery_is_given_up_after_a_day_and_sent_again_from_the_admin(
    diarium, flaky_receiver, admin_client, django_capture_on_commit_callbacks
):
    from api.services.tokens import issue_token

    issue_token(integration=diarium, scopes=["cases:read"], by=diarium.owner)
    flaky_receiver.fail_first = 10**6
    subscribe(diarium, flaky_receiver)
    case = a_case(by=diarium.service_user)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case=case, to="open", by=diarium.service_user)
    webhooks.send_pending(now=timezone.now() + timedelta(hours=25))
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.GAVE_UP

    listing = admin_client.get(reverse("admin:api_webhookdelivery_changelist") + "?status=gave_up")
    assert str(delivery.event_id) in listing.content.decode()
    flaky_receiver.fail_first = 0
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:api_webhookdelivery_changelist"),
            {"action": "send_again", "_selected_action": [delivery.pk]},
        )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.requeued_at is not None
    assert flaky_receiver.received[0]["headers"]["webhook-id"] == str(delivery.event_id)


def test_no_delivery_about_a_case_the_integration_may_not_see(
    diarium, receiver, django_capture_on_commit_callbacks
):
    from api.services.tokens import issue_token

    issue_token(integration=diarium, scopes=["cases:read"], by=diarium.owner)
    subscribe(diarium, receiver)
    secret = a_case(confidential=True)  # another department's confidential case
    owner = secret.coordinator
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case=secret, to="open", by=owner)
    assert WebhookDelivery.objects.count() == 0


def test_no_delivery_without_a_token_that_reads_cases(
    diarium, receiver, django_capture_on_commit_callbacks
):
    from api.services.tokens import issue_token

    issue_token(integration=diarium, scopes=["training:read"], by=diarium.owner)
    subscribe(diarium, receiver)
    case = a_case(by=diarium.service_user)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case=case, to="open", by=diarium.service_user)
    assert WebhookDelivery.objects.count() == 0


def test_the_signature_is_the_standard_webhooks_one():
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    # The example of the Standard Webhooks specification.
    signature = webhooks.sign(
        secret=secret,
        msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp=1614265330,
        body=b'{"test": 2432232314}',
    )
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_deliveries_list_takes_a_filter_value_with_a_nul_byte(admin_client):
    url = reverse("admin:api_webhookdelivery_changelist")
    answer = admin_client.get(url, {"status__exact": "gave_up\x00", "kind": "x\x00"})
    assert answer.status_code in (200, 302)
