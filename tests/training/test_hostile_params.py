"""The coordinator's pages with parameters that are not plain numbers, and a hostile import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from training.interchange import csv_format
from training.models import PracticalActivity, QuestionEntry, Topic

from .factories import CourseFactory, requirement

pytestmark = pytest.mark.django_db

STRANGE = ["²", "١٢", "１", "-3", "9" * 40, "2026\x00", ""]


@pytest.mark.parametrize("value", STRANGE)
@pytest.mark.parametrize(
    ("name", "parameter"),
    [
        ("training:coordinator", "kurs"),
        ("training:diplomas", "kurs"),
        ("training:diplomas", "ar"),
        ("training:diplomas", "avdelning"),
        ("training:statistics", "kurs"),
        ("training:interchange", "kurs"),
    ],
)
def test_a_strange_parameter_shows_the_page(client, samordnare, name, parameter, value):
    CourseFactory(year=2026)
    client.force_login(samordnare)
    assert client.get(reverse(name), {parameter: value}).status_code == 200


def test_bulk_issue_ignores_users_that_are_not_numbers(client, samordnare):
    course = CourseFactory(year=2026)
    client.force_login(samordnare)
    response = client.post(reverse("training:diplomas"), {"kurs": course.pk, "user": ["²", "x"]})
    assert response.status_code in (200, 302)


def csv_file(**cells) -> SimpleUploadedFile:
    row = {
        "topic_code": "bygglov",
        "topic_name": "Bygglov",
        "type": "single",
        "text": "Behövs bygglov för en altan?",
        "choice_1": "Ja",
        "choice_2": "Nej",
        "correct": "1",
        "explanation": "Ibland.",
        **cells,
    }
    header = ",".join(csv_format.COLUMNS)
    line = ",".join(f'"{row.get(c, "")}"' for c in csv_format.COLUMNS)
    return SimpleUploadedFile("fragor.csv", f"{header}\n{line}\n".encode())


@pytest.mark.parametrize(
    ("cells", "shown"),
    [
        ({"topic_name": "B" * 151}, "150"),
        ({"topic_code": "b" * 61}, "60"),
        ({"choice_1": "J" * 501}, "500"),
        ({"source": "S" * 256}, "255"),
        ({"text": "Behövs\x00 bygglov?"}, "NUL"),
        ({"explanation": "\x00"}, "NUL"),
    ],
)
def test_an_import_with_text_the_database_cannot_hold_is_refused(client, samordnare, cells, shown):
    course = CourseFactory(year=2026)
    client.force_login(samordnare)
    response = client.post(
        reverse("training:interchange"), {"kurs": course.pk, "file": csv_file(**cells)}
    )

    assert response.status_code in (200, 400)
    assert shown in response.content.decode()
    assert not QuestionEntry.objects.exists()
    assert not Topic.objects.filter(code__startswith="b").exclude(code="bygglov").exists()


def test_a_plain_import_still_works(client, samordnare):
    course = CourseFactory(year=2026)
    client.force_login(samordnare)
    client.post(reverse("training:interchange"), {"kurs": course.pk, "file": csv_file()})
    assert QuestionEntry.objects.count() == 1


def test_the_admin_offers_no_form_to_add_an_attempt(client, admin_user):
    """The fuzzer found it: the add form stored an attempt without a participant (a 500)."""
    client.force_login(admin_user)
    assert client.get("/admin/training/attempt/add/").status_code == 403
    response = client.post("/admin/training/attempt/add/", {"state": "in_progress"})
    assert response.status_code == 403


def test_a_practical_activity_dated_centuries_ago_is_refused(client, lots):
    course = CourseFactory(year=2026, enrol_all_officials=True)
    visit = requirement(course)
    client.force_login(lots)
    response = client.post(
        reverse("training:practical", args=[course.pk]),
        {
            "requirement": visit.pk,
            "date": "0001-01-01",
            "place_or_department": "Bygg",
            "learned": "Bygglov",
        },
    )
    assert response.status_code in (200, 400)
    assert not PracticalActivity.objects.exists()
