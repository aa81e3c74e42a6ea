import pytest
from django.urls import reverse

from training.models import Course

from .factories import CourseFactory, TopicFactory, question, requirement

pytestmark = pytest.mark.django_db

MODELS = [
    "topic",
    "questionentry",
    "questionversion",
    "course",
    "attempt",
    "topicresult",
    "courseresult",
    "practicalactivity",
    "questionproposal",
    "trainingevent",
    "diploma",
]


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_open_for_every_training_model(admin_client, model, short_course):
    response = admin_client.get(reverse(f"admin:training_{model}_changelist"))
    assert response.status_code == 200


def test_admin_copies_an_edition_to_next_year(admin_client):
    course = CourseFactory(year=2025, title="LOTS-kursen")
    question(TopicFactory(), "Fråga?", course=course)
    requirement(course)
    admin_client.post(
        reverse("admin:training_course_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [course.pk]},
    )
    new = Course.objects.get(year=2026)
    assert new.slots.count() == 1 and new.requirements.count() == 1


def test_an_answered_version_is_read_only_in_admin(admin_client, lots, short_course):
    from training.services import attempts

    attempts.start_course(user=lots, course=short_course)
    version = short_course.slots.first().entry.versions.get()
    page = admin_client.get(reverse("admin:training_questionversion_change", args=[version.pk]))
    assert 'name="text"' not in page.content.decode()
    admin_client.post(
        reverse("admin:training_questionversion_changelist"),
        {"action": "make_new_version", "_selected_action": [version.pk]},
    )
    assert version.entry.versions.filter(number=2, status="draft").exists()
