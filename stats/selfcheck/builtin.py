"""The self-check's own indicators, read from cases, public (NKI), training and accounts.

Each is one or two aggregate queries whatever the amount of data; how each is computed and
which part of SS 884000 it speaks to is written in docs/self-check.md."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Department, Membership, Role, User
from cases.guarantees import guarantees_kept
from cases.models import Case, CaseEvent, CaseType, EventKind, Referral
from cases.workflow import FINISHED_CASE_STATUSES, ReferralStatus
from public.models import SurveyResponse
from public.nki import nki_total
from training.models import Course, Diploma, PracticalActivity, PracticalRequirement
from training.workflow import ActivityStatus, DiplomaStatus

from ..calendar_table import working_day_number
from ..figures import stored_case_figure, with_case_dates
from ..permissions import counted_cases
from ..selectors.scope import start_of_day
from . import Indicator, Measure, Part, Period, Status, Threshold, register_indicator

COORDINATOR_WORKING_DAYS = 2
# Defaults of the settings SELFCHECK_FIRST_ANSWER_WORKING_DAYS and SELFCHECK_SLIP_NOTICE_DAYS.
FIRST_ANSWER_WORKING_DAYS = 2
SLIP_NOTICE_DAYS = 5
BUSINESS_FACING = (Role.LOTS, Role.SAMORDNARE)


def share(part: int, whole: int) -> float | None:
    return part * 100 / whole if whole else None


def _in_period(period: Period, name: str) -> Q:
    since, until = start_of_day(period.start), start_of_day(period.end + timedelta(days=1))
    return Q(**{f"{name}__gte": since, f"{name}__lt": until})


def _stats_url(period: Period) -> str:
    query = urlencode({"start": str(period.start), "end": str(period.end)})
    return f"{reverse('stats:index')}?{query}"


def _today(period: Period) -> date:
    return period.today or timezone.localdate()


def coordinator_named(period: Period, threshold: Threshold | None) -> Measure:
    """Cases opened in the period with a coordinator named within 2 working days."""
    cases = (
        counted_cases(period.user, Case.objects.filter(_in_period(period, "created_at")))
        .alias(created_on=TruncDate("created_at"), named_on=TruncDate("coordinator_named_at"))
        .alias(days=working_day_number("named_on") - working_day_number("created_on"))
    )
    counts = cases.aggregate(
        opened=Count("pk"),
        named=Count("pk", filter=Q(days__lte=COORDINATOR_WORKING_DAYS)),
    )
    value = share(counts["named"], counts["opened"])
    query = urlencode({"opened_from": str(period.start), "opened_to": str(period.end)})
    return Measure.of_share(
        value,
        threshold,
        evidence_url=f"{reverse('cases:list')}?{query}",
        detail=_("%(named)s of %(opened)s cases opened") % counts,
    )


def referrals_on_time(period: Period, threshold: Threshold | None) -> Measure:
    """Referrals due in the period (and already due) answered by their due date."""
    today = _today(period)
    referrals = (
        Referral.objects.filter(
            case__in=counted_cases(period.user),
            due_date__gte=period.start,
            due_date__lte=period.end,
        )
        .exclude(status__in=[ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN])
        .filter(Q(due_date__lt=today) | Q(status=ReferralStatus.ANSWERED))
        .alias(answered_on=TruncDate("answered_at"))
    )
    counts = referrals.aggregate(
        due=Count("pk"),
        on_time=Count(
            "pk",
            filter=Q(status=ReferralStatus.ANSWERED, answered_on__lte=F("due_date")),
        ),
    )
    value = share(counts["on_time"], counts["due"])
    return Measure.of_share(
        value,
        threshold,
        evidence_url=_stats_url(period),
        detail=_("%(on_time)s of %(due)s referrals answered by their due date") % counts,
    )


def guarantees(period: Period, threshold: Threshold | None) -> Measure:
    """Service-guarantee outcomes started in the period: kept of kept + breached."""
    figures = guarantees_kept(period.start, period.end, cases=counted_cases(period.user))
    kept = sum(f.kept for f in figures)
    decided = kept + sum(f.breached for f in figures)
    value = share(kept, decided)
    return Measure.of_share(
        value,
        threshold,
        evidence_url=_stats_url(period),
        detail=_("%(kept)s of %(decided)s promises kept") % {"kept": kept, "decided": decided},
    )


def nki(period: Period, threshold: Threshold | None) -> Measure:
    """The NKI of the answers given in the period, shown from the minimum number of answers."""
    responses = SurveyResponse.objects.filter(
        _in_period(period, "answered_at"), case__in=counted_cases(period.user)
    )
    row = nki_total(responses=responses)
    numbers = {"answers": row.answers, "minimum": settings.NKI_MIN_ANSWERS}
    if row.nki is None:
        detail = _("%(answers)s answers; at least %(minimum)s are needed") % numbers
    else:
        detail = _("from %(answers)s answers") % numbers
    return Measure(
        value=row.nki,
        unit="",
        status=threshold.status(row.nki) if threshold else Status.GREY,
        evidence_url=_stats_url(period),
        detail=detail,
    )


def _business_facing() -> Q:
    return Q(role__in=BUSINESS_FACING, user__is_active=True)


def _diploma_of(year: int, user_ref: str) -> Exists:
    return Exists(
        Diploma.objects.filter(
            user=OuterRef(user_ref), course__year=year, status=DiplomaStatus.ISSUED
        )
    )


def diplomas(period: Period, threshold: Threshold | None) -> Measure:
    """Active business-facing officials with an issued diploma of the period's year."""
    rows = (
        Membership.objects.filter(_business_facing())
        .alias(has_diploma=_diploma_of(period.year, "user_id"))
        .values("department__name")
        .annotate(
            officials=Count("user", distinct=True),
            diplomas=Count("user", distinct=True, filter=Q(has_diploma=True)),
        )
        .order_by("department__name")
    )
    per_department = [f"{r['department__name']} {r['diplomas']}/{r['officials']}" for r in rows]
    total = (
        User.objects.filter(
            Exists(Membership.objects.filter(_business_facing(), user=OuterRef("pk"))),
        )
        .alias(has_diploma=_diploma_of(period.year, "pk"))
        .aggregate(officials=Count("pk"), diplomas=Count("pk", filter=Q(has_diploma=True)))
    )
    value = share(total["diplomas"], total["officials"])
    return Measure.of_share(
        value,
        threshold,
        evidence_url=reverse("training:diplomas"),
        detail="; ".join(per_department),
    )


