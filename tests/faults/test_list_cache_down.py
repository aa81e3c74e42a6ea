"""The case list's drop-downs live in the cache (cases/choices.py). With the test's own Redis
stopped, the list still answers with every drop-down filled (read from the database, logged at
WARNING) and without waiting long; when Redis is back the lists are cached again."""

import logging
import re
import time

import pytest
from django.urls import reverse

from tests.cases.test_query_counts import LIST_QUERIES, LIST_QUERIES_COLD_CACHE
from tests.factories import DepartmentFactory, official
from tests.faults.public import conftest as public_faults

pytestmark = pytest.mark.django_db
own_redis = public_faults.own_redis  # a Redis of the test's own, as the portal's cache


def offered(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


@pytest.fixture
def signed_in(client):
    department = DepartmentFactory(name="Kontaktcenter", code="kc")
    client.force_login(official(department, full_name="Anna Andersson"))
    return client


def test_the_list_answers_with_its_drop_downs_while_redis_is_down(
    signed_in, own_redis, caplog, django_assert_num_queries
):
    own_redis.stop()
    caplog.set_level(logging.WARNING)
    began = time.monotonic()
    with django_assert_num_queries(LIST_QUERIES_COLD_CACHE):
        response = signed_in.get(reverse("cases:list"))
    took = time.monotonic() - began

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kontaktcenter" in offered(html, "department")
    assert "Anna Andersson" in offered(html, "coordinator")
    assert "Anna Andersson" in offered(html, "assignee")
    assert any("cache is unreachable" in r.getMessage() for r in caplog.records)
    assert took < 5, f"a cache that is down held the list for {took:.1f} s"


def test_a_department_added_while_redis_is_down_is_offered(signed_in, own_redis):
    own_redis.stop()
    DepartmentFactory(name="Kultur och fritid", code="kultur")  # its forgetting fails: logged

    html = signed_in.get(reverse("cases:list")).content.decode()

    assert "Kultur och fritid" in offered(html, "department")


def test_when_redis_is_back_the_lists_are_cached_again(
    signed_in, own_redis, django_assert_num_queries
):
    own_redis.stop()
    assert signed_in.get(reverse("cases:list")).status_code == 200
    own_redis.start()

    with django_assert_num_queries(LIST_QUERIES_COLD_CACHE):
        signed_in.get(reverse("cases:list"))
    with django_assert_num_queries(LIST_QUERIES):
        html = signed_in.get(reverse("cases:list")).content.decode()
    assert "Kontaktcenter" in offered(html, "department")
