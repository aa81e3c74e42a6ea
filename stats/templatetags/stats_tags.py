from datetime import date

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def stats_cell(value):
    """One table cell as a person reads it: a dash for "no figure", one decimal, links."""
    if value is None or value == "":
        return format_html(
            '<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>',
            _("no figure"),
        )
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return number_format(value, decimal_pos=1)
    if isinstance(value, date):
        return value.isoformat()
    url = getattr(value, "url", None)
    if url:
        return format_html('<a href="{}">{}</a>', url, str(value))
    return value


@register.simple_tag
def stats_td(value):
    """A data cell: numbers right-aligned, dates and case numbers kept on one line."""
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    classes = "text-end text-nowrap" if numeric or value is None else ""
    if isinstance(value, date) or getattr(value, "url", None):
        classes = "text-nowrap"
    return format_html('<td class="{}">{}</td>', classes, stats_cell(value))