def departments_without_lots(period: Period, threshold: Threshold | None) -> Measure:
    """Departments that meet businesses (lead an active case type, or have a lots or
    samordnare membership) without any active lots or samordnare."""
    departments = (
        Department.objects.filter(is_active=True)
        .alias(
            leads=Exists(CaseType.objects.filter(lead_department=OuterRef("pk"), is_active=True)),
            any_lots=Exists(
                Membership.objects.filter(department=OuterRef("pk"), role__in=BUSINESS_FACING)
            ),
        )
        .filter(Q(leads=True) | Q(any_lots=True))
        .annotate(
            active_lots=Exists(
                Membership.objects.filter(_business_facing(), department=OuterRef("pk"))
            )
        )
        .values_list("name", "active_lots")
        .order_by("name")
    )
    rows = list(departments)
    missing = [name for name, covered in rows if not covered]
    if missing:
        detail = _("Without a lots: %(names)s") % {"names": ", ".join(missing)}
    else:
        detail = _("%(count)s departments meet businesses, each with a lots") % {"count": len(rows)}
    value = len(missing) if rows else None
    return Measure(
        value=value,
        unit="",
        status=threshold.status(value) if threshold else Status.GREY,
        evidence_url=reverse("admin:accounts_department_changelist"),
        detail=detail,
    )


def first_answer_days() -> int:
    """The municipality's promise: a first answer within this many working days."""
    return getattr(settings, "SELFCHECK_FIRST_ANSWER_WORKING_DAYS", FIRST_ANSWER_WORKING_DAYS)


def first_answer_in_time(period: Period, threshold: Threshold | None) -> Measure:
    """Cases opened in the period whose first answer came within the promised working days
    (the stored ``first_response_days`` case figure; an unanswered case is not within)."""
    promise = first_answer_days()
    cases = with_case_dates(
        counted_cases(period.user, Case.objects.filter(_in_period(period, "created_at")))
    ).alias(days=stored_case_figure("first_response_days", all_stored=False))
    counts = cases.aggregate(
        opened=Count("pk"),
        answered=Count("pk", filter=Q(days__lte=promise)),
    )
    value = share(counts["answered"], counts["opened"])
    query = urlencode({"opened_from": str(period.start), "opened_to": str(period.end)})
    return Measure.of_share(
        value,
        threshold,
        evidence_url=f"{reverse('cases:list')}?{query}",
        detail=_("%(answered)s of %(opened)s cases answered within %(days)s working days")
        % {**counts, "days": promise},
    )


def slip_notice_days() -> int:
    return getattr(settings, "SELFCHECK_SLIP_NOTICE_DAYS", SLIP_NOTICE_DAYS)


