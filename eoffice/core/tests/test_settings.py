"""Settings come from the environment; a bad value stops the start with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from eoffice.env import database_from_url, env_bool, env_choice, env_int

ROOT = Path(__file__).resolve().parents[3]


def test_a_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("EOFFICE_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="EOFFICE_DEBUG"):
        env_bool("EOFFICE_DEBUG", False)


def test_a_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("EOFFICE_MAX_UPLOAD_MB", "lots")
    with pytest.raises(ImproperlyConfigured, match="EOFFICE_MAX_UPLOAD_MB"):
        env_int("EOFFICE_MAX_UPLOAD_MB", 50, minimum=1)
    monkeypatch.setenv("EOFFICE_MAX_UPLOAD_MB", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("EOFFICE_MAX_UPLOAD_MB", 50, minimum=1)


def test_a_choice_lists_what_is_allowed(monkeypatch):
    monkeypatch.setenv("EOFFICE_TASKS", "celery")
    with pytest.raises(ImproperlyConfigured, match="immediate, redis, sqlite"):
        env_choice("EOFFICE_TASKS", "sqlite", {"sqlite", "redis", "immediate"})


@pytest.mark.parametrize("url", ["mysql://root@localhost/db", "nonsense"])
def test_only_sqlite_and_postgres_urls_are_accepted(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url("DATABASE_URL", "sqlite:///x.sqlite3")


def test_postgres_urls_are_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eoffice")
    config = database_from_url("DATABASE_URL", "sqlite:///x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql" and config["NAME"] == "eoffice"
    assert config["OPTIONS"]["options"] == "-c jit=off"  # short queries, no compiling


def test_a_postgres_url_may_give_its_own_options(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eoffice?options=-c%20jit%3Don")
    assert database_from_url("DATABASE_URL", "sqlite:///x.sqlite3")["OPTIONS"]["options"] == "-c jit=on"


@pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="PostgreSQL only")
def test_the_connection_runs_without_jit(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_process_refuses_to_start_with_a_bad_value(tmp_path):
    env = {**os.environ, "SECRET_KEY": "x", "EOFFICE_TASKS": "celery", "EOFFICE_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "EOFFICE_TASKS='celery': expected one of immediate, redis, sqlite" in result.stderr


def test_the_process_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "EOFFICE_DEBUG"}}
    env["EOFFICE_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr
