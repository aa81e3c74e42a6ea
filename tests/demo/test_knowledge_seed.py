"""The demo's knowledge bank: about forty articles, some public, some due for review; a second
run adds nothing."""

import pytest
from django.utils import timezone

from demo import knowledge as knowledge_bank
from demo.seed import STEPS, seed_people
from knowledge.models import Article

pytestmark = pytest.mark.django_db


def test_the_demo_knowledge_bank_is_seeded_once():
    assert knowledge_bank.seed in STEPS
    lines: list[str] = []
    seed_people(lines.append)
    knowledge_bank.seed(lines.append)
    count = Article.objects.count()
    knowledge_bank.seed(lines.append)

    assert Article.objects.count() == count >= 35
    assert Article.objects.public().count() >= 20
    assert Article.objects.due_for_review(timezone.localdate()).count() >= 5
    assert Article.objects.exclude(question_en="").exists()
    assert "none added" in lines[-1]
