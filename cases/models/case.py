from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case as Choose
from django.db.models import F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..workflow import ACTIVE_CASE_STATUSES, FINISHED_CASE_STATUSES, CaseStatus


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


def choice_rank(field: str, values: list[str]) -> Choose:
    """The place of ``field``'s value in ``values``: an order that is not the alphabet's (the
    workflow's for a status). Used both by the list's sort and by the index that serves it,
    so the two expressions are the same and PostgreSQL matches them."""
    return Choose(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


STATUS_RANK = choice_rank("status", [str(status) for status in CaseStatus])
PRIORITY_RANK = choice_rank("priority", [str(priority) for priority in Priority])
# The columns the list's filters test (cases/filters.py), carried in the counts' index so that
# a filtered list's counts read no row either. The department filter's referrals are a hashed
# subquery on the id, which the index holds too. Where a value is selective (a colleague, last
# week) the planner counts through that column's own index instead, as it should.
COUNTED_FILTER_COLUMNS = [
    "lead_department",
    "opened_in",
    "case_type",
    "door",
    "coordinator",
    "assignee",
    "created_at",
    "due_date",
]


class CaseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_CASE_STATUSES)

    def past_retention(self, cutoff):
        """Finished before ``cutoff`` and not yet anonymised. A reopened case is active again,
        and a case closed after a decision counts from the later of the two moments."""
        return self.filter(
            ~Q(closed_at=None, decided_at=None),
            Q(closed_at=None) | Q(closed_at__lt=cutoff),
            Q(decided_at=None) | Q(decided_at__lt=cutoff),
            status__in=FINISHED_CASE_STATUSES,
            anonymised_at=None,
        )

    def overdue(self, today):
        # A case waiting for the business has its clock paused.
        return self.filter(status__in=[CaseStatus.NEW, CaseStatus.OPEN], due_date__lt=today)


class Case(models.Model):
    """A business case (företagsärende), shared by every department that takes part."""

    number = models.CharField(_("case number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("running number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    company = models.ForeignKey(
        "cases.Company", on_delete=models.PROTECT, related_name="cases", verbose_name=_("company")
    )
    contact = models.ForeignKey(
        "cases.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("contact person"),
    )
    case_type = models.ForeignKey(
        "cases.CaseType", on_delete=models.PROTECT, related_name="cases", verbose_name=_("type")
    )
    door = models.ForeignKey(
        "cases.Door", on_delete=models.PROTECT, related_name="cases", verbose_name=_("came in by")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opened_cases",
        verbose_name=_("opened by"),
    )
    opened_in = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="opened_cases",
        verbose_name=_("opened in"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_cases",
        verbose_name=_("coordinator"),
    )
    # Who works on the case now (Signalen's user assignment), beside the coordinator the
    # business deals with. Set only by ``cases.services.assignment.assign_case``.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assigned to"),
    )
    lead_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="led_cases",
        verbose_name=_("lead department"),
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    due_date = models.DateField(_("due date"))
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the coordinator and the departments taking part can see it."),
    )
    created_at = models.DateTimeField(_("opened"))
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    coordinator_named_at = models.DateTimeField(_("coordinator first named"), null=True, blank=True)
    waiting_since = models.DateField(_("waiting since"), null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(_("paused working days"), default=0)
    # The statutory clock (PBL 9 kap. 27 §), for case types that run one: cases/clocks.py.
    statutory_received_on = models.DateField(
        _("complete application received"),
        null=True,
        blank=True,
        help_text=_(
            "The day the application came in, or the later day the applicant "
            "supplemented it on their own initiative."
        ),
    )
    completion_asked_on = models.DateField(_("completion asked for"), null=True, blank=True)
    completion_received_on = models.DateField(_("completion received"), null=True, blank=True)
    statutory_extension_weeks = models.PositiveSmallIntegerField(_("extension (weeks)"), default=0)
    statutory_due_date = models.DateField(_("statutory deadline"), null=True, blank=True)
    fee_kronor = models.PositiveIntegerField(_("fee (kr)"), null=True, blank=True)
    fee_reduction_fifths = models.PositiveSmallIntegerField(
        _("fee reduction (fifths)"),
        null=True,
        blank=True,
        help_text=_(
            "Set at the decision: one fifth per started week past the statutory "
            "deadline (PBL 12 kap. 8 a §)."
        ),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_cases",
        verbose_name=_("merged into"),
        help_text=_("The case kept when this one was merged into it (this one is closed)."),
    )
    anonymised_at = models.DateTimeField(
        _("personal data removed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the personal data were removed under the retention rule."),
    )
    search_vector = SearchVectorField(null=True, editable=False)
    # Lower-cased number, title, case type, company name and org.nr: substring search through
    # a trigram index finds compounds ("servering" in "Uteservering") and prefixes.
    search_text = models.TextField(default="", blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="cases_case_search_gin"),
            GinIndex(
                fields=["search_text"], opclasses=["gin_trgm_ops"], name="cases_case_search_trgm"
            ),
            models.Index(fields=["status", "due_date"], name="cases_case_status_due"),
            # The list's order, alone and after the status filter (keyset pagination).
            models.Index(fields=["-created_at", "-id"], name="cases_case_list_order"),
            models.Index(fields=["status", "-created_at", "-id"], name="cases_case_status_order"),
            # The list's capped counts (each status's; the total is their sum): with the
            # columns of the visibility filter in the index they are index-only scans, half the
            # time at 100k; with the columns the list's filters test included, so are a
            # filtered list's (a case type 76-91 -> 37-41 ms, a door 58 -> 36-45 ms at 100k).
            models.Index(
                fields=["status", "confidential", "id"],
                include=COUNTED_FILTER_COLUMNS,
                name="cases_case_status_counts",
            ),
            # The list filtered on an assignee ("mine", a named colleague), in the list's order.
            models.Index(
                fields=["assignee", "-created_at", "-id"], name="cases_case_assignee_order"
            ),
            # The list's other orders (cases/sorting.py): (sort value, id), read either way.
            models.Index(fields=["due_date", "id"], name="cases_case_due_order"),
            # The cases still being worked on, by due date: Mitt arbete's lists. Through the
            # index of every case, the "attention" list walked the ten years' closed cases
            # due before today (44,000 rows at 100,000 cases) to find its twenty.
            models.Index(
                fields=["due_date", "id"],
                condition=Q(status__in=sorted(ACTIVE_CASE_STATUSES)),
                name="cases_case_active_due",
            ),
            models.Index(fields=["year", "sequence", "id"], name="cases_case_number_order"),
            models.Index(fields=["company", "id"], name="cases_case_company_order"),
            models.Index(STATUS_RANK, F("id"), name="cases_case_status_rank_order"),
            models.Index(PRIORITY_RANK, F("id"), name="cases_case_priority_rank_order"),
            # The few confidential cases, by who takes part (the visibility UNION).
            models.Index(
                fields=["lead_department"],
                condition=Q(confidential=True),
                name="cases_case_conf_lead",
            ),
            models.Index(
                fields=["coordinator"], condition=Q(confidential=True), name="cases_case_conf_coord"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])
