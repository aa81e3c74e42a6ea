"""Every order of the case list reads its own index, on the first page and from a cursor
(EXPLAIN at a few thousand bulk-created, ANALYZEd cases, as tests/cases/test_list_scale.py):
the cost of a page does not grow with the number of cases or the page number."""

import re

import pytest
from django.urls import reverse

from cases.sorting import SORT_CHOICE_VALUES

from .test_list_scale import plan, rows_query, volume  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

INDEX_OF = {
    "opened": "cases_case_list_order",
    "due": "cases_case_due_order",
    "number": "cases_case_number_order",
    "company": "cases_company_name_order",
    "status": "cases_case_status_rank_order",
    "priority": "cases_case_priority_rank_order",
}


def test_every_order_walks_its_index_from_the_start_and_from_a_cursor(client, volume):  # noqa: F811
    client.force_login(volume["official"])
    url = reverse("cases:list")
    for sort in sorted(SORT_CHOICE_VALUES):
        index = INDEX_OF[sort.removeprefix("-")]
        page = client.get(url, {"sort": sort}).content.decode()
        cursor = re.search(r'rel="next" href="\?([^"]+)"', page).group(1).replace("&amp;", "&")
        params = dict(part.split("=", 1) for part in cursor.split("&"))
        for label, sql in (
            ("first page", rows_query(client, url, {"sort": sort})),
            ("from a cursor", rows_query(client, url, params)),
        ):
            text = plan(sql)
            assert index in text, (sort, label, text)
            assert "Seq Scan on cases_case " not in text, (sort, label, text)
            # No sort of every visible case: the rows come in order (the company's name order
            # is the index's; only each company's few cases are put in id order).
            top = text.split("\n")[1]
            assert "Sort" not in top or "Incremental Sort" in top, (sort, label, text)
        if sort.removeprefix("-") in ("status", "priority", "opened", "due", "number"):
            # The cursor is a range of the index (a row comparison), not a filter over it.
            assert "ROW(" in text.split("Index Cond:", 1)[1].split("\n")[0], (sort, text)
