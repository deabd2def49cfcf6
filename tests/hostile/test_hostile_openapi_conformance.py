"""The OpenAPI document states the constraints the API enforces (issue 14, item 10).

``test_hostile_openapi`` checks that nothing fails on the server; this module checks agreement:
data valid by the schema is accepted (``positive_data_acceptance``), data invalid by it is
refused (``negative_data_rejection``), and a 405 names every method of the path. The run is
bounded (``EXAMPLES`` per mode) so it fits in the regular test suite. Article submission is left
out of the Schemathesis run (see the test); its named disagreements are tested one by one.
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
from schemathesis.checks import negative_data_rejection, not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.slow  # seconds per test: not in `make check`

Headers = Callable[[str], dict[str, str]]
EXAMPLES = 150


def test_the_schema_states_the_webhook_url_and_idempotency_key_constraints(
    client: TestClient,
) -> None:
    document = client.get("/openapi.json").json()
    create = document["components"]["schemas"]["StoryCreate"]["properties"]["webhook_url"]
    text = next(s for s in create["anyOf"] if s.get("type") == "string")
    assert text["minLength"] >= 8 and text["pattern"].startswith("^")
    submit = document["paths"]["/v1/stories/{story_id}/articles"]["post"]["parameters"]
    key = next(p for p in submit if p["name"] == "Idempotency-Key")
    key_schema = next(s for s in key["schema"]["anyOf"] if s.get("type") == "string")
    assert key_schema["minLength"] == 1 and key_schema["pattern"] == r"\S"


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"name": "s", "webhook_url": ""}, 422),
        ({"name": "s", "webhook_url": "   "}, 422),
        ({"name": "s", "webhook_url": "ftp://hooks.example/q"}, 422),
        ({"name": "s", "webhook_url": "https://hooks.example/q"}, 201),
    ],
)
def test_webhook_urls_are_refused_exactly_where_the_schema_says(
    client: TestClient, auth_headers: Headers, payload: dict[str, Any], status: int
) -> None:
    response = client.post("/v1/stories", json=payload, headers=auth_headers("acme"))
    assert response.status_code == status, response.text


def test_a_blank_idempotency_key_is_a_validation_error(
    client: TestClient, auth_headers: Headers
) -> None:
    headers = auth_headers("acme")
    story_id = client.post("/v1/stories", json={"name": "s"}, headers=headers).json()["id"]
    response = client.post(
        f"/v1/stories/{story_id}/articles",
        json={"articles": [{"source": "0", "text": "The wall will hold."}]},
        headers={**headers, "Idempotency-Key": "   "},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("OPTIONS", "/v1/stories", "GET, POST"),
        ("PATCH", "/v1/stories", "GET, POST"),
        ("PUT", "/v1/keys", "GET, POST"),
        ("PATCH", "/v1/stories/abc/report", "GET"),
    ],
)
def test_a_405_names_every_method_of_the_path(
    client: TestClient, auth_headers: Headers, method: str, path: str, allowed: str
) -> None:
    response = client.request(method, path, headers=auth_headers("acme"))
    assert response.status_code == 405
    assert response.headers["allow"] == allowed


def _address_policy_refusal(response: Any) -> bool:
    """Known gap, like the articles route above: a webhook URL that matches the schema's
    pattern but names a non-public address in one of its many spellings (`http://000000` is
    0.0.0.0) is refused by the address policy (422 `webhook_url_unsafe`, documented in the
    README); no regular expression states "public addresses only". Every other 422 on valid
    data still fails the run."""
    return response.status_code == 422 and "webhook_url_unsafe" in response.text


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_finds_no_disagreement(
    client: TestClient, auth_headers: Headers, mode: GenerationMode
) -> None:
    # Left out: POST .../articles, whose constraints are partly not expressible in the schema
    # (exactly one of text/html/url per article; markup refused in ``text``). Known gap.
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app).exclude(
        method="POST", path="/v1/stories/{story_id}/articles"
    )
    acme = auth_headers("acme")
    story = client.post("/v1/stories", json={"name": "fuzzed"}, headers=acme).json()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=schema.as_strategy(mode), data=st.data())
    def run(case: Any, data: st.DataObject) -> None:
        if (
            case.path_parameters
            and "story_id" in case.path_parameters
            and data.draw(st.booleans(), label="real story")
        ):
            case.path_parameters["story_id"] = story["id"]
        headers = (
            {**acme, "Authorization": "Bearer test-admin-token"}
            if case.path.startswith("/v1/keys")
            else dict(acme)
        )
        response = case.call(headers=headers)
        if mode is GenerationMode.POSITIVE and _address_policy_refusal(response):
            return
        case.validate_response(
            response,
            checks=[not_a_server_error, positive_data_acceptance, negative_data_rejection],
            headers=headers,
        )

    run()