def businesses_told(period: Period, threshold: Threshold | None) -> Measure:
    """Cases whose due date fell in the period and passed while they were open, and of those
    the ones where the business got a message (or the statutory extension notice) from
    ``SELFCHECK_SLIP_NOTICE_DAYS`` days before the due date on."""
    today = _today(period)
    told = CaseEvent.objects.alias(on=TruncDate("created_at")).filter(
        case=OuterRef("pk"),
        kind__in=[EventKind.MESSAGE_SENT, EventKind.STATUTORY_EXTENDED],
        on__gte=ExpressionWrapper(
            OuterRef("due_date") - Value(timedelta(days=slip_notice_days())),
            output_field=DateField(),
        ),
    )
    finished = list(FINISHED_CASE_STATUSES)
    cases = (
        counted_cases(
            period.user,
            Case.objects.filter(
                due_date__gte=period.start, due_date__lte=period.end, due_date__lt=today
            ),
        )
        .alias(finished_on=TruncDate(Coalesce("decided_at", "closed_at")))
        .filter(~Q(status__in=finished) | Q(finished_on__gt=F("due_date")))
    )
    counts = cases.aggregate(slipped=Count("pk"), told=Count("pk", filter=Exists(told)))
    value = share(counts["told"], counts["slipped"])
    return Measure.of_share(
        value,
        threshold,
        evidence_url=f"{reverse('cases:list')}?{urlencode({'overdue': 'on'})}",
        detail=_("%(told)s of %(slipped)s cases past their due date told") % counts,
    )


def _unmet_requirements() -> Exists:
    """A requirement of the outer course edition that the outer-outer user has fewer approved
    activities for than it requires."""
    approved = (
        PracticalActivity.objects.filter(
            requirement=OuterRef("pk"),
            user=OuterRef(OuterRef(OuterRef("pk"))),
            status=ActivityStatus.APPROVED,
        )
        .order_by()
        .values("requirement")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Exists(
        PracticalRequirement.objects.filter(course=OuterRef("pk"))
        .alias(approved=Coalesce(Subquery(approved, output_field=IntegerField()), 0))
        .filter(approved__lt=F("required_count"))
    )


def practical_done(period: Period, threshold: Threshold | None) -> Measure:
    """Active business-facing officials who have every practical requirement of a course
    edition of the period's year met by approved activities."""
    editions = PracticalRequirement.objects.filter(course__year=period.year)
    done = Exists(
        Course.objects.filter(year=period.year)
        .filter(Exists(PracticalRequirement.objects.filter(course=OuterRef("pk"))))
        .filter(~_unmet_requirements())
    )
    total = User.objects.filter(
        Exists(Membership.objects.filter(_business_facing(), user=OuterRef("pk"))),
    ).aggregate(
        officials=Count("pk"),
        done=Count("pk", filter=done),
        editions=Count("pk", filter=Exists(editions)),
    )
    value = share(total["done"], total["officials"]) if total["editions"] else None
    if total["editions"]:
        detail = _("%(done)s of %(officials)s officials") % total
    else:
        detail = _("No practical requirements set for %(year)s") % {"year": period.year}
    return Measure.of_share(
        value,
        threshold,
        evidence_url=f"{reverse('training:coordinator')}",
        detail=detail,
    )


def register() -> None:
    for indicator in INDICATORS:
        register_indicator(indicator)


INDICATORS = [
    Indicator(
        key="coordinator_within_2_days",
        part=Part.PROCESS,
        label=gettext_lazy("Cases with a coordinator named within 2 working days"),
        measure=coordinator_named,
        threshold=Threshold(green=90, amber=75),
        position=10,
    ),
    Indicator(
        key="referrals_on_time",
        part=Part.PROCESS,
        label=gettext_lazy("Referrals answered by their due date"),
        measure=referrals_on_time,
        threshold=Threshold(green=90, amber=75),
        position=20,
    ),
    Indicator(
        key="guarantees_kept",
        part=Part.PROCESS,
        label=gettext_lazy("Service guarantees kept"),
        measure=guarantees,
        threshold=Threshold(green=90, amber=75),
        position=30,
    ),
    Indicator(
        key="nki",
        part=Part.PROCESS,
        label=gettext_lazy("Satisfaction (NKI)"),
        measure=nki,
        threshold=Threshold(green=70, amber=62),
        position=40,
    ),
    Indicator(
        key="first_answer_in_time",
        part=Part.PROCESS,
        label=gettext_lazy("Cases with a first answer within the municipality's promise"),
        measure=first_answer_in_time,
        threshold=Threshold(green=90, amber=75),
        position=15,
    ),
    Indicator(
        key="businesses_told_of_slips",
        part=Part.PROCESS,
        label=gettext_lazy("Businesses told when a deadline slips"),
        measure=businesses_told,
        threshold=Threshold(green=90, amber=75),
        position=25,
    ),
    Indicator(
        key="diplomas",
        part=Part.PERSONNEL,
        label=gettext_lazy("Business-facing officials with this year's diploma"),
        measure=diplomas,
        threshold=Threshold(green=90, amber=70),
        position=10,
    ),
    Indicator(
        key="departments_without_lots",
        part=Part.PERSONNEL,
        label=gettext_lazy("Departments meeting businesses without a lots"),
        measure=departments_without_lots,
        threshold=Threshold(green=0, amber=1, lower_is_better=True),
        position=20,
    ),
    Indicator(
        key="practical_done",
        part=Part.PERSONNEL,
        label=gettext_lazy("Business-facing officials with this year's practical elements done"),
        measure=practical_done,
        threshold=Threshold(green=90, amber=70),
        position=30,
    ),
]
