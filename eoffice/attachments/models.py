from django.db import models


def _upload_path(instance, filename):
    # Content-addressed: one stored copy per distinct content, shared by every
    # record that links it (an issued document and its incoming copies).
    digest = instance.sha256
    return f"files/{digest[:2]}/{digest[2:4]}/{digest}"


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ trích xuất"
    DONE = "done", "Đã trích xuất"
    NONE = "none", "Không có văn bản"
    FAILED = "failed", "Lỗi trích xuất"


class StoredFile(models.Model):
    """The bytes of an uploaded file, stored once. Records link to it with their
    own file name (see incoming.IncomingAttachment)."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    content_type = models.CharField(max_length=120)
    extension = models.CharField(max_length=10)
    file = models.FileField(upload_to=_upload_path, max_length=200)
    text = models.TextField("nội dung trích xuất", blank=True)
    extraction = models.CharField(max_length=10, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING)
    # A PDF's active content (pdfsafety.py): [] clean, else what was found; None not checked yet.
    active_content = models.JSONField("nội dung chủ động", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp lưu trữ"
        verbose_name_plural = "tệp lưu trữ"

    def __str__(self):
        return f"{self.sha256[:12]}… ({self.size} B)"

    @property
    def is_pdf(self) -> bool:
        return self.extension == "pdf"

    @property
    def download_only(self) -> bool:
        """A PDF with active content (or not yet checked: http.py checks it first)."""
        return self.is_pdf and bool(self.active_content)
