"""All insights across the visits, for every official: filters, paging, never the notes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from development.models import Theme

from .conftest import a_visit, an_idea, an_insight

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _rows(response):
    page = response.content.decode()
    return page.split('data-testid="insight-rows"')[1].split("</tbody>")[0]


def test_every_official_reads_and_filters_the_insights(
    english, visitor, stranger, naringsliv, bygg, theme
):
    other_theme = Theme.objects.exclude(pk=theme.pk).first()
    old = timezone.localdate() - datetime.timedelta(days=200)
    first = a_visit(by=visitor, department=naringsliv, date=old)
    first.notes = "Hemligt: ägaren ska sälja"
    first.save(update_fields=["notes"])
    lokal = an_insight(visit=first, by=visitor, theme=theme, departments=[naringsliv])
    second = a_visit(
        by=visitor, department=naringsliv, org="556016-0680", company_name="Bageri Syd AB"
    )
    bygglov = an_insight(
        visit=second, by=visitor, theme=other_theme, departments=[bygg], text="Bygglov dröjer"
    )
    an_idea(by=visitor, department=naringsliv, insights=[bygglov])

    english.force_login(stranger)  # another department: insights are for every official
    url = reverse("development:insight_list")
    response = english.get(url)
    assert response.status_code == 200
    rows = _rows(response)
    assert "Svårt att hitta lokaler" in rows and "Bygglov dröjer" in rows
    assert rows.index("Bygglov dröjer") < rows.index("Svårt att hitta lokaler")  # newest first
    assert "Hemligt" not in response.content.decode()
    assert "2 insights." in response.content.decode()

    def only(**params):
        rows = _rows(english.get(url, params))
        return [t for t in ("Svårt att hitta lokaler", "Bygglov dröjer") if t in rows]

    assert only(theme=theme.pk) == ["Svårt att hitta lokaler"]
    assert only(department=bygg.pk) == ["Bygglov dröjer"]
    assert only(date_from=(old + datetime.timedelta(days=1)).isoformat()) == ["Bygglov dröjer"]
    assert only(date_to=old.isoformat()) == ["Svårt att hitta lokaler"]
    assert only(has_idea="yes") == ["Bygglov dröjer"]
    assert only(has_idea="no") == ["Svårt att hitta lokaler"]
    assert only(has_case="yes") == []
    assert only(has_case="no") == ["Svårt att hitta lokaler", "Bygglov dröjer"]
    assert only(q="bageri") == ["Bygglov dröjer"]
    assert only(q="LOKALER") == ["Svårt att hitta lokaler"]
    assert lokal.pk  # used


def test_a_bad_filter_is_marked_and_the_rest_still_applies(english, visitor, naringsliv, theme):
    visit = a_visit(by=visitor, department=naringsliv)
    an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv])
    english.force_login(visitor)
    response = english.get(
        reverse("development:insight_list"), {"date_from": "igår", "q": "lokaler"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid date." in page and 'value="lokaler"' in page
    assert "Svårt att hitta lokaler" in _rows(response)


def test_the_insights_are_paginated(english, visitor, naringsliv, theme):
    visit = a_visit(by=visitor, department=naringsliv)
    for i in range(27):
        an_insight(visit=visit, by=visitor, theme=theme, departments=[], text=f"Insikt nr {i}")
    english.force_login(visitor)
    url = reverse("development:insight_list")
    first = english.get(url, {"q": "Insikt"})
    assert "27 insights." in first.content.decode() and "Page 1 of 2" in first.content.decode()
    assert "q=Insikt&amp;page=2" in first.content.decode()
    second = _rows(english.get(url, {"q": "Insikt", "page": 2}))
    assert second.count("<tr>") == 2


def test_the_insights_page_is_swedish_by_default(client, visitor, naringsliv, theme):
    client.force_login(visitor)
    page = client.get(reverse("development:insight_list")).content.decode()
    assert "Sök" in page or "Tema" in page
