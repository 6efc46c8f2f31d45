"""Two eOffice installations talking, for real: two databases (SQLite files, or
two PostgreSQL databases when the suite runs on PostgreSQL), two server
processes on 127.0.0.1, the `http` transport between them with a token each
way; then the `directory` transport through shared folders.

The story: the Văn phòng UBND issues a Công văn to Bộ Xây dựng; the package
arrives (01 comes back), the registry registers it (03, 04), the leader assigns
it (05), the unit completes it (06); the sender's page shows 01 → 03 → 04 → 05 →
06 for that recipient. A repeat of the package makes no second document. The
sender recalls it; the registry accepts the recall (the document is withdrawn)
and 15 comes back."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from eoffice.exchange.tests.installation import RECEIVER, SENDER

ROOT = Path(settings.BASE_DIR)
ENDPOINT = "/api/v1/exchange/packages/"


@dataclass
class Installation:
    name: str
    var: Path
    database_url: str
    port: int = 0
    server: subprocess.Popen | None = None
    env: dict[str, str] = field(default_factory=dict)

    def environment(self, **overrides: str) -> dict[str, str]:
        return {**self.env, **overrides}

    def manage(self, *args: str, **env: str) -> str:
        command = [sys.executable, "manage.py", *args]
        done = subprocess.run(command, cwd=ROOT, env=self.environment(**env), capture_output=True, text=True)  # noqa: S603
        assert done.returncode == 0, f"{self.name} manage.py {args[0]}: {done.stderr[-3000:]}"
        return done.stdout

    def run(self, step: str, env: dict[str, str] | None = None, **arguments) -> dict:
        command = [sys.executable, "-m", "eoffice.exchange.tests.installation", step, json.dumps(arguments)]
        done = subprocess.run(command, cwd=ROOT, env=self.environment(**(env or {})), capture_output=True, text=True)  # noqa: S603
        assert done.returncode == 0, f"{self.name} {step}: {done.stderr[-3000:]}"
        return json.loads(done.stdout.strip().splitlines()[-1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{ENDPOINT}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_urls(tmp_path: Path) -> tuple[list[str], list[str]]:
    """Two database URLs of the suite's engine, and the PostgreSQL databases to drop after."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return [f"sqlite:///{tmp_path / name / 'eoffice.sqlite3'}" for name in ("a", "b")], []
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = [f"eoffice_two_{name}_{os.getpid()}" for name in ("a", "b")]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    return [f"{base}/{name}" for name in names], names


def drop(names: list[str]) -> None:
    if not names:
        return
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until_serving(installation: Installation) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert installation.server is not None and installation.server.poll() is None, f"{installation.name} stopped"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{installation.port}/dang-nhap/", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{installation.name} did not start serving")


@pytest.fixture
def pair(tmp_path) -> Iterator[tuple[Installation, Installation]]:
    urls, databases = database_urls(tmp_path)
    sender, receiver = (Installation(name, tmp_path / name, url) for name, url in zip(("a", "b"), urls, strict=True))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("EOFFICE_", "DATABASE_URL", "PYTEST_", "DJANGO_"))}
    for one in (sender, receiver):
        one.var.mkdir()
        one.port = free_port()
        one.env = base | {
            "SECRET_KEY": secrets.token_hex(16),
            "EOFFICE_VAR_DIR": str(one.var),
            "DATABASE_URL": one.database_url,
            "EOFFICE_TASKS": "immediate",  # jobs run inline: each send happens in the process that committed
            "EOFFICE_EXCHANGE_TRANSPORT": "http",
            "EOFFICE_DEBUG": "0",
        }
    try:
        migrations = [
            subprocess.Popen([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=one.env) for one in (sender, receiver)
        ]
        assert [m.wait(timeout=300) for m in migrations] == [0, 0]
        sender.run("seed_sender")
        receiver.run("seed_receiver")
        to_sender, to_receiver = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        # "--option=value": a URL-safe token may start with "-", which argparse would take for an option.
        sender.manage(
            "exchange_peer", "Bộ Xây dựng", f"--url={receiver.url}", f"--routes={RECEIVER}",
            f"--send-token={to_receiver}", f"--receive-token={to_sender}",
        )  # fmt: skip
        receiver.manage(
            "exchange_peer", "Văn phòng UBND", f"--url={sender.url}", f"--routes={SENDER}",
            f"--send-token={to_sender}", f"--receive-token={to_receiver}",
        )  # fmt: skip
        for one in (sender, receiver):
            command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{one.port}", "--noreload", "--insecure"]
            with (one.var / "server.log").open("w") as log:  # the child keeps its own descriptor
                one.server = subprocess.Popen(command, cwd=ROOT, env=one.env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        for one in (sender, receiver):
            wait_until_serving(one)
        yield sender, receiver
    finally:
        for one in (sender, receiver):
            if one.server is not None:
                one.server.terminate()
                one.server.wait(timeout=30)
        drop(databases)


def test_two_installations_exchange_a_document_and_its_statuses(pair):
    sender, receiver = pair
    issued = sender.run("issue", subject="Về việc kiểm tra công trình xây dựng trên địa bàn")
    assert sender.run("sender_view", document=issued["document"]) == {"delivery": "sent", "dispatch": "sent", "statuses": ["01"]}

    (package,) = receiver.run("packages")["packages"]
    assert (package["state"], package["transport"]) == ("received", "http")
    assert package["subject"] == "Về việc kiểm tra công trình xây dựng trên địa bàn"
    registered = receiver.run("register", package=package["id"])
    assert registered["arrival_number"] >= 1
    assert sender.run("sender_view", document=issued["document"])["statuses"] == ["01", "03", "04"]
    receiver.run("direct", document=registered["document"])
    receiver.run("complete", document=registered["document"])
    assert sender.run("sender_view", document=issued["document"])["statuses"] == ["01", "03", "04", "05", "06"]

    assert sender.run("send_again", document=issued["document"]) == {"state": "sent"}  # answered as a duplicate
    assert len(receiver.run("packages")["packages"]) == 1

    sender.run("recall", document=issued["document"], reason="Ban hành nhầm nơi nhận")
    request = receiver.run("packages")["packages"][-1]
    assert (request["business_doc_type"], request["state"]) == (1, "received")
    assert receiver.run("accept_recall", package=request["id"]) == {"state": "accepted", "document_status": "recalled"}
    assert sender.run("sender_view", document=issued["document"])["statuses"][-1] == "15"

    # The directory transport: each one's outbox is the other's inbox.
    a_inbox, b_inbox = sender.var / "exchange" / "inbox", receiver.var / "exchange" / "inbox"
    to_b = {"EOFFICE_EXCHANGE_TRANSPORT": "outbox", "EOFFICE_EXCHANGE_OUTBOX_DIR": str(b_inbox)}
    to_a = {"EOFFICE_EXCHANGE_TRANSPORT": "outbox", "EOFFICE_EXCHANGE_OUTBOX_DIR": str(a_inbox)}
    second = sender.run("issue", env=to_b, subject="Về việc báo cáo tiến độ dự án")
    assert receiver.run("poll_inbox", env=to_a) == {"received": 1}
    assert [(p["transport"], p["state"]) for p in receiver.run("packages")["packages"]][-1] == ("directory", "received")
    assert sender.run("poll_inbox") == {"received": 1}  # the 01 status
    assert sender.run("sender_view", document=second["document"])["statuses"] == ["01"]
    assert not list((b_inbox / "failed").iterdir()) and not list((a_inbox / "failed").iterdir())
