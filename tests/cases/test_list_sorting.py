"""Sorting the case list by a column (issue 13), driven through the pages: the headers' links,
the order the rows are shown in, paging through a sorted list, saved filters, the export.

English is checked (``django_language=en``) for the new texts: their Swedish comes with the
integrator from locale/new/sorting.json. The headers' own labels were translated before, so
they are checked in Swedish too.
"""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.pagination import KeysetColumn, KeysetOrder, keyset_page
from cases.sorting import SORT_CHOICE_VALUES
from tests.factories import official

from .factories import CaseTypeFactory, CompanyFactory, a_case
from .test_query_counts import LIST_QUERIES

pytestmark = pytest.mark.django_db

LIST = reverse("cases:list")
# Company names in Swedish order: upper and lower case together, Å, Ä and Ö after Z.
COMPANIES = ["alfa AB", "Beta AB", "Zeta AB", "Åker AB", "Ängel AB", "Ödla AB"]
STATUSES = ["new", "open", "waiting", "decided", "closed"]
PRIORITIES = ["low", "normal", "high"]
# Per case: (company, hours after the start it was opened, due day, status, priority, sequence);
# ties on every key but the opening time, so the tie-breaker (the id) is seen to hold.
ROWS = [
    ("Zeta AB", 5, 3, "open", "high", 12),
    ("alfa AB", 1, 1, "new", "normal", 3),
    ("Ödla AB", 9, 3, "closed", "low", 100),
    ("Beta AB", 2, 2, "waiting", "high", 7),
    ("Åker AB", 7, 1, "open", "normal", 25),
    ("Zeta AB", 3, 5, "decided", "normal", 2),
    ("Ängel AB", 8, 2, "new", "low", 40),
]


def _login(client, user, language="en"):
    client.force_login(user)
    client.cookies["django_language"] = language


@pytest.fixture
def sorted_desk(reception, receptionist):
    """Seven cases with known values in every sortable column (set after opening them through
    the service, as a bulk import would leave them)."""
    case_type = CaseTypeFactory(lead_department=reception)
    companies = {name: CompanyFactory(name=name) for name in COMPANIES}
    start = timezone.now() - dt.timedelta(days=10)
    cases = []
    for name, hours, due_day, status, priority, sequence in ROWS:
        case = a_case(
            by=receptionist, department=reception, case_type=case_type, company=companies[name]
        )
        Case.objects.filter(pk=case.pk).update(
            created_at=start + dt.timedelta(hours=hours),
            due_date=dt.date(2027, 1, due_day),
            status=status,
            priority=priority,
            year=2030,
            sequence=sequence,
            number=f"LOTS 2030/{sequence}",
        )
        cases.append(Case.objects.select_related("company").get(pk=case.pk))
    return cases


def _sort_value(case: Case, key: str):
    return {
        "opened": lambda: case.created_at,
        "due": lambda: case.due_date,
        "number": lambda: (case.year, case.sequence),
        "company": lambda: COMPANIES.index(case.company.name),
        "status": lambda: STATUSES.index(case.status),
        "priority": lambda: PRIORITIES.index(case.priority),
    }[key]()


def expected(cases, sort: str) -> list[str]:
    key = sort.removeprefix("-")
    rows = sorted(cases, key=lambda c: (_sort_value(c, key), c.pk), reverse=sort.startswith("-"))
    return [case.number for case in rows]


def shown_numbers(html: str) -> list[str]:
    """The case numbers of the table's rows, top to bottom, as the user sees them."""
    return re.findall(r'class="fw-semibold text-nowrap" href="[^"]+">([^<]+)</a>', html)


def header(html: str, column: str) -> str:
    start = html.index(f'data-sort-column="{column}"')
    return html[html.rindex("<th", 0, start) : html.index("</th>", start)]


def link_params(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href.replace("&amp;", "&")).query)


@pytest.mark.parametrize("sort", sorted(SORT_CHOICE_VALUES))
def test_the_list_shows_the_cases_in_the_order_asked_for(client, sorted_desk, receptionist, sort):
    _login(client, receptionist)

    response = client.get(LIST, {"sort": sort})

    assert response.status_code == 200
    assert shown_numbers(response.content.decode()) == expected(sorted_desk, sort)


