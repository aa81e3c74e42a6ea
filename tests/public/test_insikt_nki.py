"""NKI as SKR Insikt reports it (since 2024: bygglov, miljö- och hälsoskydd, livsmedel,
serveringstillstånd) beside the portal's own NKI over every case, each labelled."""

import pytest
from django.conf import settings

from tests.factories import DepartmentFactory

from .factories import FinishedCaseFactory, PublicCaseTypeFactory, answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(db):
    bygg = DepartmentFactory(name="Samhällsbyggnad", code="samhallsbyggnad")
    building = PublicCaseTypeFactory(name="Bygglov", lead_department=bygg, insikt_area=True)
    signs = PublicCaseTypeFactory(name="Skyltlov", lead_department=bygg, insikt_area=False)
    for _ in range(7):
        answer(FinishedCaseFactory(case_type=building), overall=(5, 5, 5))
    for _ in range(3):
        answer(FinishedCaseFactory(case_type=signs), overall=(2, 2, 2))


def _row(page, testid):
    start = page.index(f'data-testid="{testid}"')
    return page[start : page.index("</tr>", start)]


def test_the_insikt_figure_counts_only_its_areas_and_the_own_figure_every_case(
    client, samordnare, answered
):
    client.force_login(samordnare)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # English: checked before translation
    page = client.get("/foretag/nojdhet/").content.decode()

    own, insikt = _row(page, "nki-own"), _row(page, "nki-insikt")
    assert "every case" in own and "<strong>62</strong>" in own  # (7 × 80 + 3 × 20) / 10
    assert "Comparable with SKR Insikt" in insikt and "<strong>80</strong>" in insikt
