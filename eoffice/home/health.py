"""/healthz and /readyz: what a load balancer or a supervisor asks. Each check
reaches the component for real (a query, a queue count, a storage listing, a
search) and answers within its own time; the answer names only components and
their state, never a host, path or message that would help an attacker."""

import time
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from huey.contrib.djhuey import HUEY

from eoffice.search.backends import Request, get_backend
from eoffice.search.query import parse

Check = Callable[[], None]


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _queue() -> None:
    HUEY.pending_count()  # reaches the queue's storage (SQLite file or Redis)


def _storage() -> None:
    try:
        default_storage.listdir("")
    except FileNotFoundError:  # a new installation's file system storage: created by its first upload
        pass


def _search() -> None:
    get_backend().search(Request(query=parse("healthz"), agency_id=0, principals=frozenset(), limit=1, facets=False))


_schema_current = False  # per process: the code, hence its migrations, cannot change under it


def _migrated() -> None:
    """Loading the migration graph costs ~100 ms; once this process has found
    every migration applied the answer cannot go back, so it is kept."""
    global _schema_current
    if _schema_current:
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("migrations not applied")
    _schema_current = True


HEALTH: dict[str, Check] = {"database": _database, "queue": _queue, "storage": _storage, "search": _search}
READY: dict[str, Check] = {"database": _database, "migrations": _migrated}


def _report(checks: dict[str, Check]) -> JsonResponse:
    results, healthy = {}, True
    for name, check in checks.items():
        started = time.perf_counter()
        try:
            check()
            state = "ok"
        except Exception:  # noqa: BLE001 - whatever the failure, the component is down
            state, healthy = "down", False
        results[name] = {"status": state, "ms": round((time.perf_counter() - started) * 1000, 1)}
    body = {"status": "ok" if healthy else "down", "checks": results}
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness with its dependencies: database, background queue, file storage, search."""
    return _report(HEALTH)


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to take traffic: the database answers and its schema is up to date."""
    return _report(READY)