def test_clicking_a_header_twice_sorts_by_it_one_way_then_the_other(
    client, sorted_desk, receptionist, reception
):
    _login(client, receptionist)
    page = client.get(LIST, {"department": reception.pk}).content.decode()
    # Newest first by default: no column is marked sorted.
    assert "aria-sort" not in page
    assert shown_numbers(page) == expected(sorted_desk, "-opened")

    href = re.search(r'href="([^"]+)"', header(page, "due")).group(1)
    assert link_params(href) == {"department": [str(reception.pk)], "sort": ["due"]}
    page = client.get(LIST + href.replace("&amp;", "&")).content.decode()
    due = header(page, "due")
    assert 'aria-sort="ascending"' in due and "▲" in due and "sort descending" in due
    assert shown_numbers(page) == expected(sorted_desk, "due")
    assert "aria-sort" not in header(page, "company")

    href = re.search(r'href="([^"]+)"', header(page, "due")).group(1)
    page = client.get(LIST + href.replace("&amp;", "&")).content.decode()
    due = header(page, "due")
    assert 'aria-sort="descending"' in due and "▼" in due and "sort ascending" in due
    assert shown_numbers(page) == expected(sorted_desk, "-due")
    # The drop-down of the filter bar says the same (a list sorted without JavaScript or mouse).
    assert '<option value="-due" selected>Due date, latest first</option>' in page


def test_headers_keep_the_filters_and_drop_the_page(client, sorted_desk, receptionist, monkeypatch):
    monkeypatch.setattr("cases.views.cases.PAGE_SIZE", 3)
    _login(client, receptionist)
    first = client.get(LIST, {"sort": "company", "q": "", "overdue": ""}).content.decode()
    next_href = re.search(r'rel="next" href="([^"]+)"', first).group(1)

    second = client.get(LIST + next_href.replace("&amp;", "&")).content.decode()

    for column in ("case", "company", "status", "due"):
        params = link_params(re.search(r'href="([^"]+)"', header(second, column)).group(1))
        assert not {"after", "before", "page"} & params.keys(), column
    company = link_params(re.search(r'href="([^"]+)"', header(second, "company")).group(1))
    assert company["sort"] == ["-company"]
    # The status counts' links keep the order too.
    counts = second[second.index('data-testid="status-counts"') :]
    status_href = re.search(r'href="([^"]+)"', counts).group(1)
    assert link_params(status_href)["sort"] == ["company"]


def test_the_headers_in_swedish_and_english(client, sorted_desk, receptionist):
    _login(client, receptionist, language="sv")
    swedish = client.get(LIST, {"sort": "status"}).content.decode()
    _login(client, receptionist, language="en")
    english = client.get(LIST, {"sort": "status"}).content.decode()

    for column, sv, en in (
        ("case", "Ärende", "Case"),
        ("company", "Företag", "Company"),
        ("status", "Status", "Status"),
        ("due", "Förfaller", "Due"),
    ):
        assert f">{sv}<span" in header(swedish, column)
        assert f">{en}<span" in header(english, column)
    assert 'aria-sort="ascending"' in header(swedish, "status")
    assert '<label for="id_sort" class="form-label">Sort by</label>' in english


def test_paging_through_every_order_shows_every_case_once(
    client, sorted_desk, receptionist, monkeypatch
):
    """Three rows a page: forwards to the last page, then back to the first, for every order
    (ties in every key but the opening time)."""
    monkeypatch.setattr("cases.views.cases.PAGE_SIZE", 3)
    _login(client, receptionist)
    for sort in sorted(SORT_CHOICE_VALUES):
        pages, href = [], f"?sort={sort}"
        while href:
            page = client.get(LIST + href.replace("&amp;", "&")).content.decode()
            pages.append(shown_numbers(page))
            found = re.search(r'rel="next" href="([^"]+)"', page)
            href = found.group(1) if found else None
        assert [n for rows in pages for n in rows] == expected(sorted_desk, sort), sort
        assert [len(rows) for rows in pages] == [3, 3, 1], sort
        back = []
        while found := re.search(r'rel="prev" href="([^"]+)"', page):
            page = client.get(LIST + found.group(1).replace("&amp;", "&")).content.decode()
            back.append(shown_numbers(page))
        assert back == pages[-2::-1], sort


