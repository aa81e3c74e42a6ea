"""Every read a cases page needs, with a fixed number of queries whatever the row count."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import permissions as roles
from accounts.models import Department, Membership, User
from notifications.models import OutboxMessage

from . import hooks
from .models import (
    Attachment,
    Case,
    CaseEvent,
    CaseLink,
    CaseType,
    Company,
    IntakeAnswer,
    Message,
    Note,
    Priority,
    Referral,
)
from .pagination import KeysetPage, keyset_page
from .permissions import visible_cases
from .workdays import add_working_days
from .workflow import ACTIVE_CASE_STATUSES, OPEN_REFERRAL_STATUSES, CaseStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LIST_RELATED = ("company", "case_type", "lead_department", "coordinator", "door", "assignee")
DUE_SOON_WORKING_DAYS = 2


TRIGRAM_MIN_LENGTH = 3  # pg_trgm needs three characters to use its index


def search_condition(text: str) -> Q | None:
    """What ``search_cases`` filters on, or None for an empty search.

    On PostgreSQL two index lookups, combined with OR (a BitmapOr of the two GIN indexes):
    the Swedish stemmed full-text vector (inflections: "kaféer" finds "kafé") and a trigram
    substring match on ``search_text`` (every word of three letters or more is in it: number,
    title, case type, company name, org.nr with or without hyphen). Substrings, because the
    Swedish stemmer does not split compounds: "servering" must find "Uteservering" and
    "Serveringstillstånd", which a prefix tsquery finds only for the second.
    Elsewhere (the zero-setup SQLite) icontains on the same fields.
    """
    text = (text or "").strip()
    if not text:
        return None
    if connection.vendor == "postgresql":
        condition = Q(search_vector=SearchQuery(text, config="swedish", search_type="websearch"))
        substrings = Q()
        for word in text.lower().replace('"', " ").split():
            negated = word.startswith("-")
            word = word.lstrip("-")
            if len(word) < TRIGRAM_MIN_LENGTH:
                continue
            found = Q(search_text__contains=word)
            substrings &= ~found if negated else found
        if substrings:
            condition |= substrings
        return condition
    return (
        Q(number__icontains=text)
        | Q(title__icontains=text)
        | Q(description__icontains=text)
        | Q(case_type__name__icontains=text)
        | Q(company__name__icontains=text)
        | Q(company__org_number__icontains=text)
    )


def search_cases(queryset: QuerySet[Case], text: str) -> QuerySet[Case]:
    condition = search_condition(text)
    return queryset if condition is None else queryset.filter(condition)


def case_rows(user) -> QuerySet[Case]:
    """The visible cases with what a row of a list shows."""
    return visible_cases(user).select_related(*LIST_RELATED)


# The columns the case tables draw (templates/cases/includes/case_table.html, the status
# badge, the due text) and the list's cursor: a row reads 17 columns instead of 120 (the
# description, search text and vector, the related rows' every field), a third less
# Python per page of rows.
TABLE_FIELDS = (
    *("number", "title", "confidential", "status", "due_date", "created_at", "merged_into"),
    *("priority", "year", "sequence"),  # shown, and read by the sort's cursor (cases.sorting)
    *("company__name", "case_type__name", "lead_department__name", "door__name"),
    *("coordinator__full_name", "assignee__full_name"),
)


def case_table_rows(user) -> QuerySet[Case]:
    """``case_rows`` with only what the case tables show (not for the API or the export)."""
    return case_rows(user).only(*TABLE_FIELDS)


EXPORT_FIELDS = (
    "number",
    "title",
    "company__name",
    "company__org_number",
    "case_type__name",
    "door__name",
    "lead_department__name",
    "coordinator__full_name",
    "status",
    "priority",
    "created_at",
    "due_date",
)


def export_rows(queryset: QuerySet[Case], *, chunk_size: int) -> Iterator[list]:
    """The rows of the case export, as plain values (no model instances: only the twelve
    columns are read, joined in the one statement), fetched ``chunk_size`` at a time."""
    statuses, priorities = dict(CaseStatus.choices), dict(Priority.choices)
    if not queryset.query.order_by:  # the list's sort, or newest first
        queryset = queryset.order_by("-created_at", "-pk")
    rows = queryset.values_list(*EXPORT_FIELDS)
    for row in rows.iterator(chunk_size=chunk_size):
        *text, status, priority, created_at, due_date = row
        yield [
            *text[:7],
            text[7] or "",
            statuses.get(status, status),
            priorities.get(priority, priority),
            timezone.localtime(created_at).date(),
            due_date,
        ]


def status_counts(queryset: QuerySet[Case]) -> dict[str, int]:
    rows = queryset.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def get_visible_case(user, pk: int) -> Case:
    """A case the user may see, or 404 (the same answer as for a case that does not exist)."""
    try:
        return (
            visible_cases(user)
            .select_related(*LIST_RELATED, "contact", "opened_by", "opened_in")
            .get(pk=pk)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def case_with_intake_answers(user, pk: int) -> Case:
    """A visible case with its answers and their questions (the page correcting them), or 404."""
    answers = IntakeAnswer.objects.select_related("question")
    case = (
        visible_cases(user)
        .select_related("case_type", "company")
        .prefetch_related(Prefetch("intake_answers", queryset=answers))
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def get_visible_referral(user, pk: int) -> Referral:
    referral = (
        Referral.objects.select_related("case", "department")
        .filter(case__in=visible_cases(user))
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404
    return referral


@dataclass
class CaseDetail:
    case: Case
    referrals: list[Referral]
    events: list[CaseEvent]
    notes: list[Note]
    messages: list[Message]
    attachments: list[Attachment]
    outbox: list[OutboxMessage]
    open_referrals: int = 0
    all_answered: bool = False
    # What the apps built on cases show on the page, per slot ("company", "contact", "notes").
    parts: dict[str, list[hooks.RenderedPart]] = field(default_factory=dict)
    # Cases of the same matter: linked with this one, and merged into it.
    linked: list[Case] = field(default_factory=list)
    merged_cases: list[Case] = field(default_factory=list)


def case_detail(user, pk: int) -> CaseDetail:
    queryset = visible_cases(user).select_related(
        *LIST_RELATED,
        "contact",
        "opened_by",
        "opened_in",
        "merged_into",
        *hooks.case_page_related(),
    )
    queryset = queryset.prefetch_related(
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related(
                "department", "assignee", "requested_by", "rerouted_from__department"
            ),
        ),
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
        Prefetch("notes", queryset=Note.objects.select_related("author")),
        Prefetch("messages", queryset=Message.objects.select_related("author")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
        "intake_answers",
    )
    case = queryset.filter(pk=pk).first()
    if case is None:
        raise Http404
    referrals = list(case.referrals.all())
    open_count = sum(1 for r in referrals if r.status in OPEN_REFERRAL_STATUSES)
    linked, merged_cases = related_cases(user, case)
    return CaseDetail(
        case=case,
        referrals=referrals,
        events=list(case.events.all()),
        notes=list(case.notes.all()),
        messages=list(case.messages.all()),
        attachments=list(case.attachments.all()),
        outbox=list(OutboxMessage.objects.about(case).order_by("created_at")),
        open_referrals=open_count,
        all_answered=bool(referrals) and open_count == 0,
        parts=hooks.render_case_page_parts(case),
        linked=linked,
        merged_cases=merged_cases,
    )


MY_WORK_LIMIT = 20  # rows per section of Mitt arbete; the rest a page further


@dataclass
class Section:
    """One bounded list of Mitt arbete: a page of rows, and whether there are more."""

    rows: list
    number: int = 1
    has_next: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _section(queryset: QuerySet, number: int) -> Section:
    start = (number - 1) * MY_WORK_LIMIT
    rows = list(queryset[start : start + MY_WORK_LIMIT + 1])
    return Section(rows=rows[:MY_WORK_LIMIT], number=number, has_next=len(rows) > MY_WORK_LIMIT)


@dataclass
class MyWork:
    coordinating: Section
    incoming: Section
    attention: Section
    today: date | None = None
    soon: date | None = None


MY_WORK_SECTIONS = ("attention", "incoming", "coordinating")


def my_work(user, pages: dict[str, int] | None = None) -> MyWork:
    """The official's three lists, each at most MY_WORK_LIMIT rows a page (``pages`` gives a
    section's page number), so the page stays small however much work there is."""
    pages = pages or {}
    today = timezone.localdate()
    soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    departments = roles.department_ids(user)
    coordinating = (
        case_table_rows(user)
        .filter(coordinator=user, status__in=ACTIVE_CASE_STATUSES)
        .order_by("due_date", "pk")
    )
    incoming = (
        Referral.objects.filter(
            department_id__in=departments,
            status__in=OPEN_REFERRAL_STATUSES,
            case__in=visible_cases(user),
        )
        .select_related("case", "case__company", "department", "assignee", "requested_by")
        .order_by("due_date", "pk")
    )
    attention = (
        case_table_rows(user)
        .filter(
            Q(coordinator=user) | Q(lead_department_id__in=departments),
            status__in=[CaseStatus.NEW, CaseStatus.OPEN],
            due_date__lte=soon,
        )
        .order_by("due_date", "pk")
    )
    return MyWork(
        coordinating=_section(coordinating, pages.get("coordinating", 1)),
        incoming=_section(incoming, pages.get("incoming", 1)),
        attention=_section(attention, pages.get("attention", 1)),
        today=today,
        soon=soon,
    )


