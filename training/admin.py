"""The training part of the admin: a view like any other.

It opens only to staff accounts that are LOTS coordinators (``permissions.can_administer_training``,
asked together with Django's model permissions, so it never opens wider than either), and its
querysets go through ``permissions.coordinated`` like the coordinator pages' selectors.

The domain records (attempts and results, practical activities, proposals, diplomas, the event
history) are read-only here: their states change only through the services, which the actions
below call with the same permission checks, event and follow-ups as the portal (approving an
activity here can issue the diploma; nobody approves their own activity, not even a superuser).
The question bank and the editions are configuration and stay editable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import models
from django.db.models import Count, Max, Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from confighistory.admin import ConfigHistoryAdmin
from lotsportal.admin import LabelledInlineMixin

from . import permissions
from .errors import TrainingError
from .models import (
    Attempt,
    Choice,
    Course,
    CourseQuestion,
    CourseResult,
    Diploma,
    PracticalActivity,
    PracticalRequirement,
    QuestionEntry,
    QuestionProposal,
    QuestionStatistic,
    QuestionVersion,
    Topic,
    TopicResult,
    TrainingEvent,
    VersionStatus,
)
from .services import bank
from .services import course as course_services
from .services import diplomas as diploma_services
from .services import practical as practical_services
from .services import proposals as proposal_services
from .services import review as review_services

if TYPE_CHECKING:
    from accounts.models import User


def _actor(request: HttpRequest) -> User:
    """The admin's signed-in user (the admin site lets only active staff in)."""
    from accounts.models import User

    user = request.user
    assert isinstance(user, User)  # noqa: S101 (a type narrowing)
    return user


class CoordinatorAdmin(admin.ModelAdmin):
    """Open to coordinators only; the queryset filtered as the coordinator pages are."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_administer_training(request.user) and super().has_module_permission(
            request
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_administer_training(request.user) and super().has_view_permission(
            request, obj
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return permissions.can_administer_training(request.user) and super().has_add_permission(
            request, *args
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_administer_training(request.user) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_administer_training(request.user) and super().has_delete_permission(
            request, obj
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return permissions.coordinated(request.user, super().get_queryset(request))


class DomainRecordAdmin(CoordinatorAdmin):
    """A record whose state only services change: shown, never added, edited or deleted here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        # Unreachable through the admin's pages (no change permission): a last guard.
        raise TrainingError(_("Change this through the LOTS year's pages."))

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        raise TrainingError(_("Change this through the LOTS year's pages."))


@admin.register(Topic)
class TopicAdmin(CoordinatorAdmin):
    list_display = ["name", "code", "position", "question_count"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"code": ["name"]}
    ordering = ["position", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_questions=Count("entries"))

    @admin.display(description=_("questions"), ordering="_questions")
    def question_count(self, obj):
        return obj._questions


class VersionInline(LabelledInlineMixin, admin.TabularInline):
    model = QuestionVersion
    fields = ("number", "status", "type", "text", "source")
    readonly_fields = ("number", "status", "type", "text", "source")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class ReviewActionForm(ActionForm):
    """The action bar with the reason a question is marked for review."""

    review_reason = forms.CharField(
        label=_("Why (e.g. which source changed)"), required=False, max_length=500
    )


