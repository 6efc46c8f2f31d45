"""`manage.py backup` on one installation, `manage.py restore` into a new one,
each in its own processes, database (SQLite files, or PostgreSQL databases
when the suite runs on PostgreSQL) and var folder: the documents, their
numbers and files, the secret key and the signing keys come back, and the
numbering and the audit chain go on where they stopped."""

import json
import os
import secrets
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@dataclass
class Installation:
    var: Path
    env: dict[str, str]

    def manage(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True)  # noqa: S603
        assert done.returncode == 0, f"manage.py {args[0]}: {done.stderr[-3000:]}"
        return done.stdout

    def run(self, step: str) -> dict:
        command = [sys.executable, "-m", "eoffice.backup.tests.installation", step]
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)  # noqa: S603
        assert done.returncode == 0, f"{step}: {done.stderr[-3000:]}"
        return json.loads(done.stdout.strip().splitlines()[-1])


def on_postgres() -> bool:
    return not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def postgres(sql: str) -> None:
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture
def installations(tmp_path) -> Iterator[tuple[Installation, Installation]]:
    """Two installations on the suite's database engine, migrated and empty:
    the new one's database a copy of the old one's just after `migrate`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("EOFFICE_", "DATABASE_URL", "PYTEST_", "DJANGO_"))}
    names = [f"eoffice_bk_{secrets.token_hex(4)}_{side}" for side in ("old", "new")]
    pair = []
    for name in names:
        var = tmp_path / name
        var.mkdir()
        if on_postgres():
            url = f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{name}"
        else:
            url = f"sqlite:///{var / 'eoffice.sqlite3'}"
        env = {"SECRET_KEY": secrets.token_urlsafe(40), "EOFFICE_VAR_DIR": str(var), "DATABASE_URL": url}
        pair.append(Installation(var, base | env | {"EOFFICE_TASKS": "immediate", "EOFFICE_DEBUG": "0"}))
    old, new = pair
    try:
        if on_postgres():
            postgres(f'CREATE DATABASE "{names[0]}"')
        old.manage("migrate", "-v0")
        if on_postgres():
            postgres(f'CREATE DATABASE "{names[1]}" TEMPLATE "{names[0]}"')
        else:
            with (
                closing(sqlite3.connect(old.var / "eoffice.sqlite3")) as source,
                closing(sqlite3.connect(new.var / "eoffice.sqlite3")) as copy,
            ):
                source.backup(copy)
        yield old, new
    finally:
        if on_postgres():
            for name in names:
                postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def private_files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root: its bytes and its permission bits."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_a_restored_installation_has_the_documents_files_keys_and_numbering_of_the_old_one(installations, tmp_path):
    old, new = installations
    before = old.run("seed")
    assert [document["number"] for document in before["documents"]] == [1, 2, 3]
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("một cụm mật khẩu đủ dài\n")
    archive = tmp_path / "eoffice.tar.gz"

    old.manage("backup", f"--output={archive}", f"--passphrase-file={passphrase}")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    new.manage("restore", str(archive), f"--passphrase-file={passphrase}")

    key_file = new.var / "secret_key"
    assert key_file.read_text() == old.env["SECRET_KEY"] + "\n"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    restored_pki = private_files(new.var / "pki")
    assert {name: content for name, (content, _) in restored_pki.items()} == {
        name: content for name, (content, _) in private_files(old.var / "pki").items()
    }
    assert any(name.endswith(".key.pem") for name in restored_pki)
    assert {mode for _, mode in restored_pki.values()} == {0o600}

    new.env["SECRET_KEY"] = key_file.read_text().strip()  # restarted with the restored key, as the command says
    assert new.run("describe") == before
    assert new.run("register_next") == {"number": 4}  # also runs audit_verify before and after
