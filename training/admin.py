from django.contrib import admin, messages
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

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


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position", "question_count"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"code": ["name"]}
    ordering = ["position", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_questions=Count("entries"))

    @admin.display(description=_("questions"), ordering="_questions")
    def question_count(self, obj):
        return obj._questions


class VersionInline(admin.TabularInline):
    model = QuestionVersion
    fields = ["number", "status", "type", "text", "source"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuestionEntry)
class QuestionEntryAdmin(admin.ModelAdmin):
    list_display = ["key", "topic", "latest_version", "created_at"]
    list_filter = ["topic"]
    search_fields = ["key", "versions__text"]
    readonly_fields = ["key", "created_at"]
    inlines = [VersionInline]

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


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ["position", "text", "is_correct"]
    extra = 0


@admin.register(QuestionVersion)
class QuestionVersionAdmin(admin.ModelAdmin):
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
                entry=version.entry, data=data, by=request.user, status=VersionStatus.DRAFT
            )
        self.message_user(request, _("Draft versions created."), messages.SUCCESS)


class SlotInline(admin.TabularInline):
    model = CourseQuestion
    fields = ["position", "entry"]
    autocomplete_fields = ["entry"]
    extra = 0


class RequirementInline(admin.TabularInline):
    model = PracticalRequirement
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "opens_on", "closes_on", "pass_mark_percent", "slot_count"]
    list_filter = ["year", "feedback_mode"]
    search_fields = ["title"]
    filter_horizontal = ["departments"]
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
                    source=course, year=course.year + 1, by=request.user
                )
            except TrainingError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, _("Created %(course)s.") % {"course": new})


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "state", "is_retake", "started_at", "finished_at"]
    list_filter = ["state", "is_retake", "course"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "course"]
    readonly_fields = ["user", "course", "started_at", "finished_at", "is_retake"]

    def has_add_permission(self, request):
        # An attempt starts when its participant starts the course (``start_course``); the
        # add form could only store one without a participant (an IntegrityError, a 500).
        return False


@admin.register(TopicResult)
class TopicResultAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "topic", "best_percent", "passed_at"]
    list_filter = ["course", "topic"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "course", "topic"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CourseResult)
class CourseResultAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "percent", "passed_at"]
    list_filter = ["course"]
    search_fields = ["user__full_name", "user__email"]
    list_select_related = ["user", "course"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PracticalActivity)
class PracticalActivityAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "requirement", "date", "status", "reviewer"]
    list_filter = ["status", "course", "requirement__kind"]
    search_fields = ["user__full_name", "place_or_department", "learned"]
    list_select_related = ["user", "course", "requirement", "reviewer"]
    readonly_fields = ["reviewer", "reviewed_at", "created_at"]


@admin.register(QuestionProposal)
class QuestionProposalAdmin(admin.ModelAdmin):
    list_display = ["draft_text", "proposed_by", "case_reference", "status", "created_at"]
    list_filter = ["status", "suggested_topic"]
    search_fields = ["draft_text", "case_reference", "proposed_by__full_name"]
    list_select_related = ["proposed_by"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "actor", "subject", "course"]
    list_filter = ["kind", "course"]
    search_fields = ["actor__full_name", "subject__full_name"]
    list_select_related = ["actor", "subject", "course"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Diploma)
class DiplomaAdmin(admin.ModelAdmin):
    """Diplomas are issued by the task and never edited; they can only be revoked."""

    list_display = ["number", "user", "course", "status", "issued_at", "valid_until"]
    list_filter = ["status", "course__year", "course"]
    search_fields = ["number", "verification_code", "user__full_name", "user__email"]
    list_select_related = ["user", "course"]
    readonly_fields = [
        "user",
        "course",
        "number",
        "verification_code",
        "status",
        "revoked_reason",
        "revoked_at",
        "issued_at",
        "valid_until",
        "file",
        "sha256",
        "snapshot",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the chosen diplomas"))
    def revoke(self, request, queryset):
        for diploma in queryset:
            try:
                diploma_services.revoke_diploma(
                    diploma=diploma,
                    by=request.user,
                    reason=str(_("Revoked in the administration.")),
                )
            except TrainingError as error:
                self.message_user(request, f"{diploma}: {error.message}", messages.WARNING)
        self.message_user(request, _("The chosen diplomas are revoked."), messages.SUCCESS)


@admin.register(QuestionStatistic)
class QuestionStatisticAdmin(admin.ModelAdmin):
    list_display = ["version", "course", "answered", "facility", "discrimination", "computed_at"]
    list_filter = ["course"]
    search_fields = ["version__text"]
    list_select_related = ["version", "course"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
