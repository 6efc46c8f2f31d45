"""Checks on draft data shared by the web form and the API."""

from datetime import date

from eoffice.core.choices import DOCUMENT_TYPES, Confidentiality, Priority
from eoffice.core.errors import ValidationFailed
from eoffice.outgoing.models import Authority, Circulation
from eoffice.outgoing.rendering.templates import template_for

TYPE_NAMES = [name for name, _ in DOCUMENT_TYPES]

# The draft fields a drafter edits; every version stores exactly these.
DRAFT_FIELDS = [
    "type_name",
    "normative",
    "subject",
    "legal_bases",
    "body",
    "recipients_text",
    "places_text",
    "copies",
    "drafter_initials",
    "issued_amount",
    "priority",
    "confidentiality",
    "circulation",
    "due_date",
    "authority",
    "on_behalf_of",
    "signer_position",
]

# Only a Công văn, Thư công, Tờ trình or Báo cáo has "Kính gửi" (ND30 Appendix I II.9):
# one given to another type would not be printed, so it is refused, not dropped.
_NO_RECIPIENTS = {
    "Giấy mời": "Giấy mời không có phần “Kính gửi”: ghi người, cơ quan được mời trong nội dung, sau “trân trọng kính mời:”.",
    None: "{} không có phần “Kính gửi”: để trống ô này, ghi nơi nhận ở “Nơi nhận”.",
}

REQUIRED = {"type_name": "Loại văn bản", "subject": "Trích yếu", "body": "Nội dung", "signer_position": "Chức vụ người ký"}


def check_draft_data(data: dict, *, today: date) -> None:
    """Raise ValidationFailed (per-field Vietnamese messages) on bad draft data."""
    errors: dict[str, list[str]] = {}
    for name, label in REQUIRED.items():
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = [f"{label} là bắt buộc."]
    if data.get("type_name") and data["type_name"] not in TYPE_NAMES:
        errors["type_name"] = ["Loại văn bản không thuộc 29 loại văn bản hành chính của Nghị định 30/2020/NĐ-CP."]
    if data.get("priority", 0) not in Priority.values:
        errors["priority"] = ["Độ khẩn phải là 0 (thường), 1 (khẩn), 2 (thượng khẩn) hoặc 3 (hỏa tốc)."]
    if data.get("confidentiality", 0) not in Confidentiality.values:
        errors["confidentiality"] = ["Độ mật phải là 0 (thường), 1 (mật), 2 (tối mật) hoặc 3 (tuyệt mật)."]
    if data.get("authority", "") not in Authority.values:
        errors["authority"] = ["Thẩm quyền ký phải là TM., KT., TL., TUQ., Q. hoặc để trống."]
    if data.get("authority") and not (data.get("on_behalf_of") or "").strip():
        errors["on_behalf_of"] = ["Ký thay mặt, ký thay, thừa lệnh… cần ghi rõ chức danh hoặc tập thể được ký thay."]
    if data.get("circulation", "") not in Circulation.values:
        errors["circulation"] = ["Phạm vi lưu hành không hợp lệ."]
    if not 1 <= int(data.get("copies", 1) or 0) <= 99:
        errors["copies"] = ["Số bản lưu phải từ 1 đến 99."]
    if (data.get("recipients_text") or "").strip() and not template_for(data.get("type_name") or "").uses_recipients:
        errors["recipients_text"] = [
            _NO_RECIPIENTS.get(data.get("type_name"), _NO_RECIPIENTS[None]).format(data.get("type_name"))
        ]
    due = data.get("due_date")
    if isinstance(due, date) and due < today:
        errors["due_date"] = ["Hạn trả lời không được trước ngày hôm nay."]
    if errors:
        raise ValidationFailed("Dự thảo chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu.", fields=errors)
