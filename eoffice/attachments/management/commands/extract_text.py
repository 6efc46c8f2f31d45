"""python manage.py extract_text --failed — extract (and OCR) again the files
whose extraction failed, e.g. before tesseract-ocr-vie was installed; the
records holding them are re-indexed for search."""

from django.core.management.base import BaseCommand

from eoffice.attachments.extraction import stored_file_extract_text
from eoffice.attachments.models import ExtractionStatus, StoredFile


class Command(BaseCommand):
    help = "Trích xuất lại nội dung (kể cả nhận dạng chữ OCR) của các tệp trích xuất lỗi hoặc còn chờ."

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="các tệp trích xuất lỗi (mặc định)")
        parser.add_argument("--pending", action="store_true", help="cả các tệp còn chờ")

    def handle(self, *args, failed=False, pending=False, **options):
        statuses = [ExtractionStatus.FAILED] + ([ExtractionStatus.PENDING] if pending else [])
        files = StoredFile.objects.filter(extraction__in=statuses).order_by("pk")
        total = files.count()
        done = 0
        for stored in files.iterator(chunk_size=100):
            if stored_file_extract_text(stored_file=stored).extraction == ExtractionStatus.DONE:
                done += 1
        self.stdout.write(f"Đã trích xuất lại {total} tệp: {done} thành công, {total - done} vẫn không có nội dung hoặc lỗi.")
