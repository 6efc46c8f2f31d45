from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from eoffice.attachments.extraction import stored_file_extract_text
from eoffice.attachments.models import StoredFile
from eoffice.attachments.sweep import sweep


@db_task(retries=2, retry_delay=30)
def extract_text_task(stored_file_id: int) -> None:
    stored = StoredFile.objects.filter(pk=stored_file_id).first()
    if stored is not None:
        stored_file_extract_text(stored_file=stored)


@db_periodic_task(crontab(hour="2", minute="30"))
def sweep_files_task() -> int:
    """Every night: the files rolled-back transactions left in storage, a day old, go."""
    return sweep(delete=True)[0]
