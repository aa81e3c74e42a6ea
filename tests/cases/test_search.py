"""Search: Swedish full text on PostgreSQL, a plain contains-search elsewhere (SQLite)."""

from types import SimpleNamespace

import pytest

from cases import selectors
from cases.models import Case

from .factories import CompanyFactory, a_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(receptionist, reception):
    return {
        "pizza": a_case(
            by=receptionist,
            department=reception,
            title="Pizzeria söker uteserveringar",
            description="Tolv bord.",
            company=CompanyFactory(name="Napoli AB"),
        ),
        "garage": a_case(
            by=receptionist,
            department=reception,
            title="Bilverkstad",
            description="Ny lackeringsbox.",
            company=CompanyFactory(name="Motorhuset AB"),
        ),
    }


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_full_text_search_stems_swedish_words_and_finds_numbers_and_companies(cases):
    everything = Case.objects.all()

    assert titles(selectors.search_cases(everything, "uteservering")) == {
        "Pizzeria söker uteserveringar"
    }
    assert titles(selectors.search_cases(everything, "motorhuset")) == {"Bilverkstad"}
    assert titles(selectors.search_cases(everything, cases["garage"].number)) == {"Bilverkstad"}
    assert titles(selectors.search_cases(everything, "lackeringsbox -pizzeria")) == {"Bilverkstad"}


def test_the_fallback_without_postgresql_searches_with_contains(cases, monkeypatch):
    monkeypatch.setattr(selectors, "connection", SimpleNamespace(vendor="sqlite"))
    everything = Case.objects.all()

    assert titles(selectors.search_cases(everything, "UTESERVERING")) == {
        "Pizzeria söker uteserveringar"
    }
    assert titles(selectors.search_cases(everything, "napoli")) == {"Pizzeria söker uteserveringar"}
    assert titles(selectors.search_cases(everything, "lackering")) == {"Bilverkstad"}
