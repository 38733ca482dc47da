"""The live API fuzzed from its own OpenAPI document: no 5xx, every response as the document says."""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from pindesk.service.openapi import SPEC

from .conftest import ADMIN_TOKEN

# Examples per operation: enough to reach each field's edges, few enough to keep the run in seconds.
MAX_EXAMPLES = 25

# The document the app serves at /api/v1/openapi.json (test_openapi checks the two are the same).
# Loaded here rather than from a fixture: schemathesis's fixture loader does not run under pytest 9.
schema = schemathesis.openapi.from_dict(SPEC)
schema.config.generation.update(max_examples=MAX_EXAMPLES)


@pytest.fixture
def fuzz_app(make_app, tmp_path):
    """The service over a fresh SQLite file, with the test admin token."""
    return make_app(f"sqlite:///{tmp_path / 'pindesk.sqlite3'}")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_its_document(case, fuzz_app):
    # The admin token rides on every request, so insights are fuzzed past the 401.
    case.call_and_validate(app=fuzz_app, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                           checks=[not_a_server_error, response_schema_conformance])
