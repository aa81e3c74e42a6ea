"""Export and import as the documented JSON format: a round trip keeps sources and review
dates; a file that does not follow the schema stores nothing."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases.models import CaseType
from knowledge.models import Article
from knowledge.services.interchange import export_articles, schema, validate_document
from tests.cases.factories import CaseTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """These tests read the pages' English texts: the language the visitor chose."""
    client.cookies["django_language"] = "en"


def _comparable(document):
    return [
        {k: v for k, v in a.items() if k not in ("status", "version")} for a in document["articles"]
    ]


def test_export_and_reimport_round_trip(write, bygg, tmp_path):
    case_type = CaseTypeFactory(code="bygglov", lead_department=bygg)
    article = write(
        question_en="Do I need a permit?",
        answer_en="Often, yes.",
        audience="public",
        review_interval_months=6,
        publish=True,
        case_types=[case_type],
        departments=[bygg],
    )
    Article.objects.filter(pk=article.pk).update(last_reviewed_on=date(2026, 3, 1))
    write(question="Vad kostar ett bygglov?", legal_sources="Taxa för byggnadsnämnden")
    path = tmp_path / "export.json"
    call_command("knowledge_exchange", "export", str(path), stdout=io.StringIO())
    exported = json.loads(path.read_text(encoding="utf-8"))
    validate_document(exported)
    assert exported["articles"][0]["legal_sources"] == [
        {"title": "Plan- och bygglagen 9 kap. 2 §", "url": "https://www.riksdagen.se/"}
    ]
    assert exported["articles"][0]["last_reviewed_on"] == "2026-03-01"

    Article.objects.all().delete()
    call_command(
        "knowledge_exchange", "import", str(path), "--department", bygg.code, stdout=io.StringIO()
    )
    imported = Article.objects.order_by("pk")
    assert {a.status for a in imported} == {"draft"}  # read before published here
    again = export_articles(Article.objects.all())
    assert _comparable(again) == _comparable(exported)
    assert imported[0].review_due_on == date(2026, 9, 1)
    assert CaseType.objects.get(code="bygglov") in imported[0].case_types.all()


def test_the_schema_in_the_repository_is_a_valid_json_schema():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema())


def test_a_file_that_does_not_follow_the_format_is_refused_and_stores_nothing(
    client, samordnare, bygg
):
    client.force_login(samordnare)
    bad = {"format": "lotsportalen-knowledge", "format_version": 1, "articles": [{"question": {}}]}
    upload = io.BytesIO(json.dumps(bad).encode())
    upload.name = "bad.json"
    response = client.post(
        reverse("knowledge:import"), {"file": upload, "fallback_department": bygg.pk}
    )
    assert response.status_code == 200
    assert "does not follow the format" in response.content.decode()
    assert Article.objects.count() == 0


def test_the_import_page_makes_drafts(client, samordnare, bygg, write):
    write(publish=True)
    document = export_articles(Article.objects.all())
    Article.objects.all().delete()
    client.force_login(samordnare)
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "kb.json"
    response = client.post(
        reverse("knowledge:import"), {"file": upload, "fallback_department": bygg.pk}
    )
    assert response.status_code == 302
    assert Article.objects.get().status == "draft"


def test_the_admin_action_downloads_the_chosen_articles(client, admin_user, write):
    article = write()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:knowledge_article_changelist"),
        {"action": "export_as_json", "_selected_action": [article.pk]},
    )
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["articles"][0]["question"]["sv"] == article.question
