"""Upload checks at the boundary: real type (by content, not name) and size."""

from pathlib import PurePath

import filetype
from django.conf import settings

from eoffice.core.errors import ValidationFailed

# Extension → content types accepted for it (detected from the file's bytes).
ALLOWED = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "tif": {"image/tiff"},
    "tiff": {"image/tiff"},
}
HEAD_BYTES = 8192


def check_upload(name: str, head: bytes, size: int) -> tuple[str, str]:
    """Return (extension, content type) or raise ValidationFailed in Vietnamese."""
    limit_mb = settings.EOFFICE_MAX_UPLOAD_MB
    if size > limit_mb * 1024 * 1024:
        raise ValidationFailed(
            f"Tệp “{name}” vượt quá dung lượng cho phép ({limit_mb} MB).",
            fields={"files": [f"Tệp “{name}” quá lớn."]},
        )
    if size == 0:
        raise ValidationFailed(f"Tệp “{name}” rỗng.", fields={"files": [f"Tệp “{name}” rỗng."]})
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED:
        raise ValidationFailed(
            f"Không chấp nhận tệp “{name}”: chỉ nhận PDF, DOCX, XLSX, JPG, PNG, TIFF.",
            fields={"files": [f"Loại tệp “.{extension}” không được phép."]},
        )
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED[extension]:
        raise ValidationFailed(
            f"Nội dung tệp “{name}” không phải là tệp .{extension} hợp lệ (có thể tệp đã bị đổi tên).",
            fields={"files": [f"Nội dung tệp “{name}” không khớp với đuôi tệp."]},
        )
    return extension, kind.mime
