"""Checks on the data of a registration (vào sổ) and of a later correction, from the web form or the API."""

from datetime import date

from eoffice.core.choices import Confidentiality, Priority
from eoffice.core.errors import ValidationFailed
from eoffice.organisation.models import validate_organ_id

REQUIRED = {
    "type_name": "Loại văn bản",
    "issued_date": "Ngày văn bản",
    "organ_name": "Cơ quan ban hành",
    "subject": "Trích yếu",
    "arrival_date": "Ngày đến",
}


def check_incoming_data(data: dict, *, today: date) -> None:
    """Raise ValidationFailed (with per-field Vietnamese messages) on bad data."""
    errors: dict[str, list[str]] = {}
    for name, label in REQUIRED.items():
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = [f"{label} là bắt buộc."]
    issued, arrived = data.get("issued_date"), data.get("arrival_date")
    if isinstance(issued, date) and issued > today:
        errors.setdefault("issued_date", []).append("Ngày văn bản không được sau ngày hôm nay.")
    if isinstance(arrived, date) and arrived > today:
        errors.setdefault("arrival_date", []).append("Ngày đến không được sau ngày hôm nay.")
    if isinstance(issued, date) and isinstance(arrived, date) and arrived < issued:
        errors.setdefault("arrival_date", []).append("Ngày đến không được trước ngày văn bản.")
    due = data.get("due_date")
    if isinstance(due, date) and isinstance(issued, date) and due < issued:
        errors.setdefault("due_date", []).append("Hạn giải quyết không được trước ngày văn bản.")
    if data.get("priority", 0) not in Priority.values:
        errors["priority"] = ["Độ khẩn phải là 0 (thường), 1 (khẩn), 2 (thượng khẩn) hoặc 3 (hỏa tốc)."]
    if data.get("confidentiality", 0) not in Confidentiality.values:
        errors["confidentiality"] = ["Độ mật phải là 0 (thường), 1 (mật), 2 (tối mật) hoặc 3 (tuyệt mật)."]
    if data.get("organ_id"):
        try:
            validate_organ_id(data["organ_id"])
        except Exception as exc:  # django ValidationError
            errors["organ_id"] = list(getattr(exc, "messages", [str(exc)]))
    if errors:
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(f"Dữ liệu chưa hợp lệ: {first}", fields=errors)
