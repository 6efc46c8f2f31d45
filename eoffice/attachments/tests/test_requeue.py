"""At-least-once text extraction: the sweep queues again the files a killed worker
left PENDING, a duplicate run neither overwrites nor repeats the first, and the
long extraction jobs leave the queue after the short ones."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage, SqliteStorage

from eoffice.attachments.extraction import extract_pending, stored_file_extract_text
from eoffice.attachments.models import ExtractionStatus, StoredFile
from eoffice.attachments.requeue import release_lease, requeue_stale_extractions, take_lease
from eoffice.attachments.services import stored_file_create
from eoffice.attachments.tasks import extract_text_task
from eoffice.attachments.tests.test_extract_text import CONG_VAN_PDF
from eoffice.notifications.tasks import send_immediate_task
from eoffice.onestop.tasks import submission_email_task
from eoffice.search.tasks import index_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def left_pending(age: timedelta = timedelta(hours=1)) -> StoredFile:
    """A file whose job was lost: stored (the on-commit job never runs in these
    tests), still PENDING, `age` old."""
    stored = stored_file_create(upload=SimpleUploadedFile("cong-van.pdf", CONG_VAN_PDF))
    StoredFile.objects.filter(pk=stored.pk).update(created_at=timezone.now() - age)
    assert StoredFile.objects.get(pk=stored.pk).extraction == ExtractionStatus.PENDING
    return stored


def test_a_file_left_pending_is_queued_again_and_extracted(settings):
    stored = left_pending()
    settings.EOFFICE_JOB_STALE_MINUTES = 15
    assert requeue_stale_extractions(extract_text_task) == 1  # immediate mode: the job ran
    stored.refresh_from_db()
    assert stored.extraction == ExtractionStatus.DONE and "Cong van so 125" in stored.text
    assert requeue_stale_extractions(extract_text_task) == 0


def test_a_file_younger_than_the_stale_period_is_left_to_its_job(settings):
    left_pending(age=timedelta(minutes=5))
    settings.EOFFICE_JOB_STALE_MINUTES = 15
    assert requeue_stale_extractions(extract_text_task) == 0


def test_a_file_whose_job_started_within_the_stale_period_is_not_queued_twice(settings):
    stored = left_pending()
    settings.EOFFICE_JOB_STALE_MINUTES = 15
    take_lease(stored.pk)  # a worker is on it (a long OCR)
    try:
        assert requeue_stale_extractions(extract_text_task) == 0
    finally:
        release_lease(stored.pk)
    assert requeue_stale_extractions(extract_text_task) == 1


def test_a_stale_period_of_zero_queues_every_pending_file_at_once(settings):
    stored = left_pending(age=timedelta(0))
    settings.EOFFICE_JOB_STALE_MINUTES = 0
    assert requeue_stale_extractions(extract_text_task) == 1
    assert StoredFile.objects.get(pk=stored.pk).extraction == ExtractionStatus.DONE


def test_a_second_run_of_the_same_file_neither_overwrites_nor_repeats():
    """Two runs that read the file while PENDING (a duplicate delivered while the
    first was running): the first to finish writes, the second drops its result,
    and the search index hears of the new text once."""
    stored = left_pending()
    first, second = StoredFile.objects.get(pk=stored.pk), StoredFile.objects.get(pk=stored.pk)
    heard = []

    def receiver(sender, instance, update_fields=None, **kwargs):
        heard.append(update_fields)

    post_save.connect(receiver, sender=StoredFile)
    try:
        stored_file_extract_text(stored_file=first)
        # Marked, to tell the first run's text from what the second would write.
        StoredFile.objects.filter(pk=stored.pk).update(text="văn bản của lần chạy đầu")
        late = stored_file_extract_text(stored_file=second)
    finally:
        post_save.disconnect(receiver, sender=StoredFile)
    assert heard == [frozenset({"text", "extraction"})]
    assert (late.extraction, late.text) == (ExtractionStatus.DONE, "văn bản của lần chạy đầu")
    assert StoredFile.objects.get(pk=stored.pk).text == "văn bản của lần chạy đầu"


def test_the_job_skips_a_file_no_longer_pending():
    stored = left_pending()
    StoredFile.objects.filter(pk=stored.pk).update(extraction=ExtractionStatus.DONE, text="đã có")
    assert extract_pending(stored.pk) is None
    extract_text_task(stored.pk)
    assert StoredFile.objects.get(pk=stored.pk).text == "đã có"


@pytest.mark.parametrize("storage", ["sqlite", "memory"])
def test_the_short_jobs_leave_the_queue_before_a_waiting_extraction(storage, tmp_path):
    """Huey's queues in non-immediate mode: the OCR job queued first still goes last."""
    queue = (
        SqliteStorage("priority-test", filename=str(tmp_path / "tasks.sqlite3"))
        if storage == "sqlite"
        else MemoryStorage("priority-test")
    )
    for task in (
        extract_text_task.s(1),
        index_task.s([["incoming", 1]]),
        send_immediate_task.s([1]),
        submission_email_task.s(1),
    ):
        queue.enqueue(HUEY.serialize_task(task), task.priority)
    order = [HUEY.deserialize_task(queue.dequeue()).name for _ in range(4)]
    assert order[-1] == extract_text_task.task_class.__name__
    assert order[:3] == ["index_task", "send_immediate_task", "submission_email_task"]
