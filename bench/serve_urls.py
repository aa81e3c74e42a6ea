"""The portal's URLs plus ``/__bench__/bare/``: a bare Django view that renders a table of 25
rows from memory (no session, no database), the yardstick ``bench/serve_pages.py`` divides
by. Bench only; not in ``lotsportal/urls.py``."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

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


urlpatterns = [path("__bench__/bare/", bare), *portal_urlpatterns]
