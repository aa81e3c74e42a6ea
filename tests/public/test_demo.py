from urllib.parse import urlparse

import pytest

from accounts.demo import seed as seed_accounts
from accounts.models import Department
from cases.models import Case
from public import demo
from public.models import CaseAccessToken, SurveyResponse
from public.nki import nki_rows

from .factories import PublicCaseTypeFactory

pytestmark = pytest.mark.django_db


def test_the_demo_gives_a_public_matter_and_enough_answers_for_nki(client):
    lines: list[str] = []
    seed_accounts(lines.append)
    PublicCaseTypeFactory(
        name="Markupplåtelse / uteservering",
        lead_department=Department.objects.get(code="teknik"),
        position=1,
    )
    PublicCaseTypeFactory(
        name="Livsmedelsregistrering", lead_department=Department.objects.get(code="miljo")
    )

    demo.seed(lines.append)
    first = (Case.objects.count(), SurveyResponse.objects.count(), CaseAccessToken.objects.count())
    demo.seed(lines.append)

    assert (
        Case.objects.count(),
        SurveyResponse.objects.count(),
        CaseAccessToken.objects.count(),
    ) == first
    assert SurveyResponse.objects.count() >= 14
    assert any(row.shown for row in nki_rows(by=("department",)))
    assert SurveyResponse.objects.exclude(comment="").exists()
    link = next(line for line in lines if "/foretag/arende/" in line).split()[-1]
    page = client.get(urlparse(link).path).content.decode()
    assert "Café Torget i Exempelby AB" in page


@pytest.mark.slow
def test_the_whole_demo_shows_nki_figures_and_runs_twice_without_new_answers():
    from django.core.management import call_command

    call_command("seed_demo", force=True)
    answers = SurveyResponse.objects.count()
    call_command("seed_demo", force=True)

    assert SurveyResponse.objects.count() == answers > 0
    shown = [row for row in nki_rows(by=("department",)) if row.shown]
    assert len(shown) >= 3
    assert len({row.band.code for row in shown}) >= 2  # departments differ
