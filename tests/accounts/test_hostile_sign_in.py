"""The sign-in form with a user name django-axes cannot store (it keeps 255 characters)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import UserFactory
from tests.fuzz.values import long_email

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("length", [255, 300, 320])
def test_a_very_long_user_name_is_refused_with_a_message(client, length):
    assert len(long_email(length)) == length
    response = client.post(
        reverse("accounts:login"), {"username": long_email(length), "password": "x"}
    )

    assert response.status_code == 200
    assert "254" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_wrong_password_for_the_longest_address_is_counted(client):
    longest = long_email(254)
    UserFactory(email=longest)
    response = client.post(reverse("accounts:login"), {"username": longest, "password": "fel"})

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == longest
