"""The OpenAPI document carries request and response examples, and every one is valid.

A client copies these examples; one that its own schema refuses would teach a 422. Each
example found anywhere in ``/openapi.json`` is validated against the schema it illustrates
(formats included), request examples also against the pydantic model the route validates
with, and the main operations must each show an example of their request and their answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from api.schemas.articles import ArticleBatch
from api.schemas.keys import KeyCreate
from api.schemas.shares import ShareCreate
from api.schemas.stories import StoryCreate

# (method, path, request model or None, success status): the operations that must show examples.
DOCUMENTED = [
    ("post", "/v1/stories", StoryCreate, "201"),
    ("post", "/v1/stories/{story_id}/articles", ArticleBatch, "202"),
    ("post", "/v1/keys", KeyCreate, "201"),
    ("post", "/v1/stories/{story_id}/share", ShareCreate, "201"),
    ("get", "/v1/stories/{story_id}", None, "200"),
]


@pytest.fixture
def spec(client: TestClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def _validate(spec: dict[str, Any], schema: dict[str, Any], value: Any, where: str) -> None:
    # The whole document is the root, so that ``#/components/schemas/...`` references resolve.
    root = {**spec, **{k: v for k, v in schema.items() if k != "examples"}}
    validator = jsonschema.Draft202012Validator(root, format_checker=jsonschema.FormatChecker())
    errors = [error.message for error in validator.iter_errors(value)]
    assert errors == [], f"{where}: {errors}"


def _schema_examples(node: Any, where: str) -> Iterator[tuple[dict[str, Any], Any, str]]:
    """Every ``examples`` list in a schema (the model's or a field's), with its schema."""
    if isinstance(node, dict):
        if isinstance(node.get("examples"), list):
            for n, example in enumerate(node["examples"]):
                yield node, example, f"{where} example {n}"
        for key, child in node.items():
            if key != "examples":
                yield from _schema_examples(child, f"{where}/{key}")
    elif isinstance(node, list):
        for n, child in enumerate(node):
            yield from _schema_examples(child, f"{where}/{n}")


def _media(operation: dict[str, Any], status: str | None) -> dict[str, Any]:
    holder = operation.get("requestBody") if status is None else operation["responses"][status]
    media: dict[str, Any] = (holder or {}).get("content", {}).get("application/json", {})
    return media


def _media_examples(media: dict[str, Any]) -> list[Any]:
    found = [e["value"] for e in media.get("examples", {}).values()]
    return found + ([media["example"]] if "example" in media else [])


def _referenced_examples(spec: dict[str, Any], schema: dict[str, Any]) -> list[Any]:
    """Examples of the model a media schema names (directly or as one of ``anyOf``)."""
    refs = [schema.get("$ref")] + [s.get("$ref") for s in schema.get("anyOf", [])]
    found: list[Any] = []
    for ref in filter(None, refs):
        found += spec["components"]["schemas"][ref.rsplit("/", 1)[1]].get("examples", [])
    return found


def test_every_schema_example_is_valid(spec: dict[str, Any]) -> None:
    found = list(_schema_examples(spec["components"]["schemas"], "#/components/schemas"))
    assert found, "no examples in the components"
    for schema, example, where in found:
        _validate(spec, schema, example, where)


def test_every_operation_example_is_valid(spec: dict[str, Any]) -> None:
    count = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            bodies = [("request", operation.get("requestBody") or {})] + [
                (status, answer) for status, answer in operation.get("responses", {}).items()
            ]
            for name, holder in bodies:
                for media_type, media in holder.get("content", {}).items():
                    for example in _media_examples(media):
                        count += 1
                        where = f"{method.upper()} {path} {name} {media_type}"
                        _validate(spec, media.get("schema", {}), example, where)
    assert count > 0, "no request or response examples at all"


@pytest.mark.parametrize(("method", "path", "model", "ok"), DOCUMENTED)
def test_main_operations_show_a_request_and_an_answer(
    spec: dict[str, Any], method: str, path: str, model: type[BaseModel] | None, ok: str
) -> None:
    operation = spec["paths"][path][method]
    answer = _media(operation, ok)
    assert _media_examples(answer) or _referenced_examples(spec, answer["schema"]), (
        f"{method.upper()} {path}: no example of the {ok} answer"
    )
    if model is None:
        return
    request = _media(operation, None)
    examples = _media_examples(request) or _referenced_examples(spec, request["schema"])
    assert examples, f"{method.upper()} {path}: no request example"
    for example in examples:
        model.model_validate(example)  # what the route itself accepts


def test_articles_are_shown_as_text_html_and_url(spec: dict[str, Any]) -> None:
    request = _media(spec["paths"]["/v1/stories/{story_id}/articles"]["post"], None)
    given = {
        ArticleBatch.model_validate(example).articles[0].submitted_as
        for example in _media_examples(request)
    }
    assert given == {"text", "html", "url"}
