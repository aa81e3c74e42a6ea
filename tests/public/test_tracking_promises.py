"""The business's tracking page tells what the municipality promises and how it stands."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, ServiceGuarantee
from cases.services.guarantees import record_guarantee_outcomes

pytestmark = pytest.mark.django_db


@pytest.fixture
def promises(db):
    ServiceGuarantee.objects.create(
        promise="answer within 48 hours",
        starts="opened",
        met_by="first_response",
        amount=48,
        unit="hours",
    )
    ServiceGuarantee.objects.create(
        promise="answer referrals within 2 working days",
        starts="referral_sent",
        met_by="referral_answered",
        amount=2,
    )


def _page(client, submitted):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # English: checked before translation
    return client.get(reverse("public:track", args=[submitted.token])).content.decode()


def test_the_business_sees_the_promise_running_then_not_kept(client, submitted, promises):
    page = _page(client, submitted)
    assert "We promise to answer within 48 hours." in page
    assert 'data-testid="promise-running"' in page
    assert "referrals" not in page  # a referral's promise is internal, as the referrals are

    Case.objects.filter(pk=submitted.case.pk).update(
        created_at=timezone.now() - timedelta(hours=50)
    )
    record_guarantee_outcomes()

    page = _page(client, submitted)
    assert 'data-testid="promise-breached"' in page
    assert "We did not keep it" in page
