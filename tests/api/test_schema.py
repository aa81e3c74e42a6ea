"""The OpenAPI description: the committed docs/api/openapi.yaml is what the code generates, and
the schema and its Swagger UI (served from the portal's own static files) are reachable."""

from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def test_the_committed_schema_is_what_the_code_generates(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--lang", "en", "--file", str(generated), "--validate", "--fail-on-warn"
    )
    assert generated.read_text() == COMMITTED.read_text(), (
        "the API changed: run "
        "`.venv/bin/python manage.py spectacular --lang en --file docs/api/openapi.yaml`"
    )


def test_the_schema_and_the_docs_are_served_without_a_token_and_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/cases/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
