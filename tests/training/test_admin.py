import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, official
from training.models import (
    ActivityStatus,
    Attempt,
    Course,
    Diploma,
    PracticalActivity,
    ProposalStatus,
    TrainingEvent,
)
from training.services import attempts, practical, proposals

from .factories import CourseFactory, TopicFactory, question, requirement
from .test_diplomas import pass_web_course

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


# The admin is no side door: a domain record's state changes only through its service.


def _logged_activity(user, course, req):
    return practical.log_activity(
        user=user,
        course=course,
        requirement=req,
        date=datetime.date.today(),
        place_or_department="Snickeriet",
        learned="Mycket om bygglov.",
    )


def _staff(user, *codenames):
    """Make ``user`` a staff account with Django's permissions on the training models."""
    user.is_staff = True
    user.save()
    if codenames:
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="training", codename__in=codenames)
        )
    return get_user_model().objects.get(pk=user.pk)


def test_an_admin_approval_goes_through_the_review_service_and_issues_the_diploma(
    client, lots, samordnare, short_course, django_capture_on_commit_callbacks
):
    visit = requirement(short_course, "company_visit", 1)
    with django_capture_on_commit_callbacks(execute=True):
        pass_web_course(lots, short_course)
    activity = _logged_activity(lots, short_course, visit)
    client.force_login(_staff(samordnare, "view_practicalactivity"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:training_practicalactivity_changelist"),
            {"action": "approve", "_selected_action": [activity.pk]},
            follow=True,
        )

    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.APPROVED
    assert activity.reviewer == samordnare
    assert TrainingEvent.objects.filter(kind="activity_approved", actor=samordnare).count() == 1
    diploma = Diploma.objects.get(user=lots, course=short_course)
    assert diploma.status == "issued"


def test_a_superuser_cannot_approve_their_own_activity_in_the_admin(
    admin_client, admin_user, short_course
):
    activity = _logged_activity(admin_user, short_course, requirement(short_course))

    response = admin_client.post(
        reverse("admin:training_practicalactivity_changelist"),
        {"action": "approve", "_selected_action": [activity.pk]},
        follow=True,
    )

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    assert not TrainingEvent.objects.filter(kind="activity_approved").exists()
    assert str(activity) in response.content.decode()  # named with the refusal


def test_the_admin_offers_no_way_to_edit_a_status(admin_client, lots, short_course):
    activity = _logged_activity(lots, short_course, requirement(short_course))
    attempts.start_course(user=lots, course=short_course)
    attempt = Attempt.objects.get(user=lots)
    url = reverse("admin:training_practicalactivity_change", args=[activity.pk])

    page = admin_client.get(url).content.decode()
    assert 'name="status"' not in page
    refused = admin_client.post(url, {"status": "approved", "learned": "x"})
    attempt_page = admin_client.get(reverse("admin:training_attempt_change", args=[attempt.pk]))

    assert refused.status_code == 403
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    assert 'name="state"' not in attempt_page.content.decode()
    for model, pk in (("practicalactivity", activity.pk), ("attempt", attempt.pk)):
        delete = admin_client.post(
            reverse(f"admin:training_{model}_delete", args=[pk]), {"post": "yes"}
        )
        assert delete.status_code == 403
    assert PracticalActivity.objects.filter(pk=activity.pk).exists()


def test_a_proposal_is_closed_in_the_admin_through_the_service(admin_client, lots):
    proposal = proposals.propose_question(by=lots, draft_text="Behövs bygglov för en altan?")

    admin_client.post(
        reverse("admin:training_questionproposal_changelist"),
        {"action": "reject", "_selected_action": [proposal.pk]},
    )

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert TrainingEvent.objects.filter(kind="proposal_rejected").count() == 1


def test_a_staff_account_that_is_no_coordinator_sees_nothing_of_training(
    client, lots, short_course
):
    """Django's model permissions alone do not open it: the portal's rule is asked too."""
    activity = _logged_activity(lots, short_course, requirement(short_course))
    staff = _staff(
        official(DepartmentFactory(code="bygg"), Role.LOTS),
        "view_practicalactivity",
        "change_practicalactivity",
        "view_attempt",
    )
    client.force_login(staff)

    listing = client.get(reverse("admin:training_practicalactivity_changelist"))
    detail = client.get(reverse("admin:training_practicalactivity_change", args=[activity.pk]))
    index = client.get(reverse("admin:index"))

    assert listing.status_code == 403
    assert detail.status_code in (302, 403)  # the filtered queryset has no such activity
    assert (
        "Snickeriet"
        not in client.get(detail.url if detail.status_code == 302 else "/").content.decode()
    )
    assert reverse("admin:app_list", args=["training"]) not in index.content.decode()
