"""A company's size class (SCB's employee bands): set where company data is edited (the admin,
through ``update_company``), shown on the company page, a filter of the not-visited list."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from cases.errors import CaseError
from cases.models import Company
from cases.services.companies import update_company
from tests.cases.factories import CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_an_official_sets_the_size_in_the_admin_and_sees_it_on_the_company_page(english, visitor):
    company: Any = CompanyFactory(name="Snickeri Norr AB", industry="Snickeri", city="Norrby")
    visitor.is_staff = True
    visitor.save()
    english.force_login(visitor)
    response = english.post(
        reverse("admin:cases_company_change", args=[company.pk]),
        {
            "name": company.name,
            "street_address": "",
            "postal_code": "",
            "city": company.city,
            "industry": company.industry,
            "size_class": "10-49",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Company.objects.get(pk=company.pk).size_class == "10-49"
    page = english.get(reverse("cases:company_detail", args=[company.pk])).content.decode()
    assert "10–49 employees" in page


def test_update_company_refuses_a_size_that_is_not_a_class(visitor):
    company: Any = CompanyFactory()
    with translation.override("en"), pytest.raises(CaseError, match="size classes"):
        update_company(company=company, by=visitor, size_class="huge")
    assert Company.objects.get(pk=company.pk).size_class == ""


def test_the_not_visited_list_filters_by_size(english, visitor):
    CompanyFactory(name="Liten Firma AB", size_class="1-9")
    CompanyFactory(name="Stor Fabrik AB", size_class="250+")
    CompanyFactory(name="Okänd Storlek AB")
    english.force_login(visitor)
    url = reverse("development:not_visited")
    page = english.get(url, {"size": "250+"}).content.decode()
    assert "Stor Fabrik AB" in page and "250 or more employees" in page
    assert "Liten Firma AB" not in page and "Okänd Storlek AB" not in page
    # An unknown size is no filter at all (nothing the user typed breaks the page).
    page = english.get(url, {"size": "jättestor"}).content.decode()
    assert "Liten Firma AB" in page and "Okänd Storlek AB" in page
