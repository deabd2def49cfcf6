"""Settings: every variable is documented in .env.example, and it round-trips."""

from __future__ import annotations

import re
from pathlib import Path

from worker.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def _documented() -> dict[str, str]:
    pairs = re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", EXAMPLE.read_text(), flags=re.MULTILINE)
    return dict(pairs)


def test_every_setting_is_in_env_example_and_nothing_else_is() -> None:
    assert set(_documented()) == {name.upper() for name in Settings.model_fields}


def test_the_example_values_parse() -> None:
    values = {name.lower(): value for name, value in _documented().items() if value}
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    assert settings.quotelens_queue == "quotelens"
    assert settings.quotelens_preload_model is True
