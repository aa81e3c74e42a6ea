"""The portal's URLs plus two yardsticks that ``bench/serve_pages.py`` divides by. Bench only;
not in ``lotsportal/urls.py``.

- ``/__bench__/bare/``: a bare Django view that renders a table of 25 rows from memory (no
  session, no database): the issue's yardstick.
- ``/__bench__/signed-in/``: the lightest page a signed-in official can get: the session, the
  user, the middleware and the portal's layout (``base.html``, its menu and context), with 25
  cases read in one plain query (no visibility, no filters). What every portal page pays
  before it does its own work, so a page's share of it says how much of its cost is its own.
- ``/__bench__/layout/``: the layout alone for a signed-in official (``base.html`` with no
  content, no query of its own): the floor under every signed-in page, so its share of the bare
  view is the most any portal page could reach.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template import engines
from django.urls import path

from cases.models import Case
from lotsportal.urls import urlpatterns as portal_urlpatterns

_TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang=sv><title>Bare</title><table><tbody>"
    "{% for row in rows %}<tr><th><a href='/arenden/{{ row.pk }}/'>{{ row.number }}</a>"
    "<span>{{ row.title }}</span></th><td>{{ row.company }}</td><td>{{ row.department }}</td>"
    "<td>{{ row.status }}</td><td>{{ row.due }}</td></tr>{% endfor %}</tbody></table>"
)
_ROWS = [
    {
        "pk": n,
        "number": f"LOTS 2026/{n}",
        "title": f"Uteservering vid torget {n}",
        "company": f"Företag {n} AB",
        "department": "Samhällsbyggnad",
        "status": "Öppet",
        "due": "2026-12-24",
    }
    for n in range(25)
]


def bare(request):
    return HttpResponse(_TEMPLATE.render({"rows": _ROWS}))


@login_required
def signed_in(request):
    rows = Case.objects.select_related("company", "lead_department").order_by("-created_at", "-pk")
    return render(request, "bench/signed_in.html", {"rows": rows[:25]})


@login_required
def layout_only(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("__bench__/bare/", bare),
    path("__bench__/layout/", layout_only),
    path("__bench__/signed-in/", signed_in),
    *portal_urlpatterns,
]