def companies(text: str = "") -> QuerySet[Company]:
    queryset = Company.objects.order_by("name", "pk")
    text = (text or "").strip()
    if text:
        digits = text.replace("-", "").replace(" ", "")
        condition = Q(name__icontains=text) | Q(org_number__icontains=text)
        if digits.isdigit() and len(digits) >= 4:
            condition |= Q(org_number__startswith=digits[:6])
        queryset = queryset.filter(condition)
    return queryset


COMPANY_PAGE_SIZE = 25


@dataclass
class CompanyPage:
    company: Company
    cases: list[Case]
    counts: list[tuple[StrOrPromise, int]]
    page: KeysetPage | None = None


def company_page(user, pk: int, params=None) -> CompanyPage:
    """The company, its contacts, how its visible cases divide over the statuses, and one page
    of those cases (newest first; ``params`` as for ``keyset_page``)."""
    company = Company.objects.prefetch_related("contacts").filter(pk=pk).first()
    if company is None:
        raise Http404
    counts = status_counts(case_rows(user).filter(company=company))
    cases = (
        case_table_rows(user)
        .filter(company=company)
        .annotate(
            open_referrals=Count(
                "referrals", filter=Q(referrals__status__in=OPEN_REFERRAL_STATUSES)
            )
        )
        .order_by("-created_at", "-pk")
    )
    total = sum(counts.values())
    page = keyset_page(cases, params or {}, size=COMPANY_PAGE_SIZE, count=total, cap=total)
    return CompanyPage(
        company=company,
        cases=page.object_list,
        counts=[(status.label, n) for status in CaseStatus if (n := counts.get(status.value))],
        page=page,
    )


