from huey.contrib.djhuey import db_task

from eoffice.attachments.extraction import stored_file_extract_text
from eoffice.attachments.models import StoredFile


@db_task(retries=2, retry_delay=30)
def extract_text_task(stored_file_id: int) -> None:
    stored = StoredFile.objects.filter(pk=stored_file_id).first()
    if stored is not None:
        stored_file_extract_text(stored_file=stored)
