"""Typed readers for settings taken from the environment.

A bad value stops the process at start with a message naming the variable,
instead of failing later at request time.
"""

import ipaddress
import os
from datetime import time
from pathlib import Path
from typing import Any, cast

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected true/false (1/0, yes/no).")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: must be at least {minimum}.")
    return value


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name) or default
    if value not in choices:
        allowed = ", ".join(sorted(choices))
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {allowed}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> tuple:
    """Comma-separated addresses or networks ("10.0.0.5, 10.1.0.0/16")."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network.") from None
    return tuple(networks)


def env_office_hours(name: str, default: str) -> tuple[tuple[time, time], tuple[time, time]]:
    """Office hours as two half-day slots, "07:30-11:30,13:30-17:00": a morning
    and an afternoon, each starting before it ends, the morning first."""
    raw = os.environ.get(name) or default
    try:
        slots = tuple(
            tuple(time.fromisoformat(part.strip()) for part in slot.split("-", 1)) for slot in raw.split(",") if slot.strip()
        )
    except ValueError:
        slots = ()
    valid = len(slots) == 2 and all(len(s) == 2 and s[0] < s[1] for s in slots) and slots[0][1] <= slots[1][0]
    if not valid:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected two slots HH:MM-HH:MM,HH:MM-HH:MM, the morning first.")
    return cast("tuple[tuple[time, time], tuple[time, time]]", slots)  # checked just above


def database_from_url(name: str, default_url: str) -> dict[str, Any]:
    """Parse DATABASE_URL; only SQLite and PostgreSQL are supported."""
    import dj_database_url

    url = os.environ.get(name) or default_url
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ImproperlyConfigured(f"{name}={url!r}: expected sqlite:///path or postgres://user@host:port/db.")
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except Exception as exc:  # dj_database_url raises several kinds
        raise ImproperlyConfigured(f"{name}={url!r}: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        path = config["NAME"]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # IMMEDIATE takes the write lock at BEGIN, so concurrent registrations
        # queue instead of failing with "database is locked" on lock upgrade.
        config["CONN_MAX_AGE"] = 0
        # A file, not shared-cache memory: concurrency tests need real locking.
        if path and path != ":memory:":
            config["TEST"] = {"NAME": str(Path(path).with_name("test_" + Path(path).name))}
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    if config["ENGINE"] == "django.db.backends.postgresql":
        # A connection kept between requests is checked before reuse: after a database
        # restart the next request reconnects instead of failing on the dead socket.
        config["CONN_HEALTH_CHECKS"] = True
        # No JIT compiling: the estimates of the lists' ORs pass jit_above_cost, and
        # compiling takes 40-50 ms for queries that run in 5 (home page, 1M documents).
        # A URL that gives ?options=... keeps its own.
        config.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return cast("dict[str, Any]", config)
