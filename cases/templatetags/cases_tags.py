import functools
from html import escape as _escape

from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import hooks
from ..models import Case
from ..workdays import working_days_between
from ..workflow import ACTIVE_CASE_STATUSES, OPEN_REFERRAL_STATUSES, CaseStatus

register = template.Library()


def due_in(due_date, today=None) -> int:
    return working_days_between(today or timezone.localdate(), due_date)


_PK_PLACEHOLDER = 987654321


@functools.lru_cache(maxsize=32)
def _pk_url_parts(name: str, prefix: str, urlconf: str) -> tuple[str, str]:
    """The address of ``name`` around its one ``pk`` argument, reversed once (per script
    prefix and URL configuration)."""
    head, _sep, tail = reverse(name, args=[_PK_PLACEHOLDER]).partition(str(_PK_PLACEHOLDER))
    return head, tail


def pk_url(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a URL whose only argument is an ``<int:pk>``, without
    resolving it again for every row of a table."""
    urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
    head, tail = _pk_url_parts(name, get_script_prefix(), urlconf)
    return f"{head}{int(pk)}{tail}"


@register.filter
def case_url(pk: int) -> str:
    """``{% url 'cases:detail' pk %}``, for the rows of the case tables."""
    return pk_url("cases:detail", pk)


@register.filter
def company_url(pk: int) -> str:
    """``{% url 'cases:company_detail' pk %}``, for the rows of the case tables."""
    return pk_url("cases:company_detail", pk)


@register.filter
def choose_label(number: str) -> str:
    """The aria-label of a row's checkbox ("Choose LOTS 2026/12"), the same msgid as
    ``{% blocktranslate with number=… %}Choose {{ number }}{% endblocktranslate %}``."""
    return _("Choose %(number)s") % {"number": number}


@register.filter
def due_text(case) -> str:
    """'förfaller om N dagar' / 'N dagar försenat', counted in working days."""
    if case.status not in ACTIVE_CASE_STATUSES or case.due_date is None:
        return ""
    if case.status == CaseStatus.WAITING:
        return _("paused: waiting for the business")
    return referral_due_text(case)


@register.filter
def referral_due_text(obj) -> str:
    days = due_in(obj.due_date)
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("due in %(n)s working day", "due in %(n)s working days", days) % {"n": days}
    return ngettext("%(n)s working day late", "%(n)s working days late", -days) % {"n": -days}


# A finished case, a case waiting for the business (clock paused) and a closed referral are
# never shown as late.
RUNNING_STATUSES = frozenset({CaseStatus.NEW, CaseStatus.OPEN, *OPEN_REFERRAL_STATUSES})


@register.filter
def is_late(obj) -> bool:
    return (
        obj.status in RUNNING_STATUSES
        and obj.due_date is not None
        and obj.due_date < timezone.localdate()
    )


STATUS_CLASSES = {
    "new": "text-bg-primary",
    "open": "text-bg-info",
    "waiting": "text-bg-warning",
    "decided": "text-bg-success",
    "closed": "text-bg-secondary",
    "sent": "text-bg-primary",
    "accepted": "text-bg-info",
    "answered": "text-bg-success",
    "declined": "text-bg-danger",
    "withdrawn": "text-bg-secondary",
}


@functools.lru_cache(maxsize=8)
def _status_labels(model: type) -> dict:
    """A model's status codes and their (lazy) labels: ``get_status_display`` without building
    the field's choices again for every row."""
    return dict(model._meta.get_field("status").flatchoices)


@register.simple_tag
def status_badge(obj) -> str:
    """The status as a badge. Written in Python, not as an inclusion template: it is drawn on
    every row of the case tables."""
    badge = format_html(
        '<span class="badge {}">{}</span>',
        STATUS_CLASSES.get(obj.status, ""),
        _status_labels(type(obj)).get(obj.status, obj.status),
    )
    # A merged case is closed with its flag: "merged" beside the status (no query: the id).
    if getattr(obj, "merged_into_id", None) is not None:
        badge += format_html(
            ' <span class="badge text-bg-light border" data-testid="merged-flag">{}</span>',
            _("merged"),
        )
    return badge


# One row of the case tables (templates/cases/includes/case_table.html). Drawn 25 times a page,
# so written in Python like the status badge and the filter bar's drop-downs: the template
# engine spent about 0.4 ms a row on its two dozen variable lookups, this a tenth of it. The
# markup is the template's, byte for byte (tests/cases/test_case_rows.py renders both).
_ROW = (
    "\n    <tr>\n      {pick}"
    '\n      <th scope="row" class="fw-normal">'
    '\n        <a class="fw-semibold text-nowrap" href="{url}">{number}</a>{confidential}'
    '\n        <span class="d-block">{title}</span>'
    '\n        <small class="d-block text-body-secondary"><span class="visually-hidden">'
    "{case_type_label}: </span>{case_type}</small>"
    "\n      </th>"
    '\n      <td><a href="{company_url}">{company}</a></td>'
    "\n      <td>{department}"
    '\n        <small class="d-block text-body-secondary">'
    "{coordinator_label}: {coordinator}</small>"
    '\n        <small class="d-block text-body-secondary" data-testid="row-assignee">'
    "{assignee_label}: {assignee}</small></td>"
    "\n      <td>{badge}{priority}</td>"
    '\n      <td><span class="text-nowrap {late}">{due_date}</span>'
    "\n        {due}</td>"
    "\n    </tr>\n  "
)
_PICK = (
    '<td><input class="form-check-input" type="checkbox" name="ids" value="{pk}" id="pick-{pk}"'
    '{checked} aria-label="{label}" data-bulk-pick></td>'
)


# The rows escape with the standard library's html.escape: what Django's escape() does for a
# str (the same five characters), without its lazy-text wrapper on each of ~300 calls a page.
def _name(related, attribute: str = "name") -> str:
    return "" if related is None else _escape(getattr(related, attribute))


@register.simple_tag
def case_rows(cases, selectable=False, checked=False, empty_text="") -> SafeString:
    """The ``<tr>`` of each case in ``cases`` (``cases.selectors.TABLE_FIELDS``), or the one
    row saying the table is empty."""
    labels = {
        "case_type_label": _escape(_("Case type")),
        "coordinator_label": _escape(_("Coordinator")),
        "assignee_label": _escape(_("Assigned to")),
    }
    confidential = f' <span class="badge text-bg-dark">{_escape(_("Confidential"))}</span>'
    priorities = {
        "high": f'<small class="d-block" data-testid="row-priority">{_escape(_("High priority"))}'
        "</small>",
        "low": f'<small class="d-block" data-testid="row-priority">{_escape(_("Low priority"))}'
        "</small>",
    }
    rows = []
    for case in cases:
        due = due_text(case)
        rows.append(
            _ROW.format(
                pick=_PICK.format(
                    pk=int(case.pk),
                    checked=" checked" if checked else "",
                    label=_escape(choose_label(case.number)),
                )
                if selectable
                else "",
                url=case_url(case.pk),
                number=_escape(case.number),
                confidential=confidential if case.confidential else "",
                title=_escape(case.title),
                case_type=_name(case.case_type),
                company_url=company_url(case.company_id),
                company=_name(case.company),
                department=_name(case.lead_department),
                coordinator=_name(case.coordinator, "full_name") or "–",
                assignee=_name(case.assignee, "full_name") or "–",
                badge=status_badge(case),
                priority=priorities.get(case.priority, ""),
                late="text-danger fw-semibold" if is_late(case) else "",
                due_date="" if case.due_date is None else format_date(case.due_date, "Y-m-d"),
                due=f'<small class="d-block">{_escape(due)}</small>' if due else "",
                **labels,
            )
        )
    if not rows:
        text = conditional_escape(empty_text or _("No cases."))
        return mark_safe(  # noqa: S308 - the text is escaped
            f'\n    <tr><td colspan="{6 if selectable else 5}">{text}</td></tr>\n  '
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped above


@register.filter
def case_status_label(code: str) -> str:
    try:
        return CaseStatus(code).label
    except ValueError:
        return code


@register.simple_tag
def hooked_fragments(slot: str) -> tuple[str, ...]:
    """The templates apps built on cases add in ``slot`` (``cases.hooks.register_fragment``)."""
    return hooks.fragments(slot)


@register.filter
def case_field_label(name: str) -> str:
    """The label of a case field named in a "case edited" event (the name if unknown)."""
    try:
        return str(Case._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name


@register.simple_tag
def filter_field(field, check: bool = False) -> SafeString:
    """One field of the case list's filter bar: its label, its widget (classes and aria
    attributes set in ``cases.filters``) and its errors under it, with the ids crispy-forms
    gave them. Drawn in Python, as the rows are (eleven template includes, each with one more
    for the errors, a millisecond or two of every list page). The markup is the templates' own
    (``tests/cases/test_filter_bar.py`` renders both)."""
    auto_id = conditional_escape(field.auto_id)
    label = conditional_escape(field.label)
    errors = ""
    if field.errors:
        messages = "".join(
            f'<p id="error_{n}_{auto_id}"><strong>{conditional_escape(error)}</strong></p>'
            for n, error in enumerate(field.errors, start=1)
        )
        errors = f'<div id="{auto_id}_error" class="invalid-feedback">{messages}</div>'
    widget = str(field)
    if check:
        html = (
            f'\n<div class="mb-3"><div id="div_{auto_id}" class="form-check">{widget}\n'
            f'<label for="{auto_id}" class="form-check-label">{label}</label>{errors}\n'
            "</div></div>\n\n"
        )
    else:
        html = (
            f'\n<div id="div_{auto_id}" class="mb-3">\n'
            f'<label for="{auto_id}" class="form-label">{label}</label>\n'
            f"{widget}{errors}\n</div>\n"
        )
    return mark_safe(html)  # noqa: S308 - the label, ids and errors escaped; the widget is safe
