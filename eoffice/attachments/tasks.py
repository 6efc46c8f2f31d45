from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from eoffice.attachments.extraction import extract_pending
from eoffice.attachments.requeue import release_lease, requeue_stale_extractions, take_lease
from eoffice.attachments.sweep import sweep

# Below the other jobs (priority 0): a queue of scans to OCR, minutes each, must
# not hold back the short jobs (search indexing, mail) queued behind it.
EXTRACTION_PRIORITY = -10


@db_task(retries=2, retry_delay=30, priority=EXTRACTION_PRIORITY)
def extract_text_task(stored_file_id: int) -> None:
    take_lease(stored_file_id)
    try:
        extract_pending(stored_file_id)
    finally:  # not reached in a worker killed mid-job: the sweep waits out the stale period
        release_lease(stored_file_id)


@db_periodic_task(crontab(minute="*/5"))
def requeue_extractions_task() -> int:
    """Every 5 minutes: the extractions whose worker died are queued again."""
    return requeue_stale_extractions(extract_text_task)


@db_periodic_task(crontab(hour="2", minute="30"))
def sweep_files_task() -> int:
    """Every night: the files rolled-back transactions left in storage, a day old, go."""
    return sweep(delete=True)[0]
