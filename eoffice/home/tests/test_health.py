"""/healthz and /readyz: each component reached for real; one down makes 503,
naming the component and nothing else."""

import pytest

from eoffice.home import health

pytestmark = pytest.mark.django_db


def test_all_components_up_answers_200_with_each_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "queue": "ok",
        "storage": "ok",
        "search": "ok",
    }


def test_a_new_installation_without_files_yet_is_healthy(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "not-created-yet")  # the first upload creates it
    assert client.get("/healthz").json()["checks"]["storage"]["status"] == "ok"


def test_a_component_down_answers_503_and_says_which_without_details(client, monkeypatch):
    def broken():
        raise OSError("/srv/eoffice/media: Permission denied")

    monkeypatch.setitem(health.HEALTH, "storage", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["status"] == "down" and response.json()["checks"]["database"]["status"] == "ok"
    assert "Permission" not in response.content.decode() and "/srv" not in response.content.decode()


def test_ready_once_migrated(client, monkeypatch):
    monkeypatch.setattr(health, "_schema_current", False)
    ready = client.get("/readyz")
    assert ready.status_code == 200 and [(n, c["status"]) for n, c in ready.json()["checks"].items()] == [
        ("database", "ok"),
        ("migrations", "ok"),
    ]

    class Unmigrated:
        def __init__(self, connection):
            self.loader = type("L", (), {"graph": type("G", (), {"leaf_nodes": lambda self: []})()})()

        def migration_plan(self, targets):
            return [("copies", "0002_pending")]

    monkeypatch.setattr(health, "MigrationExecutor", Unmigrated)
    assert client.get("/readyz").status_code == 200  # this process already found the schema current
    monkeypatch.setattr(health, "_schema_current", False)  # a process started before migrate ran
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["migrations"]["status"] == "down"


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
