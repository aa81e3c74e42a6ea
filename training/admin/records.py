"""The training's records in the admin, read-only: attempts and results, the event history,
the question statistics, and the records the coordinator decides on through a service (a
practical activity approved, a proposal closed, a diploma revoked)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..models import (
    Attempt,
    CourseResult,
    Diploma,
    PracticalActivity,
    QuestionProposal,
    QuestionStatistic,
    TopicResult,
    TrainingEvent,
)
from ..services import diplomas as diploma_services
from ..services import practical as practical_services
from ..services import proposals as proposal_services
from .base import DomainRecordAdmin, admin_user, run_each


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


@admin.register(TrainingEvent)
class TrainingEventAdmin(DomainRecordAdmin):
    list_display = ["created_at", "kind", "actor", "subject", "course"]
    list_filter = ["kind", "course"]
    search_fields = ["actor__full_name", "subject__full_name"]
    list_select_related = ["actor", "subject", "course"]


@admin.register(QuestionStatistic)
class QuestionStatisticAdmin(DomainRecordAdmin):
    list_display = ["version", "course", "answered", "facility", "discrimination", "computed_at"]
    list_filter = ["course"]
    search_fields = ["version__text"]
    list_select_related = ["version", "course"]


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
        by = admin_user(request)
        run_each(
            self,
            request,
            queryset.select_related("user", "requirement"),
            lambda activity: practical_services.review_activity(
                activity=activity, by=by, approve=True
            ),
            done_message=_("The chosen activities are approved."),
        )


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
        by = admin_user(request)
        run_each(
            self,
            request,
            queryset,
            lambda proposal: proposal_services.reject_proposal(
                proposal=proposal, by=by, comment=str(_("Closed in the administration."))
            ),
            done_message=_("The chosen proposals are closed."),
        )


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
        by = admin_user(request)
        run_each(
            self,
            request,
            queryset,
            lambda diploma: diploma_services.revoke_diploma(
                diploma=diploma, by=by, reason=str(_("Revoked in the administration."))
            ),
            done_message=_("The chosen diplomas are revoked."),
        )
