"""Marking a record for re-indexing: the keys changed in a transaction are
handed to the indexing job once, after the outermost transaction commits
(never for a rolled-back change). The job: `tasks.index_task` → `indexing.index_keys`."""

from django.conf import settings
from django.db import transaction

from eoffice.search.sources import SOURCES

_FLAG = "_eoffice_search_keys"


def mark(kind: str, pk) -> None:
    """Re-index this record once the current transaction commits."""
    if kind not in SOURCES or settings.EOFFICE_SEARCH_BACKEND == "off":
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _enqueue({(kind, int(pk))})
        return
    outermost = connection.atomic_blocks[0]
    keys = getattr(outermost, _FLAG, None)
    if keys is None:
        keys = set()
        setattr(outermost, _FLAG, keys)
    keys.add((kind, int(pk)))
    # Registered again if a rolled-back savepoint took our callback with it;
    # the keys it leaves behind are re-read from the database, which is harmless.
    if not any(getattr(func, "search_keys", None) is keys for _, func, _ in connection.run_on_commit):
        flush = _flush_for(keys)
        transaction.on_commit(flush)


def _flush_for(keys: set):
    def flush():
        _enqueue(set(keys))

    flush.search_keys = keys  # type: ignore[attr-defined]  # a marker on the callback, found again above
    return flush


def _enqueue(keys: set) -> None:
    from eoffice.search.tasks import index_task

    index_task(sorted(keys))
