"""The question bank in the admin: topics, questions (their legal review kept in the
configuration history) and their versions. Configuration, so editable; changes of a version
someone has been shown go through ``bank.edit_question`` as a new draft."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from confighistory.admin import ConfigHistoryAdmin
from lotsportal.admin import LabelledInlineMixin

from ..errors import TrainingError
from ..models import Choice, QuestionEntry, QuestionVersion, Topic, VersionStatus
from ..services import bank
from ..services import review as review_services
from .base import CoordinatorAdmin, admin_user


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
                by=admin_user(request),
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
                entry=version.entry, data=data, by=admin_user(request), status=VersionStatus.DRAFT
            )
        self.message_user(request, _("Draft versions created."), messages.SUCCESS)
