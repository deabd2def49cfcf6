"""Name fields (a key's tenant, a story's name, an article's source) share one rule.

Each is stored without surrounding spaces and refused when blank, with a message that names
the field the client got wrong.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from api.schemas.articles import ArticleBatch
from api.schemas.keys import KeyCreate
from api.schemas.stories import StoryCreate

# (model, the name field, the request body made around a value of that field)
NAMED: list[tuple[type[BaseModel], str, Any]] = [
    (KeyCreate, "tenant", lambda v: {"tenant": v}),
    (StoryCreate, "name", lambda v: {"name": v}),
    (ArticleBatch, "source", lambda v: {"articles": [{"source": v, "text": "t"}]}),
]


def _value(model: BaseModel, field: str) -> Any:
    if isinstance(model, ArticleBatch):
        return getattr(model.articles[0], field)
    return getattr(model, field)


@pytest.mark.parametrize(("model", "field", "body"), NAMED)
def test_a_name_is_stored_without_surrounding_spaces(
    model: type[BaseModel], field: str, body: Any
) -> None:
    assert _value(model.model_validate(body("  Tarnwick Gazette \t")), field) == "Tarnwick Gazette"


@pytest.mark.parametrize(("model", "field", "body"), NAMED)
@pytest.mark.parametrize("blank", [" ", "\t\n"])
def test_a_blank_name_is_refused_naming_the_field(
    model: type[BaseModel], field: str, body: Any, blank: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(body(blank))
    [error] = caught.value.errors()
    assert error["loc"][-1] == field
    assert f"{field} must not be empty or whitespace only" in error["msg"]