def department_members(referrals) -> dict[int, list[User]]:
    """The active members of the referrals' departments, by department, in one query: whom a
    referral may be assigned to."""
    rows = (
        Membership.objects.filter(
            department_id__in={r.department_id for r in referrals}, user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "user__pk")
    )
    members: dict[int, list[User]] = {}
    for row in rows:
        members.setdefault(row.department_id, []).append(row.user)
    return members


def officials() -> QuerySet[User]:
    """People who can coordinate a case: active users with a department."""
    return User.objects.filter(is_active=True, memberships__isnull=False).distinct()


def active_departments() -> QuerySet[Department]:
    return Department.objects.active()


def offered_case_types() -> QuerySet[CaseType]:
    """The kinds of matter a business may send on the public form."""
    return CaseType.objects.filter(is_active=True, is_public=True).select_related("lead_department")


def find_visible_case_by_number(user, number: str) -> Case | None:
    """The case with ``number`` if the user may see it (None also for one hidden from them)."""
    return visible_cases(user).filter(number__iexact=number.strip()).first()


def related_cases(user, case: Case) -> tuple[list[Case], list[Case]]:
    """The visible cases linked with ``case`` and those merged into it: one query."""
    linked_pks = (
        CaseLink.objects.filter(first=case)
        .values("second_id")
        .union(CaseLink.objects.filter(second=case).values("first_id"))
    )
    rows = list(
        visible_cases(user)
        .filter(Q(pk__in=linked_pks) | Q(merged_into=case))
        .select_related("case_type")
        .order_by("created_at", "pk")
    )
    merged = [row for row in rows if row.merged_into_id == case.pk]
    return [row for row in rows if row.merged_into_id != case.pk], merged


# Saved filters of the case list ("Mina filter"). ``CaseFilter`` is imported where it is used:
# cases/filters.py reads its drop-downs from this module.

SAVED_FILTERS_SHOWN = 12  # on the list page and the start page; the rest are in "Mina filter"


@dataclass
class FilterQuery:
    """A query string of the case list, as the filter form accepted it."""

    query: str  # the known, valid, non-empty fields only, in the form's order
    gone: list[str]  # the labels of the fields whose value the form refused (e.g. a department
    # deleted since the filter was saved)


