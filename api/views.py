"""The REST API (``/api/v1/``): thin views over the cases and training selectors and services.

Each view names the scope a read and a write need (``api.permissions.HasScope``); what the
integration may see and change is decided by the portal's permission functions for its
service user, inside the selectors and services called here.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, pagination, status
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.models import Department
from cases.identifiers import parse_company_identifier
from cases.models import CaseType, Company, Door
from cases.services import cases as case_services
from cases.services import companies as company_services
from cases.views.attachments import attachment_response
from cases.workflow import CaseStatus

from . import selectors, serializers
from .permissions import READ_CASES, READ_TRAINING, WRITE_CASES
from .problems import CONTENT_TYPE

PROBLEM = OpenApiResponse(
    response={
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
        },
    },
    description="application/problem+json (RFC 9457)",
)
ERRORS = {code: PROBLEM for code in (400, 401, 403, 404, 429)}
EVENT_PAGE_SIZE = 100


class CursorPage(pagination.CursorPagination):
    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ApiView(generics.GenericAPIView):
    """Answers in the language the client asks for (Accept-Language: sv or en; sv otherwise)."""

    read_scope = READ_CASES
    write_scope = WRITE_CASES

    def initial(self, request, *args, **kwargs):
        language = translation.get_language_from_request(request._request)
        translation.activate(language if language in ("sv", "en") else "sv")
        request._request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response


def _int_param(request, name: str, default: int | None = None) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise exceptions.ValidationError({name: [_("Give a whole number.")]}) from None
    if value < 0 or value > 2**62:
        raise exceptions.ValidationError({name: [_("Give a whole number.")]})
    return value


CASE_FILTERS = [
    OpenApiParameter("q", str, description="Search, as on the case list."),
    OpenApiParameter("status", str, enum=CaseStatus.values),
    OpenApiParameter(
        "department", int, description="Cases the department leads, took in or was asked about."
    ),
    OpenApiParameter("case_type", int),
    OpenApiParameter("door", int),
    OpenApiParameter("coordinator", int),
    OpenApiParameter("overdue", bool),
    OpenApiParameter("opened_from", OpenApiTypes.DATE),
    OpenApiParameter("opened_to", OpenApiTypes.DATE),
]


class CaseListView(ApiView):
    serializer_class = serializers.CaseSerializer
    pagination_class = CursorPage

    @extend_schema(
        operation_id="cases_list",
        parameters=CASE_FILTERS,
        responses={200: serializers.CaseSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        filterset = selectors.case_list(request.user, request.query_params)
        if not filterset.is_valid():
            raise exceptions.ValidationError(dict(filterset.errors))
        page = self.paginate_queryset(filterset.qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="cases_create",
        request=serializers.CaseCreateSerializer,
        responses={201: serializers.CaseDetailSerializer, **ERRORS},
    )
    def post(self, request):
        form = serializers.CaseCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        department = Department.objects.active().filter(code=data["department"]).first()
        case_type = CaseType.objects.filter(code=data["case_type"], is_active=True).first()
        door = Door.objects.filter(code=data["door"], is_active=True).first()
        unknown = {
            name: [_("Unknown code.")]
            for name, found in (
                ("department", department),
                ("case_type", case_type),
                ("door", door),
            )
            if found is None
        }
        if unknown:
            raise exceptions.ValidationError(unknown)
        identifier = parse_company_identifier(data["org_number"])
        with transaction.atomic():
            company = Company.objects.filter(org_number=identifier.value).first()
            if company is None:
                if not data.get("company_name", "").strip():
                    raise exceptions.ValidationError(
                        {"company_name": [_("The company is not registered: give its name.")]}
                    )
                company = company_services.create_company(
                    by=request.user, org_number=identifier.value, name=data["company_name"].strip()
                )
            case = case_services.open_case(
                by=request.user,
                department=department,
                company=company,
                contact=None,
                case_type=case_type,
                door=door,
                title=data["title"],
                description=data.get("description", ""),
                priority=data["priority"],
                confidential=data["confidential"],
            )
        case = selectors.visible_case(request.user, case.pk)
        answer = Response(
            serializers.CaseDetailSerializer(case).data, status=status.HTTP_201_CREATED
        )
        answer["Location"] = reverse("api:case", args=[case.pk], request=request)
        return answer


class CaseDetailView(ApiView):
    serializer_class = serializers.CaseDetailSerializer

    @extend_schema(
        operation_id="cases_retrieve", responses={200: serializers.CaseDetailSerializer, **ERRORS}
    )
    def get(self, request, pk: int):
        return Response(self.get_serializer(selectors.visible_case(request.user, pk)).data)


class CaseStatusView(ApiView):
    serializer_class = serializers.StatusMoveSerializer

    @extend_schema(
        operation_id="cases_move",
        request=serializers.StatusMoveSerializer,
        responses={200: serializers.CaseDetailSerializer, 409: PROBLEM, **ERRORS},
        description="Move the case's status through the allowed moves (cases/workflow.py).",
    )
    def post(self, request, pk: int):
        case = selectors.visible_case(request.user, pk)
        form = serializers.StatusMoveSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        case_services.change_status(
            case=case,
            to=form.validated_data["to"],
            by=request.user,
            comment=form.validated_data["comment"],
        )
        return Response(
            serializers.CaseDetailSerializer(selectors.visible_case(request.user, pk)).data
        )


AFTER = OpenApiParameter(
    "after", int, description="Only events after this event id (0: from the start)."
)


class EventListView(ApiView):
    """The timeline, oldest first, by cursor: keep ``next_after`` and ask with it next time."""

    serializer_class = serializers.EventSerializer

    def page(self, request, *, case_id: int | None):
        after = _int_param(request, "after", 0) or 0
        rows = list(selectors.events(request.user, case_id=case_id, after=after)[:EVENT_PAGE_SIZE])
        next_after = rows[-1].pk if rows else after
        params = request.query_params.copy()
        params["after"] = str(next_after)
        return Response(
            {
                "results": serializers.EventSerializer(rows, many=True).data,
                "next_after": next_after,
                "next": request.build_absolute_uri(request.path) + "?" + params.urlencode(),
            }
        )

    @extend_schema(
        operation_id="events_list",
        parameters=[AFTER, OpenApiParameter("case", int)],
        responses={200: serializers.EventPageSerializer, **ERRORS},
    )
    def get(self, request):
        return self.page(request, case_id=_int_param(request, "case"))


class CaseEventListView(EventListView):
    @extend_schema(
        operation_id="cases_events",
        parameters=[AFTER],
        responses={200: serializers.EventPageSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        case = selectors.visible_case(request.user, pk)
        return self.page(request, case_id=case.pk)


class ReferralListView(ApiView):
    serializer_class = serializers.ReferralSerializer
    pagination_class = CursorPage

    @extend_schema(
        operation_id="referrals_list",
        parameters=[OpenApiParameter("case", int)],
        responses={200: serializers.ReferralSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        rows = selectors.referrals(request.user, case_id=_int_param(request, "case"))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ReferralDetailView(ApiView):
    serializer_class = serializers.ReferralSerializer

    @extend_schema(
        operation_id="referrals_retrieve", responses={200: serializers.ReferralSerializer, **ERRORS}
    )
    def get(self, request, pk: int):
        return Response(self.get_serializer(selectors.visible_referral(request.user, pk)).data)


class CompanyView(ApiView):
    serializer_class = serializers.CompanySerializer

    @extend_schema(
        operation_id="companies_retrieve",
        responses={200: serializers.CompanySerializer, **ERRORS},
        description="A company by its organisationsnummer (with or without the hyphen).",
    )
    def get(self, request, org_number: str):
        identifier = parse_company_identifier(org_number)
        company, cases = selectors.company_by_number(request.user, identifier.value)
        return Response(serializers.CompanySerializer(company, context={"cases": cases}).data)


class CaseAttachmentListView(ApiView):
    serializer_class = serializers.AttachmentSerializer

    @extend_schema(
        operation_id="cases_attachments",
        responses={200: serializers.AttachmentSerializer(many=True), **ERRORS},
    )
    def get(self, request, pk: int):
        case = selectors.visible_case(request.user, pk)
        rows = selectors.attachments(request.user, case_id=case.pk)
        return Response(self.get_serializer(rows, many=True).data)


class AttachmentContentView(ApiView):
    @extend_schema(
        operation_id="attachments_download",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **ERRORS},
    )
    def get(self, request, pk: int):
        return attachment_response(selectors.visible_attachment(request.user, pk))


class CourseResultListView(ApiView):
    read_scope = READ_TRAINING
    serializer_class = serializers.CourseResultSerializer
    pagination_class = CursorPage

    @extend_schema(
        operation_id="training_results",
        responses={200: serializers.CourseResultSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.course_results(request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class DiplomaListView(ApiView):
    read_scope = READ_TRAINING
    serializer_class = serializers.DiplomaSerializer
    pagination_class = CursorPage

    @extend_schema(
        operation_id="training_diplomas",
        responses={200: serializers.DiplomaSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.diplomas(request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


__all__ = ["CONTENT_TYPE"]
