"""At-least-once text extraction. Huey takes a job off its queue before running
it (SQLite and Redis alike), so a worker killed mid-job (out of memory during
OCR, a redeploy, a power cut) loses it and the file stays PENDING for good.

The periodic sweep (tasks.requeue_extractions_task) queues again each file
still PENDING EOFFICE_JOB_STALE_MINUTES after it was stored, as the exchange's
sends are picked up again when their lease runs out (exchange/sending.py). The
lease here is a mark in huey's own key/value store, written when a job starts
or is queued again: a file is queued again at most once per stale period, and
not while a job for it started within that period is still running. The job is
idempotent (extraction.py), so a file queued again whose first job was only
slow is extracted once."""

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from eoffice.attachments.models import ExtractionStatus, StoredFile

logger = logging.getLogger(__name__)
BATCH = 500  # per sweep: a backlog is queued over several sweeps, not all at once


def _lease_key(stored_file_id: int) -> str:
    return f"eoffice.extraction.lease.{stored_file_id}"


def take_lease(stored_file_id: int) -> None:
    """A job for this file is queued or running as of now."""
    HUEY.put(_lease_key(stored_file_id), time.time())


def release_lease(stored_file_id: int) -> None:
    HUEY.delete(_lease_key(stored_file_id))


def _leased_since(stored_file_id: int) -> float | None:
    return HUEY.get(_lease_key(stored_file_id), peek=True)


def requeue_stale_extractions(enqueue: Callable[[int], object]) -> int:
    """Queue again (with `enqueue`: the extraction job, tasks.py) the files still
    PENDING after the stale period and not leased within it; returns how many."""
    stale = timedelta(minutes=settings.EOFFICE_JOB_STALE_MINUTES)
    cutoff = timezone.now() - stale
    rows = StoredFile.objects.filter(extraction=ExtractionStatus.PENDING, created_at__lte=cutoff)
    queued = 0
    for pk in rows.order_by("pk").values_list("pk", flat=True)[:BATCH]:
        since = _leased_since(pk)
        if since is not None and since > cutoff.timestamp():
            continue
        take_lease(pk)
        enqueue(pk)
        queued += 1
    if queued:
        logger.warning("Text extraction queued again for %d stored files still pending", queued)
    return queued