def clean_filter_query(user, query: str) -> FilterQuery:
    """``query`` through the case list's filter form: what it accepts and which fields it
    refuses. Unknown parameters (and the page's cursor) are dropped, never stored raw."""
    from django.http import QueryDict

    from .filters import CaseFilter

    data = QueryDict(query)
    case_filter = CaseFilter(data, queryset=Case.objects.none(), user=user)
    form = case_filter.form
    form.is_valid()
    kept = QueryDict(mutable=True)
    gone: list[str] = []
    for name, form_field in form.fields.items():
        value = data.get(name, "")
        if not value.strip():
            continue
        if name in form.errors:
            gone.append(str(form_field.label))
        elif form.cleaned_data.get(name) not in (None, ""):  # not a value read as nothing
            kept[name] = value
    return FilterQuery(query=kept.urlencode(), gone=gone)


def usable_saved_filters(user) -> QuerySet:
    from .models import SavedFilter
    from .permissions import is_official, usable_saved_filters_condition

    if not is_official(user):
        return SavedFilter.objects.none()
    return (
        SavedFilter.objects.filter(usable_saved_filters_condition(user))
        .select_related("owner", "shared_with")
        .order_by("name", "pk")
    )


def get_usable_saved_filter(user, pk: int):
    """A saved filter ``user`` may open (own, or shared with their department), or 404."""
    saved = usable_saved_filters(user).filter(pk=pk).first()
    if saved is None:
        raise Http404
    return saved


def get_own_saved_filter(user, pk: int):
    """A saved filter of ``user``'s own (to rename, share or delete), or 404."""
    saved = usable_saved_filters(user).filter(pk=pk, owner=user).first()
    if saved is None:
        raise Http404
    return saved


def saved_filter_querysets(user, saved_filters: list) -> dict[str, QuerySet[Case]]:
    """The cases each saved filter finds, keyed ``saved-<pk>``, for one capped count.

    Built without validating each filter's form (a query per drop-down value per filter):
    the drop-down values of all the filters are looked up together, one query per drop-down
    used, and a value no longer offered is left out (as opening the filter does)."""
    from django import forms
    from django.http import QueryDict

    from .filters import CaseFilter

    case_filter = CaseFilter(None, queryset=Case.objects.none(), user=user)
    fields = case_filter.form.fields
    datas = [(saved, QueryDict(saved.query)) for saved in saved_filters]
    found: dict[str, dict[str, object]] = {}
    for name, form_field in fields.items():
        if not isinstance(form_field, forms.ModelChoiceField):
            continue
        pks = {
            pk for _saved, data in datas if (pk := data.get(name, "")).isdigit() and len(pk) < 10
        }
        if pks and form_field.queryset is not None:
            found[name] = {str(obj.pk): obj for obj in form_field.queryset.filter(pk__in=pks)}
    querysets: dict[str, QuerySet[Case]] = {}
    for saved, data in datas:
        rows = visible_cases(user)
        for name in data:
            raw = data.get(name, "")
            if name not in fields:
                continue
            value: object
            if name in found or isinstance(fields[name], forms.ModelChoiceField):
                value = found.get(name, {}).get(raw)
                if value is None:
                    continue
            else:  # as the form reads it (a checkbox's "on" is True)
                widget_value = fields[name].widget.value_from_datadict(data, {}, name)
                try:
                    value = fields[name].clean(widget_value)
                except forms.ValidationError:
                    continue
            rows = case_filter.filters[name].filter(rows, value)
        querysets[f"saved-{saved.pk}"] = rows
    return querysets


@dataclass
class SavedFilterRow:
    saved: Any
    count: int
    is_own: bool
    cap: int

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @property
    def shown_count(self) -> str:
        return f"{self.cap}+" if self.is_capped else str(self.count)


def saved_filters_with_counts(
    user, limit: int = SAVED_FILTERS_SHOWN, cap: int | None = None
) -> list[SavedFilterRow]:
    """The user's own and shared saved filters (at most ``limit``) with their capped counts:
    the filters, one query per drop-down they use, and one statement for all the counts."""
    from .pagination import COUNT_CAP, capped_counts

    cap = COUNT_CAP if cap is None else cap
    saved_filters = list(usable_saved_filters(user)[:limit])
    if not saved_filters:
        return []
    counts = capped_counts(saved_filter_querysets(user, saved_filters), cap=cap)
    return [
        SavedFilterRow(
            saved=saved,
            count=counts[f"saved-{saved.pk}"],
            is_own=saved.owner_id == user.pk,
            cap=cap,
        )
        for saved in saved_filters
    ]