def test_a_saved_filter_keeps_and_restores_the_order(client, sorted_desk, receptionist):
    _login(client, receptionist)
    page = client.get(LIST, {"status": "open", "sort": "-company"}).content.decode()
    link = re.search(r'href="([^"]*/filter/spara/[^"]*)"', page).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(link).query)["query"][0]

    saved = client.post(reverse("cases:saved_filter_create"), {"name": "Öppna", "query": query})
    assert saved.status_code == 302
    client.get(LIST)  # somewhere else first
    home = client.get(LIST).content.decode()
    tile = re.search(r'href="([^"]+)">Öppna</a>', home).group(1)
    opened = client.get(tile)

    assert link_params(opened["Location"]) == {"status": ["open"], "sort": ["-company"]}
    page = client.get(opened["Location"]).content.decode()
    assert shown_numbers(page) == [
        n for n in expected(sorted_desk, "-company") if n in ("LOTS 2030/12", "LOTS 2030/25")
    ]
    assert 'aria-sort="descending"' in header(page, "company")


def test_an_unknown_order_saved_is_left_out(client, sorted_desk, receptionist):
    _login(client, receptionist)
    client.post(
        reverse("cases:saved_filter_create"), {"name": "Konstig", "query": "sort=hemlig&q=AB"}
    )
    home = client.get(LIST).content.decode()
    tile = re.search(r'href="([^"]+)">Konstig</a>', home).group(1)
    assert link_params(client.get(tile)["Location"]) == {"q": ["AB"]}


def _csv_numbers(response) -> list[str]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [re.match(r'"?(LOTS \d+/\d+)', line).group(1) for line in text.splitlines()[1:]]


@pytest.mark.parametrize("sort", ["company", "-due", "status", "bogus"])
def test_the_export_follows_the_lists_order(client, sorted_desk, receptionist, sort):
    _login(client, receptionist)
    page = client.get(LIST, {"sort": sort}).content.decode()
    href = re.search(r'href="(/[^"]*)">Export to CSV', page).group(1).replace("&amp;", "&")

    response = client.get(href)

    assert response.status_code == 200
    shown = "-opened" if sort == "bogus" else sort
    assert _csv_numbers(response) == expected(sorted_desk, shown)


def test_the_export_of_the_chosen_is_newest_first(client, sorted_desk, receptionist):
    _login(client, receptionist)
    chosen = sorted_desk[:4]
    response = client.post(
        reverse("cases:bulk"), {"action": "export", "ids": [c.pk for c in chosen]}
    )
    assert response.status_code == 200
    assert _csv_numbers(response) == expected(chosen, "-opened")


HOSTILE_SORTS = ["", "-", "--due", "due ", "DUE", "created_at", "-pk", "due\x00", "x" * 5000]
# Cursors no order can read: the first page.
UNREADABLE_CURSORS = [
    "abc",
    ".",
    "..",
    "99999999999999999999999.1",
    "1.99999999999999999999999",
    "-1.-1",
    "1e5.2",
    "%%%.1",
    "\x00.1",
    "١٢.3",
    "1." + "9" * 5000,
]
# Cursors some order can read (a position that is odd, or of another order): a page of it.
ODD_CURSORS = ["1.2.3", "~.5", "AAAA.1", "4pyT.1", "-5.1", "3652060.1", "0.0", "QmV0YSBBQg.1"]


def test_hostile_orders_give_the_default_list(client, sorted_desk, receptionist):
    _login(client, receptionist)
    for sort in HOSTILE_SORTS:
        response = client.get(LIST, {"sort": sort})
        assert response.status_code == 200, sort
        assert shown_numbers(response.content.decode()) == expected(sorted_desk, "-opened"), sort
    both = client.get(LIST + "?sort=company&sort=due")
    assert both.status_code == 200


