"""Settings: every variable is documented in .env.example, and it round-trips."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

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


@pytest.mark.parametrize(
    ("values", "first", "second"),
    [
        ({"reconcile_after_seconds": 100}, "RECONCILE_AFTER_SECONDS", "TASK_TIME_LIMIT_SECONDS"),
        (
            {"task_soft_time_limit_seconds": 300, "task_time_limit_seconds": 300},
            "TASK_TIME_LIMIT_SECONDS",
            "TASK_SOFT_TIME_LIMIT_SECONDS",
        ),
        (
            {"fetch_timeout_seconds": 250},
            "TASK_SOFT_TIME_LIMIT_SECONDS",
            "FETCH_TIMEOUT_SECONDS",
        ),
        (
            {"webhook_timeout_seconds": 240},
            "TASK_SOFT_TIME_LIMIT_SECONDS",
            "WEBHOOK_TIMEOUT_SECONDS",
        ),
        (
            {"task_time_limit_seconds": 4000, "reconcile_after_seconds": 5000},
            "VISIBILITY_TIMEOUT_SECONDS",
            "TASK_TIME_LIMIT_SECONDS",
        ),
        ({"max_html_bytes": 20_000_000}, "MAX_BODY_BYTES", "MAX_HTML_BYTES"),
    ],
)
def test_settings_that_contradict_each_other_refuse_to_start(
    values: dict[str, float], first: str, second: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, **values)  # type: ignore[arg-type]
    message = str(caught.value)
    assert re.search(rf"{first} \([\d.e+]+\) must .* {second} \([\d.e+]+\)", message), message


@pytest.mark.subprocess
def test_a_contradiction_from_the_environment_stops_the_worker_app(tmp_path: Path) -> None:
    env = {**os.environ, "RECONCILE_AFTER_SECONDS": "60", "PYTHONPATH": str(EXAMPLE.parent)}
    run = subprocess.run(
        [sys.executable, "-c", "import worker.celery_app"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "RECONCILE_AFTER_SECONDS (60) must exceed TASK_TIME_LIMIT_SECONDS (300)" in run.stderr
