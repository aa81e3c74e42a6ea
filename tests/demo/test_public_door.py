from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from cases.models import Case
from demo.seed import seed_cases, seed_people, seed_public_door
from public.models import CaseAccessToken, SurveyResponse
from public.nki import nki_rows

pytestmark = pytest.mark.django_db


def test_the_demo_gives_a_public_matter_and_enough_answers_for_nki(client):
    lines: list[str] = []
    seed_people(lines.append)
    seed_cases(lines.append)

    seed_public_door(lines.append)
    first = (Case.objects.count(), SurveyResponse.objects.count(), CaseAccessToken.objects.count())
    seed_cases(lines.append)
    seed_public_door(lines.append)

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
    call_command("seed_demo", force=True)
    answers = SurveyResponse.objects.count()
    call_command("seed_demo", force=True)

    assert SurveyResponse.objects.count() == answers > 0
    shown = [row for row in nki_rows(by=("department",)) if row.shown]
    assert len(shown) >= 3
    assert len({row.band.code for row in shown}) >= 2  # departments differ
