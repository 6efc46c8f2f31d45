import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from eoffice.attachments.models import ExtractionStatus
from eoffice.attachments.services import stored_file_create
from eoffice.attachments.tests.test_extract_text import CONG_VAN_PDF


@pytest.mark.django_db
def test_failed_files_are_extracted_again(capsys):
    stored = stored_file_create(upload=ContentFile(CONG_VAN_PDF, name="cong-van.pdf"))
    stored.extraction, stored.text = ExtractionStatus.FAILED, ""
    stored.save()
    call_command("extract_text", "--failed")
    stored.refresh_from_db()
    assert stored.extraction == ExtractionStatus.DONE and stored.text
    assert "1 tệp: 1 thành công" in capsys.readouterr().out
