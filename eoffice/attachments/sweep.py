"""Orphan files: bytes in the file storage that no StoredFile row names. A file
is written to storage before its row is saved, inside the caller's transaction;
when that transaction rolls back (a refused package, a failed step), the row goes
and the bytes stay. `orphans()` finds them, `sweep()` deletes those older than a
grace period, long enough that no transaction still under way can own them.
Works with any Django storage that lists directories and tells modification
times (the file system, S3-compatible storage through django-storages)."""

from collections.abc import Iterator
from datetime import timedelta

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from eoffice.attachments.models import StoredFile

ROOT = "files"  # models._upload_path puts every stored file under it
GRACE = timedelta(hours=24)
BATCH = 500


def _walk(storage: Storage, directory: str) -> Iterator[str]:
    if not storage.exists(directory):
        return
    directories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}"
    for sub in directories:
        yield from _walk(storage, f"{directory}/{sub}")


def orphans(*, older_than: timedelta = GRACE, storage: Storage | None = None) -> Iterator[str]:
    """The names in storage no StoredFile holds, last modified before `older_than` ago."""
    storage = storage or default_storage
    cutoff = timezone.now() - older_than
    batch: list[str] = []
    for name in _walk(storage, ROOT):
        batch.append(name)
        if len(batch) == BATCH:
            yield from _unreferenced(storage, batch, cutoff)
            batch = []
    yield from _unreferenced(storage, batch, cutoff)


def _unreferenced(storage: Storage, names: list[str], cutoff) -> Iterator[str]:
    held = set(StoredFile.objects.filter(file__in=names).values_list("file", flat=True))
    for name in names:
        if name not in held and storage.get_modified_time(name) < cutoff:
            yield name


def sweep(*, older_than: timedelta = GRACE, delete: bool = False, storage: Storage | None = None) -> tuple[int, int]:
    """(count, bytes) of the orphans found, deleted when `delete`."""
    storage = storage or default_storage
    count = size = 0
    for name in list(orphans(older_than=older_than, storage=storage)):
        count, size = count + 1, size + storage.size(name)
        if delete:
            storage.delete(name)
    return count, size