@pytest.mark.parametrize("sort", sorted(SORT_CHOICE_VALUES))
def test_mangled_cursors_give_the_first_page(client, sorted_desk, receptionist, sort, monkeypatch):
    monkeypatch.setattr("cases.views.cases.PAGE_SIZE", 3)
    _login(client, receptionist)
    order = expected(sorted_desk, sort)
    for direction in ("after", "before"):
        for cursor in UNREADABLE_CURSORS:
            response = client.get(LIST, {"sort": sort, direction: cursor})
            assert response.status_code == 200, (direction, cursor)
            assert shown_numbers(response.content.decode()) == order[:3], (direction, cursor)
        for cursor in ODD_CURSORS:
            response = client.get(LIST, {"sort": sort, direction: cursor})
            assert response.status_code == 200, (direction, cursor)
            rows = shown_numbers(response.content.decode())
            # Some run of the list in its order (or none): never another order, never twice.
            at = order.index(rows[0]) if rows else 0
            assert rows == order[at : at + len(rows)] and len(rows) <= 3, (direction, cursor)


@pytest.mark.parametrize("n", [2, 12])
def test_sorting_costs_no_query_more(client, reception, n, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr("cases.views.cases.PAGE_SIZE", 5)
    coordinator = official(reception, full_name="Anna Andersson")
    case_type = CaseTypeFactory(lead_department=reception)
    for _ in range(n):
        a_case(by=coordinator, department=reception, case_type=case_type)
    client.force_login(coordinator)
    client.get(LIST)  # the drop-downs' choices into the cache (cases/choices.py)
    for params in ({"status": "new", "sort": "company"}, {"status": "new", "sort": "-priority"}):
        with django_assert_num_queries(LIST_QUERIES):
            first = client.get(LIST, params)
        cursor = re.search(r"after=([^&\"]+)", first.content.decode())
        if cursor:
            with django_assert_num_queries(LIST_QUERIES):
                assert client.get(LIST, {**params, "after": cursor.group(1)}).status_code == 200


NULLABLE_ORDERS = [
    (KeysetColumn("closed_at", "datetime", nullable=True),),
    (KeysetColumn("closed_at", "datetime", nullable=True), KeysetColumn("due_date", "date")),
    (KeysetColumn("coordinator__full_name", "text", nullable=True),),
]


@pytest.mark.parametrize("columns", NULLABLE_ORDERS, ids=["one", "two", "joined"])
@pytest.mark.parametrize("descending", [False, True], ids=["up", "down"])
def test_the_cursor_puts_nulls_last_both_ways_and_pages_through_them(
    sorted_desk, receptionist, columns, descending
):
    """No key of the list can be NULL today (the due date is required); an order on a column
    that can is read NULLs last both ways, ties and NULLs paged through exactly once."""
    closed = timezone.now()
    for i, case in enumerate(sorted_desk):  # three NULLs, two ties among the rest
        Case.objects.filter(pk=case.pk).update(
            closed_at=None if i % 2 else closed + dt.timedelta(days=i // 4),
            coordinator=None if i % 2 else receptionist,
        )
    order = KeysetOrder(columns, descending=descending)
    everything = list(order.apply(Case.objects.select_related("coordinator")))
    values = [columns[0].value_of(case) for case in everything]
    assert values[-3:] == [None, None, None] and None not in values[:4]

    pages, params = [], {}
    while True:
        page = keyset_page(Case.objects.all(), params, size=2, count=7, order=order)
        pages.append([case.pk for case in page.object_list])
        if not page.has_next:
            break
        params = {"after": page.next_cursor, "page": str(page.next_page_number)}
    assert [pk for rows in pages for pk in rows] == [case.pk for case in everything]

    back = []
    while page.number > 1:
        params = {"before": page.previous_cursor, "page": str(page.previous_page_number)}
        page = keyset_page(Case.objects.all(), params, size=2, count=7, order=order)
        back.append([case.pk for case in page.object_list])
    assert back == pages[-2::-1]
