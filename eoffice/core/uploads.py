"""Upload size caps applied while the request body streams in, so an oversized file is
refused before it is written to disk (the forms' own size checks come too late for that)."""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

from eoffice.core.errors import BadInput

MB = 1024 * 1024


class UploadTooLarge(BadInput):
    """Raised mid-upload: a page answers with the 400 page, the API with 413, both with this message."""

    status = 413
    code = "too_large"

    def __init__(self, message: str) -> None:
        super().__init__(message, fields={"files": [message]})


class UploadSizeCap(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts bytes and passes every chunk on unchanged."""

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None) -> None:
        cap = settings.EOFFICE_MAX_REQUEST_MB
        if content_length and content_length > cap * MB:
            raise UploadTooLarge(f"Dữ liệu gửi lên vượt quá {cap} MB cho một lần gửi; hãy gửi ít tệp hơn mỗi lần.")
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        cap = settings.EOFFICE_MAX_UPLOAD_MB
        if self.received > cap * MB:
            raise UploadTooLarge(f"Tệp “{self.file_name}” vượt quá dung lượng cho phép ({cap} MB).")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file
