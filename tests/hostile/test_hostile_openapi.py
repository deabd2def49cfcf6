"""Property-based run of the whole OpenAPI schema against the real app (Schemathesis).

Every operation of ``/openapi.json`` gets generated requests, both valid ones and ones that
break the schema on purpose, sent in process to an app on a real database and Redis db 15.
Whatever comes in, the API must not answer 5xx, and every error must be a JSON object with a
non-empty human-readable ``detail``. The responses must also match the documented schema, so
clients generated from it are not lied to. Path ids are sometimes replaced by a real story,
and requests carry a valid key, another tenant's key, the admin token or nothing, so the runs
get past authentication and into the routes, not just the 401/404 paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.slow  # seconds per test: not in `make check`

ADMIN = {"Authorization": "Bearer test-admin-token"}
Headers = Callable[[str], dict[str, str]]
# Examples per generation mode and backend: enough to reach every operation many times while
# the whole module stays within a couple of minutes.
EXAMPLES = 300


def error_body_problem(response: Any) -> str | None:
    """Why an error response is not a JSON object with a clear ``detail``, or None."""
    if response.status_code < 400:
        return None
    values = {k.lower(): v for k, v in response.headers.items()}.get("content-type") or [""]
    content_type = values[0] if isinstance(values, list) else str(values)
    if not content_type.startswith("application/json"):
        return f"error {response.status_code} is not JSON (content-type {content_type!r})"
    try:
        body = response.json()
    except ValueError:
        return f"error {response.status_code} has an unparseable JSON body"
    if not isinstance(body, dict):
        return f"error {response.status_code} body is not an object"
    detail = body.get("detail")
    if not isinstance(detail, str) or len(detail.strip()) < 5:
        return f"error {response.status_code} has no readable detail: {body!r}"
    return None


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_openapi_operations_never_fail_on_the_server(
    client: TestClient, auth_headers: Headers, mode: GenerationMode
) -> None:
    app = client.app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    acme, globex = auth_headers("acme"), auth_headers("globex")
    story = client.post(
        "/v1/stories", json={"name": "fuzzed", "webhook_url": None}, headers=acme
    ).json()
    submitted = client.post(
        f"/v1/stories/{story['id']}/articles",
        json={"articles": [{"source": "wire", "text": '"We will win," Doe said.'}]},
        headers=acme,
    )
    assert submitted.status_code == 202, submitted.text
    real_ids = {
        "story_id": story["id"],
        "article_id": submitted.json()["articles"][0]["id"],
    }
    identities = st.sampled_from([acme, acme, acme, globex, ADMIN, {}])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=schema.as_strategy(mode), data=st.data())
    def run(case: Any, data: st.DataObject) -> None:
        for name, value in real_ids.items():
            if (
                case.path_parameters
                and name in case.path_parameters
                and data.draw(st.booleans(), label=f"real {name}")
            ):
                case.path_parameters[name] = value
        headers = dict(data.draw(identities, label="identity"))
        response = case.call(headers=dict(headers))
        case.validate_response(
            response,
            checks=[
                not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_schema_conformance,
            ],
            headers=headers,
        )
        problem = error_body_problem(response)
        assert problem is None, f"{case.method} {case.formatted_path}: {problem}"

    run()
