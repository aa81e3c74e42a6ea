"""What the API shows and takes. Reads only: writes go through the ``cases`` services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import (
    Attachment,
    Case,
    CaseEvent,
    Company,
    IntakeAnswer,
    Priority,
    Referral,
)
from cases.workflow import CaseStatus


class CaseSerializer(serializers.ModelSerializer):
    company = serializers.SerializerMethodField()
    case_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    door = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lead_department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    coordinator = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "title",
            "status",
            "priority",
            "confidential",
            "company",
            "case_type",
            "door",
            "lead_department",
            "coordinator",
            "due_date",
            "created_at",
            "decided_at",
            "closed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "org_number": {"type": "string"},
                "name": {"type": "string"},
            },
            "required": ["id", "org_number", "name"],
        }
    )
    def get_company(self, case: Case) -> dict:
        return {
            "id": case.company_id,
            "org_number": case.company.org_number,
            "name": case.company.name,
        }

    @extend_schema_field({"type": "string", "nullable": True})
    def get_coordinator(self, case: Case) -> str | None:
        return case.coordinator.full_name if case.coordinator_id else None


class IntakeAnswerSerializer(serializers.ModelSerializer):
    """An answer to the case type's intake questions, with the question as it was asked."""

    question = serializers.CharField(source="label_sv", read_only=True)
    question_en = serializers.CharField(source="label_en", read_only=True)
    kind = serializers.CharField(
        read_only=True,
        help_text="short_text, long_text, number, yes_no (value yes or no), choice or date.",
    )

    class Meta:
        model = IntakeAnswer
        fields = ["question", "question_en", "kind", "value", "value_en"]
        read_only_fields = fields


class CaseDetailSerializer(CaseSerializer):
    intake_answers = IntakeAnswerSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "description", "intake_answers"]
        read_only_fields = fields


class CaseCreateSerializer(serializers.Serializer):
    """A case the integration takes in, on behalf of a door (``door``: its code)."""

    department = serializers.SlugField(help_text=_("Code of the department that takes it in."))
    org_number = serializers.CharField(
        max_length=20, help_text=_("The company's organisationsnummer.")
    )
    company_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text=_("Registers the company when the number is not known yet."),
    )
    case_type = serializers.SlugField(help_text=_("Code of the case type."))
    door = serializers.SlugField(help_text=_("Code of the door it came in by."))
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    confidential = serializers.BooleanField(default=False)

    def validate_title(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError(_("Write a title."))
        return value


class StatusMoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=CaseStatus.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class EventSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    actor = serializers.SerializerMethodField()
    by_integration = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = [
            "id",
            "case",
            "case_number",
            "kind",
            "created_at",
            "actor",
            "by_integration",
            "payload",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_actor(self, event: CaseEvent) -> str | None:
        return event.actor.full_name if event.actor_id else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_by_integration(self, event: CaseEvent) -> str | None:
        """The integration's name when its service user did it."""
        integration = getattr(event.actor, "integration", None) if event.actor_id else None
        return integration.name if integration else None


class EventPageSerializer(serializers.Serializer):
    results = EventSerializer(many=True)
    next_after = serializers.IntegerField(
        allow_null=True, help_text=_("Ask again with ?after= this to get what came later.")
    )
    next = serializers.CharField(help_text=_("The address of the next page."))


class ReferralSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "case_number",
            "department",
            "status",
            "request_text",
            "due_date",
            "answer_text",
            "decline_reason",
            "created_at",
            "accepted_at",
            "answered_at",
            "closed_at",
        ]
        read_only_fields = fields


class CompanySerializer(serializers.ModelSerializer):
    cases = serializers.SerializerMethodField()

    class Meta:
        model = Company
        fields = [
            "id",
            "org_number",
            "identifier_kind",
            "name",
            "street_address",
            "postal_code",
            "city",
            "industry",
            "cases",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "number": {"type": "string"},
                    "status": {"type": "string"},
                },
                "required": ["id", "number", "status"],
            },
        }
    )
    def get_cases(self, company: Company) -> list[dict]:
        return [{"id": c.pk, "number": c.number, "status": c.status} for c in self.context["cases"]]


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = [
            "id",
            "case",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "from_business",
            "created_at",
        ]
        read_only_fields = fields


class CourseResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.full_name")
    course = serializers.CharField(source="course.title")
    percent = serializers.IntegerField()
    passed_at = serializers.DateTimeField(allow_null=True)


class DiplomaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.full_name")
    course = serializers.CharField(source="course.title")
    status = serializers.CharField()
    issued_at = serializers.DateTimeField()
    valid_until = serializers.DateField()
