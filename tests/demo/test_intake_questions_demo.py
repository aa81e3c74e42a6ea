"""The demo asks intake questions for three case types and its public matter answers them."""

from urllib.parse import urlparse

import pytest

from cases.models import IntakeAnswer, IntakeQuestion
from demo.seed import seed_people, seed_public_door

pytestmark = pytest.mark.django_db


def test_the_demo_s_public_matter_shows_its_answers_on_the_tracking_page(client):
    lines: list[str] = []
    seed_people(lines.append)
    seed_public_door(lines.append)
    seed_public_door(lines.append)  # run twice: nothing added twice

    codes = set(IntakeQuestion.objects.values_list("case_type__code", flat=True))
    assert codes == {"servering", "markupplatelse", "livsmedel"}
    assert IntakeQuestion.objects.count() == 7
    assert IntakeAnswer.objects.filter(label_sv="Antal bord", value="8").count() == 1
    link = next(line for line in lines if "/foretag/arende/" in line).split()[-1]
    client.cookies["django_language"] = "en"
    page = client.get(urlparse(link).path).content.decode()
    assert "Number of tables</dt>" in page and ">8</dd>" in page