@admin.register(QuestionEntry)
class QuestionEntryAdmin(ConfigHistoryAdmin, CoordinatorAdmin):
    """The question's identity and its legal review; every change kept in the configuration
    history (who, when, old -> new). Marking for review is an action that calls the service."""

    list_display = [
        "key",
        "topic",
        "latest_version",
        "law_checked_on",
        "reviewer",
        "review_requested",
        "created_at",
    ]
    list_filter = ["review_requested", "topic", "law_checked_on"]
    search_fields = ["key", "versions__text", "reviewer", "review_reason"]
    fields = [
        "key",
        "topic",
        "law_checked_on",
        "reviewer",
        "review_requested",
        "review_reason",
        "review_requested_by",
        "created_at",
    ]
    readonly_fields = ["key", "created_at", "review_requested_by"]
    history_fields = ["topic", "law_checked_on", "reviewer", "review_requested", "review_reason"]
    inlines = [VersionInline]
    action_form = ReviewActionForm
    actions = ["mark_for_review"]

    @admin.action(
        description=_("Mark the chosen questions for review (their source changed)"),
        permissions=["change"],
    )
    def mark_for_review(self, request: HttpRequest, queryset: QuerySet[QuestionEntry]) -> None:
        try:
            marked = review_services.mark_for_review(
                entries=queryset,
                reason=request.POST.get("review_reason", ""),
                by=_actor(request),
            )
        except TrainingError as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            self.message_user(
                request,
                _("%(count)s questions are marked for review.") % {"count": marked},
                messages.SUCCESS,
            )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("topic")
            .annotate(_latest=Max("versions__number"))
        )

    @admin.display(description=_("latest version"), ordering="_latest")
    def latest_version(self, obj):
        return obj._latest


class ChoiceInline(LabelledInlineMixin, admin.TabularInline):
    model = Choice
    fields = ["position", "text", "is_correct"]
    extra = 0


@admin.register(QuestionVersion)
class QuestionVersionAdmin(CoordinatorAdmin):
    """Versions someone has been shown are read-only: "new version" copies one for editing."""

    list_display = ["text", "number", "status", "type", "entry_topic", "source"]
    list_filter = ["status", "type", "entry__topic"]
    search_fields = ["text", "explanation", "source", "entry__key"]
    list_select_related = ["entry__topic"]
    readonly_fields = ["entry", "number", "created_at"]
    inlines = [ChoiceInline]
    actions = ["make_new_version"]

    @admin.display(description=_("topic"), ordering="entry__topic__name")
    def entry_topic(self, obj):
        return obj.entry.topic

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.attempt_items.exists():
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description=_("Create a new draft version for editing"))
    def make_new_version(self, request, queryset):
        for version in queryset.select_related("entry"):
            data = bank.question_data(version)
            bank.edit_question(
                entry=version.entry, data=data, by=_actor(request), status=VersionStatus.DRAFT
            )
        self.message_user(request, _("Draft versions created."), messages.SUCCESS)


class SlotInline(LabelledInlineMixin, admin.TabularInline):
    model = CourseQuestion
    fields = ["position", "entry"]
    autocomplete_fields = ["entry"]
    extra = 0


class RequirementInline(LabelledInlineMixin, admin.TabularInline):
    model = PracticalRequirement
    extra = 0


@admin.register(Course)
class CourseAdmin(CoordinatorAdmin):
    list_display = ["title", "year", "opens_on", "closes_on", "pass_mark_percent", "slot_count"]
    list_filter = ["year", "feedback_mode"]
    search_fields = ["title"]
    # Checkboxes, not the two-box selector, whose search icons axe refuses; the creation
    # time is shown, not edited (its split date and time boxes have no labels).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["created_at"]
    inlines = [RequirementInline, SlotInline]
    actions = ["copy_to_next_year"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_slots=Count("slots"))

    @admin.display(description=_("questions"), ordering="_slots")
    def slot_count(self, obj):
        return obj._slots

    @admin.action(description=_("Create next year's edition from this one"))
    def copy_to_next_year(self, request, queryset):
        for course in queryset:
            try:
                new = course_services.copy_course(
                    source=course, year=course.year + 1, by=_actor(request)
                )
            except TrainingError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Created %(course)s.") % {"course": new})


@admin.register(Attempt)
class AttemptAdmin(DomainRecordAdmin):
    """Attempts finish by answering and are abandoned by the nightly sweep; nothing else."""

    list_display = ["user", "course", "state", "is_retake", "started_at", "finished_at"]
    list_filter = ["state", "is_retake", "course"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "course"]

    def has_add_permission(self, request):
        # An attempt starts when its participant starts the course (``start_course``); the
        # add form could only store one without a participant (an IntegrityError, a 500).
        return False


@admin.register(TopicResult)
class TopicResultAdmin(DomainRecordAdmin):
    list_display = ["user", "course", "topic", "best_percent", "passed_at"]
    list_filter = ["course", "topic"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "course", "topic"]


