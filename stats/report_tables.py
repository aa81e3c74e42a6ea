"""The statistics as tables: one definition for the page, the printable report and the files.

Each section of ``StatisticsPage`` becomes a ``lotsportal.spreadsheets.Table`` whose cells are the
numbers as reported (lead times and shares rounded to one decimal, NKI to a whole number), so
the figure a council member reads on screen is the figure in the CSV and the XLSX.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotsportal.spreadsheets import Table
from public.nki import FACTOR_LABELS

from .selectors import StatisticsPage


class Link(str):
    """Cell text that links to a page on screen and is plain text in a file."""

    url: str

    def __new__(cls, text: str, url: str):
        value = super().__new__(cls, text)
        value.url = url
        return value


def one_decimal(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _case_link(number: str, pk: int) -> Link:
    return Link(number, reverse("cases:detail", args=[pk]))


def months_table(page: StatisticsPage) -> Table:
    return Table(
        name="manader",
        title=_("Cases opened and finished per month"),
        headers=[_("Month"), _("Opened"), _("Finished")],
        rows=[[date_format(row.month, "F Y"), row.opened, row.finished] for row in page.months],
    )


def doors_table(page: StatisticsPage) -> Table:
    return Table(
        name="dorrar",
        title=_("How the businesses came in (doors)"),
        headers=[_("Door"), _("Cases opened"), _("Share (%)")],
        rows=[[row.label, row.count, one_decimal(row.share)] for row in page.doors],
    )


def departments_table(page: StatisticsPage) -> Table:
    rows = [*page.by_department, page.totals]
    return Table(
        name="avdelningar",
        title=_("Cases per lead department"),
        headers=[
            _("Department"),
            _("Opened"),
            _("Finished"),
            _("Ongoing now"),
            _("Overdue now"),
            _("First answer, median (working days)"),
            _("Opened to finished, median (working days)"),
            _("Opened to finished, 90th percentile (working days)"),
            _("Finished on time (%)"),
        ],
        rows=[
            [
                row.department or _("All departments"),
                row.opened,
                row.finished,
                row.open_now,
                row.overdue_now,
                one_decimal(row.response_median),
                one_decimal(row.lead_median),
                one_decimal(row.lead_p90),
                one_decimal(row.on_time_share),
            ]
            for row in rows
        ],
    )


def lead_times_table(page: StatisticsPage) -> Table:
    cases, referrals = page.totals, page.referral_totals
    return Table(
        name="ledtider",
        title=_("Lead times in working days"),
        headers=[_("Measure"), _("Count"), _("Median"), _("90th percentile")],
        rows=[
            [
                _("Opened to first answer to the business"),
                cases.answered,
                one_decimal(cases.response_median),
                one_decimal(cases.response_p90),
            ],
            [
                _("Opened to decided or closed (less paused days)"),
                cases.finished,
                one_decimal(cases.lead_median),
                one_decimal(cases.lead_p90),
            ],
            [
                _("Referral sent to answered"),
                referrals.answered,
                one_decimal(referrals.answer_median),
                one_decimal(referrals.answer_p90),
            ],
        ],
    )


def deadlines_table(page: StatisticsPage) -> Table:
    cases, referrals = page.totals, page.referral_totals
    return Table(
        name="tidsfrister",
        title=_("Deadlines kept"),
        headers=[_("What"), _("Done"), _("On time"), _("Late"), _("On time (%)"), _("Overdue now")],
        rows=[
            [
                _("Cases decided or closed"),
                cases.finished,
                cases.on_time,
                cases.late,
                one_decimal(cases.on_time_share),
                cases.overdue_now,
            ],
            [
                _("Referrals answered"),
                referrals.answered,
                referrals.on_time,
                referrals.late,
                one_decimal(referrals.on_time_share),
                referrals.overdue_now,
            ],
        ],
    )


def late_cases_table(page: StatisticsPage) -> Table:
    return Table(
        name="sena_arenden",
        title=_("Late cases"),
        headers=[
            _("Case"),
            _("Title"),
            _("Lead department"),
            _("Case type"),
            _("Status"),
            _("Due date"),
            _("Finished"),
            _("Working days late"),
        ],
        rows=[
            [
                _case_link(row.number, row.pk) if row.readable else row.number,
                row.title if row.readable else _("(confidential)"),
                row.department,
                row.case_type_name,
                row.status_label,
                row.due_date,
                row.finished_on,
                row.working_days_late,
            ]
            for row in page.late_cases
        ],
    )


def referrals_table(page: StatisticsPage) -> Table:
    rows = [*page.referrals_by_department, page.referral_totals]
    return Table(
        name="remisser",
        title=_("Referrals per answering department"),
        headers=[
            _("Department"),
            _("Sent"),
            _("Answered"),
            _("Median (working days)"),
            _("90th percentile (working days)"),
            _("Answered on time (%)"),
            _("Unanswered now"),
            _("Overdue now"),
        ],
        rows=[
            [
                row.department or _("All departments"),
                row.sent,
                row.answered,
                one_decimal(row.answer_median),
                one_decimal(row.answer_p90),
                one_decimal(row.on_time_share),
                row.open_now,
                row.overdue_now,
            ]
            for row in rows
        ],
    )


def late_referrals_table(page: StatisticsPage) -> Table:
    return Table(
        name="sena_remisser",
        title=_("Late referrals"),
        headers=[
            _("Case"),
            _("Title"),
            _("Answering department"),
            _("Status"),
            _("Answer by"),
            _("Answered"),
            _("Working days late"),
        ],
        rows=[
            [
                _case_link(row.case_number, row.case_id) if row.readable else row.case_number,
                row.case_title if row.readable else _("(confidential)"),
                row.department_name,
                row.status_label,
                row.due_date,
                row.answered_on,
                row.working_days_late,
            ]
            for row in page.late_referrals
        ],
    )


def _nki_cells(row) -> list:
    band = row.band.label if row.band else (_("too few answers") if not row.shown else "")
    return [row.answers, row.nki, band, *[factor["score"] for factor in row.factors]]


def _nki_headers() -> list[str]:
    return [_("Answers"), _("NKI"), _("Level"), *[str(label) for label in FACTOR_LABELS.values()]]


def nki_departments_table(page: StatisticsPage) -> Table:
    satisfaction = page.satisfaction
    return Table(
        name="nki_avdelningar",
        title=_("Satisfaction (NKI) per department"),
        headers=[_("Department"), *_nki_headers()],
        rows=[
            *[[row.department, *_nki_cells(row)] for row in satisfaction.by_department],
            [_("All departments"), *_nki_cells(satisfaction.total)],
        ],
    )


def nki_case_types_table(page: StatisticsPage) -> Table:
    return Table(
        name="nki_arendetyper",
        title=_("Satisfaction (NKI) per case type"),
        headers=[_("Case type"), *_nki_headers()],
        rows=[[row.case_type, *_nki_cells(row)] for row in page.satisfaction.by_case_type],
    )


def quarter_label(period) -> str:
    return _("%(year)s Q%(quarter)s") % {
        "year": period.year,
        "quarter": (period.month - 1) // 3 + 1,
    }


def nki_quarters_table(page: StatisticsPage) -> Table:
    return Table(
        name="nki_kvartal",
        title=_("Satisfaction (NKI) per quarter"),
        headers=[_("Quarter"), _("Answers"), _("NKI")],
        rows=[
            [quarter_label(row.period), row.answers, row.nki]
            for row in page.satisfaction.by_quarter
        ],
    )


def training_table(page: StatisticsPage) -> Table:
    training = page.training
    rows = list(training.departments)
    if training.total is not None:
        rows.append(training.total)
    return Table(
        name="utbildning",
        title=_("The LOTS year %(year)s: who is trained") % {"year": training.year},
        headers=[
            _("Department"),
            _("Officials"),
            _("Started the web course"),
            _("Passed the web course"),
            _("Diplomas"),
            _("With diploma (%)"),
        ],
        rows=[
            [
                row.department or _("All (each person once)"),
                row.members,
                row.started,
                row.passed,
                row.diplomas,
                one_decimal(row.diploma_share),
            ]
            for row in rows
        ],
    )


def weakest_topics_table(page: StatisticsPage) -> Table:
    return Table(
        name="svagaste_amnen",
        title=_("Weakest topics of the web course"),
        headers=[_("Topic"), _("Answers"), _("Correct"), _("Correct (%)")],
        rows=[
            [row["topic__name"], row["answered"], row["correct"], one_decimal(row["share"])]
            for row in page.training.weakest_topics
        ],
    )


TABLES = (
    months_table,
    doors_table,
    departments_table,
    lead_times_table,
    deadlines_table,
    late_cases_table,
    referrals_table,
    late_referrals_table,
    nki_departments_table,
    nki_case_types_table,
    nki_quarters_table,
    training_table,
    weakest_topics_table,
)


def all_tables(page: StatisticsPage) -> dict[str, Table]:
    """Every table of the page, by its name (the name is also the file name)."""
    return {table.name: table for table in (build(page) for build in TABLES)}
