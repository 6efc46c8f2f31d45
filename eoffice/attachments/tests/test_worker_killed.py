"""A job worker killed mid-job (SIGKILL: out of memory during OCR, a power cut)
loses nothing and duplicates nothing. A real `run_huey` on the embedded SQLite
queue and the test database OCRs a scan; it is killed while Tesseract runs. The
job is then gone from the queue with the file still PENDING (huey takes a job off
before running it); the sweep queues it again, a second worker extracts it, and
a duplicate delivery of the same job writes nothing more."""

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from huey.contrib.djhuey import HUEY
from huey.storage import SqliteStorage

from eoffice.attachments.models import ExtractionStatus, StoredFile
from eoffice.attachments.requeue import requeue_stale_extractions
from eoffice.attachments.tasks import extract_text_task
from eoffice.attachments.tests.test_ocr import SUBJECT, image_bytes, render
from eoffice.conftest import child_database_url
from eoffice.search.vntext import fold

pytestmark = pytest.mark.django_db(transaction=True)

# Stands in for Tesseract in the first worker: says it started reading a page,
# then takes far longer than the test waits. Asking for languages or the version
# goes to the real one.
SLOW_TESSERACT = """#!/bin/sh
case "$1" in --*) exec {real} "$@";; esac
touch {marker}
sleep 120
exec {real} "$@"
"""


def wait_for(condition: Callable[[], object], what: str, log: Path, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen in {timeout:.0f} s; worker log:\n{log.read_text()}")
        time.sleep(0.1)


def finished_extractions(log: Path) -> int:
    """The jobs that returned: huey logs "….extract_text_task: <id> … executed in 1.234s"."""
    return len(set(re.findall(r"extract_text_task: (\S+) .* executed in ", log.read_text())))


def start_worker(tmp_path: Path, log: Path, path: str) -> subprocess.Popen:
    env = os.environ | {
        "DATABASE_URL": child_database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "EOFFICE_TASKS": "sqlite",
        "EOFFICE_VAR_DIR": str(tmp_path),
        "EOFFICE_JOB_WORKERS": "2",
        "EOFFICE_LOG_LEVEL": "INFO",
        "PATH": path,
    }
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "run_huey", "--no-periodic"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kill takes Tesseract with it
    )


def test_a_job_killed_mid_ocr_is_queued_again_and_done_once(tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path / "media")  # where the workers' EOFFICE_VAR_DIR puts it
    data = image_bytes(render(SUBJECT), "PNG")
    sha256 = hashlib.sha256(data).hexdigest()
    stored = StoredFile(sha256=sha256, size=len(data), content_type="image/png", extension="png")
    stored.file.save(sha256, ContentFile(data), save=True)  # no on-commit job: it goes to the worker's queue
    queue = SqliteStorage("eoffice", filename=str(tmp_path / "tasks.sqlite3"))
    queue.enqueue(HUEY.serialize_task(extract_text_task.s(stored.pk)), extract_text_task.task_class.default_priority)

    real = shutil.which("tesseract")
    assert real, "tesseract-ocr is needed"
    slow_bin, marker, log = tmp_path / "slow-bin", tmp_path / "ocr-started", tmp_path / "worker.log"
    slow_bin.mkdir()
    (slow_bin / "tesseract").write_text(SLOW_TESSERACT.format(real=real, marker=marker))
    (slow_bin / "tesseract").chmod(0o755)

    first = start_worker(tmp_path, log, f"{slow_bin}{os.pathsep}{os.environ['PATH']}")
    try:
        wait_for(marker.exists, "the first worker reaching OCR", log)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    # The loss the sweep is for: off the queue, never finished.
    assert queue.queue_size() == 0
    assert StoredFile.objects.get(pk=stored.pk).extraction == ExtractionStatus.PENDING

    # The periodic sweep, run here against the worker's queue (the killed job's lease is in it).
    settings.EOFFICE_JOB_STALE_MINUTES = 0
    monkeypatch.setattr(HUEY, "_immediate", False)
    monkeypatch.setattr(HUEY, "storage", queue)
    assert requeue_stale_extractions(extract_text_task) == 1
    extract_text_task(stored.pk)  # and a duplicate delivery of the same job
    assert queue.queue_size() == 2

    second = start_worker(tmp_path, log, os.environ["PATH"])
    try:
        wait_for(lambda: finished_extractions(log) == 2, "both jobs finishing", log)
    finally:
        second.terminate()
        second.wait(timeout=20)

    stored.refresh_from_db()
    assert stored.extraction == ExtractionStatus.DONE
    assert "thuy xuan" in fold(stored.text)
    assert log.read_text().count(f"Stored file {stored.pk}: text extraction done") == 1
    assert HUEY.get(f"eoffice.extraction.lease.{stored.pk}", peek=True) is None  # released by the job that ran
