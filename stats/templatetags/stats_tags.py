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
    numeric = _numeric(value)
    classes = "text-end text-nowrap" if numeric or value is None else ""
    if isinstance(value, date) or getattr(value, "url", None):
        classes = "text-nowrap"
    return format_html('<td class="{}">{}</td>', classes, stats_cell(value))


def _numeric(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@register.simple_tag
def stats_headers(table):
    """(header, css class) pairs: a column whose values are all numbers is right-aligned."""
    columns = list(zip(*table.rows, strict=False)) if table.rows else []
    pairs = []
    for index, header in enumerate(table.headers):
        values = [v for v in columns[index] if v is not None] if index < len(columns) else []
        numeric = index > 0 and bool(values) and all(_numeric(v) for v in values)
        pairs.append((header, "text-end" if numeric else ""))
    return pairs
