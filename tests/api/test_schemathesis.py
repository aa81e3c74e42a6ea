"""schemathesis against the portal's own server on 127.0.0.1: generated requests for every
operation of docs/api/openapi.yaml (bounded examples) find no 5xx and no response that breaks
the schema. Slow: runs with ALL=1 and in CI."""

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from api.models import Scope

from .conftest import bearer, integration_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


@pytest.fixture
def token(live_server):
    from accounts.models import Role
    from tests.cases.factories import CaseTypeFactory, a_case, door
    from tests.factories import DepartmentFactory, official

    reception = DepartmentFactory(name="Kontaktcenter", code="kontaktcenter")
    user = official(reception, Role.SAMORDNARE, full_name="Fuzzare (integration)")
    door("email")
    case_type = CaseTypeFactory(code="livsmedel")
    for n in range(3):
        a_case(by=user, department=reception, case_type=case_type, title=f"Ärende {n}")
    integration = integration_for(user, name="Fuzzaren")
    _client, raw = bearer(integration, scopes=list(Scope.values))
    return raw


def test_the_api_keeps_to_its_schema(live_server, token):
    """Every operation in turn (schemathesis' pytest plugin is not yet at home in pytest 9:
    the strategies are driven with hypothesis directly)."""
    api_schema = schemathesis.openapi.from_path(SCHEMA)
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_the_schema(case):
            case.call_and_validate(
                base_url=live_server.url,
                headers=headers,
                checks=[checks.not_a_server_error, checks.response_schema_conformance],
            )

        keeps_to_the_schema()
