"""Keeping the index consistent with the database: records changed in a
transaction are re-indexed by a job after it commits (never for a rolled-back
change), `search_repair` finds and fixes drift, `search_rebuild` starts over."""

import hashlib
import json

from django.conf import settings
from django.db import transaction

from eoffice.search.sources import SOURCES, Entry

_FLAG = "_eoffice_search_keys"
BATCH = 500


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


def fingerprint(entry: Entry) -> str:
    """Changes whenever anything the index holds for the record changes."""
    data = {k: v for k, v in entry.__dict__.items() if k != "extra"}
    data["principals"] = sorted(entry.principals)
    return hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode()).hexdigest()[:16]


def entries_for(kind: str, pks) -> tuple[list[Entry], set[int]]:
    """(entries of the records that exist, pks that no longer do)."""
    source = SOURCES[kind]
    records = list(source.queryset().filter(pk__in=pks))
    found = {record.pk for record in records}
    return [source.entry(record) for record in records], set(pks) - found


def index_keys(keys) -> int:
    """Write the records to the index, drop the deleted ones; returns how many written."""
    from eoffice.search.backends import get_backend

    backend = get_backend()
    by_kind: dict[str, list[int]] = {}
    for kind, pk in keys:
        by_kind.setdefault(kind, []).append(pk)
    written = 0
    for kind, pks in by_kind.items():
        for start in range(0, len(pks), BATCH):  # a repair may hand over a million
            entries, gone = entries_for(kind, pks[start : start + BATCH])
            backend.upsert([(entry, fingerprint(entry)) for entry in entries])
            backend.delete([f"{kind}:{pk}" for pk in gone])
            written += len(entries)
    return written