@admin.register(CourseResult)
class CourseResultAdmin(DomainRecordAdmin):
    list_display = ["user", "course", "percent", "passed_at"]
    list_filter = ["course"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "course"]


def _run_each(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any], call: Any
) -> int:
    """Call a service for each chosen record; a refusal is shown by name, the rest go on."""
    done = 0
    for obj in queryset:
        try:
            call(obj)
        except TrainingError as refused:
            modeladmin.message_user(request, f"{obj}: {refused}", messages.WARNING)
        else:
            done += 1
    return done


@admin.register(PracticalActivity)
class PracticalActivityAdmin(DomainRecordAdmin):
    """Approval goes through ``review_activity``: the same checks, event and diploma as the
    coordinator's review page. Returning needs a comment: that is done on the review page."""

    list_display = ["user", "course", "requirement", "date", "status", "reviewer"]
    list_filter = ["status", "course", "requirement__kind"]
    search_fields = ["user__full_name", "place_or_department", "learned"]
    list_select_related = ["user", "course", "requirement", "reviewer"]
    actions = ["approve"]

    @admin.action(description=_("Approve the chosen activities"), permissions=["view"])
    def approve(self, request: HttpRequest, queryset: QuerySet[PracticalActivity]) -> None:
        by = _actor(request)
        done = _run_each(
            self,
            request,
            queryset.select_related("user", "requirement"),
            lambda activity: practical_services.review_activity(
                activity=activity, by=by, approve=True
            ),
        )
        if done:
            self.message_user(request, _("The chosen activities are approved."), messages.SUCCESS)


@admin.register(QuestionProposal)
class QuestionProposalAdmin(DomainRecordAdmin):
    """A proposal is turned into a question on the coordinator's page (it needs the question
    written out); here it can only be closed, through ``reject_proposal``."""

    list_display = ["draft_text", "proposed_by", "case_reference", "status", "created_at"]
    list_filter = ["status", "suggested_topic"]
    search_fields = ["draft_text", "case_reference", "proposed_by__full_name"]
    list_select_related = ["proposed_by"]
    actions = ["reject"]

    @admin.action(description=_("Close the chosen proposals (not taken)"), permissions=["view"])
    def reject(self, request: HttpRequest, queryset: QuerySet[QuestionProposal]) -> None:
        by = _actor(request)
        done = _run_each(
            self,
            request,
            queryset,
            lambda proposal: proposal_services.reject_proposal(
                proposal=proposal, by=by, comment=str(_("Closed in the administration."))
            ),
        )
        if done:
            self.message_user(request, _("The chosen proposals are closed."), messages.SUCCESS)


@admin.register(TrainingEvent)
class TrainingEventAdmin(DomainRecordAdmin):
    list_display = ["created_at", "kind", "actor", "subject", "course"]
    list_filter = ["kind", "course"]
    search_fields = ["actor__full_name", "subject__full_name"]
    list_select_related = ["actor", "subject", "course"]


@admin.register(Diploma)
class DiplomaAdmin(DomainRecordAdmin):
    """Diplomas are issued by the task and never edited; they can only be revoked."""

    list_display = ["number", "user", "course", "status", "issued_at", "valid_until"]
    list_filter = ["status", "course__year", "course"]
    search_fields = ["number", "verification_code", "user__full_name", "user__email"]
    list_select_related = ["user", "course"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the chosen diplomas"), permissions=["view"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[Diploma]) -> None:
        by = _actor(request)
        done = _run_each(
            self,
            request,
            queryset,
            lambda diploma: diploma_services.revoke_diploma(
                diploma=diploma, by=by, reason=str(_("Revoked in the administration."))
            ),
        )
        if done:
            self.message_user(request, _("The chosen diplomas are revoked."), messages.SUCCESS)


@admin.register(QuestionStatistic)
class QuestionStatisticAdmin(DomainRecordAdmin):
    list_display = ["version", "course", "answered", "facility", "discrimination", "computed_at"]
    list_filter = ["course"]
    search_fields = ["version__text"]
    list_select_related = ["version", "course"]
