import functools

from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.html import format_html
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


@register.simple_tag
def status_badge(obj) -> str:
    """The status as a badge. Written in Python, not as an inclusion template: it is drawn on
    every row of the case tables."""
    badge = format_html(
        '<span class="badge {}">{}</span>',
        STATUS_CLASSES.get(obj.status, ""),
        obj.get_status_display(),
    )
    # A merged case is closed with its flag: "merged" beside the status (no query: the id).
    if getattr(obj, "merged_into_id", None) is not None:
        badge += format_html(
            ' <span class="badge text-bg-light border" data-testid="merged-flag">{}</span>',
            _("merged"),
        )
    return badge


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
