"""The production recipe (deploy/kubernetes/) is valid Kubernetes 1.27, offline, and says what
an operator relies on: probes on every server, stickiness for /socket.io, nothing secret in
clear outside the placeholders, the same image and settings for every component."""
from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "deploy" / "kubernetes").glob("*.yaml"))
DOCS = [(path.name, doc) for path in FILES for doc in yaml.safe_load_all(path.read_text()) if doc]


def by_kind(kind: str) -> dict:
    return {doc["metadata"]["name"]: doc for _, doc in DOCS if doc["kind"] == kind}


@pytest.mark.parametrize("name,doc", DOCS, ids=[f"{n}:{d['kind']}/{d['metadata']['name']}"
                                                  for n, d in DOCS])
def test_every_manifest_is_valid_kubernetes_1_27(name, doc):
    kubernetes_validate.validate(doc, "1.27", strict=True)


def test_the_recipe_has_every_part_the_cluster_needs():
    deployments = by_kind("Deployment")
    assert {"assistant-rasa", "assistant-actions", "assistant-web"} <= set(deployments)
    assert {"assistant-rasa", "assistant-actions", "assistant-web", "assistant-postgresql",
            "assistant-redis"} <= set(by_kind("Service"))
    assert "assistant-migrate" in by_kind("Job")
    assert by_kind("ConfigMap") and by_kind("Secret")


def test_every_server_has_readiness_and_liveness_probes_on_its_health_route():
    for name, deployment in by_kind("Deployment").items():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            for probe in ("readinessProbe", "livenessProbe"):
                assert container[probe]["httpGet"]["path"] in ("/", "/health"), (name, probe)
            assert container["resources"]["limits"]["memory"], name


def test_socketio_is_sticky_and_reaches_rasa():
    ingress = by_kind("Ingress")["assistant-socketio"]
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    path = ingress["spec"]["rules"][0]["http"]["paths"][0]
    assert path["path"] == "/socket.io"
    assert path["backend"]["service"]["name"] == "assistant-rasa"


def test_rasas_http_api_is_not_published():
    published = [p["path"] for i in by_kind("Ingress").values()
                 for r in i["spec"]["rules"] for p in r["http"]["paths"]
                 if p["backend"]["service"]["name"] == "assistant-rasa"]
    assert published and all(p in ("/socket.io", "/webhooks") for p in published)


def test_secrets_are_placeholders_and_pods_read_settings_from_them():
    for secret in by_kind("Secret").values():
        for key, value in secret.get("stringData", {}).items():
            assert value == "" or "CHANGE_ME" in value or "example" in value \
                or value.startswith("redis://") or "integrations" in value, key
    for deployment in by_kind("Deployment").values():
        sources = deployment["spec"]["template"]["spec"]["containers"][0]["envFrom"]
        assert {"configMapRef", "secretRef"} <= {k for s in sources for k in s}
