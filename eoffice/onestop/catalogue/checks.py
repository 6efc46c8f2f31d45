"""Checks of a procedure catalogue read from JSON or XLSX (services.py,
xlsx.py): every value is checked and every problem is collected with
its place, "Thủ tục 3 (mã …): thời gian bước 2 phải là bội số của 0,5 ngày",
so that one import reports them all. Nothing here writes."""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from eoffice.attachments.models import StoredFile
from eoffice.attachments.validation import HEAD_BYTES, check_upload
from eoffice.core.errors import ValidationFailed
from eoffice.core.text import fold, nfc
from eoffice.onestop.models import FeeKind, Level, OnlineLevel, Procedure, ProcedureField

HALF_DAY = Decimal("0.5")
MAX_DAYS = Decimal("9999.5")
MAX_COUNT = 99  # bản chính / bản sao of one paper
MAX_AMOUNT = 10**12  # đồng

# Mã thủ tục: the national code N.NNNNNN, alone or followed by .000.00.00 and a
# province suffix (H38, H55.02 …; lenient: one to three groups of letters/digits).
CODE_RE = re.compile(r"^[1-9]\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}(?:\.[A-Z0-9]{1,10}){1,3})?$")
FIELD_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # mã lĩnh vực, e.g. G03-GD10

TRUE_WORDS = {"true", "1", "co", "x", "yes", "y"}
FALSE_WORDS = {"false", "0", "khong", "no", "n"}


# --------------------------------------------------------------------------- formatting
def format_days(days) -> str:
    """Working days as Vietnamese write them: 0,5 — 7 — 7,5."""
    value = Decimal(days).normalize()
    text = f"{value:f}"
    return text.replace(".", ",")


def format_amount(amount: int) -> str:
    """100000 → "100.000"."""
    return f"{amount:,}".replace(",", ".")


def procedure_code(value) -> str:
    """A code as stored: no surrounding spaces, upper-case letters."""
    return nfc(str(value or "")).strip().upper()


def is_valid_code(code: str) -> bool:
    return bool(CODE_RE.match(code))


# --------------------------------------------------------------------------- results and errors
class CatalogueInvalid(ValidationFailed):
    """The file was refused; `errors` lists every problem with its place."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        count = len(errors)
        super().__init__(
            f"Không nhập được danh mục thủ tục: có {count} lỗi, chưa thủ tục nào được lưu.",
            fields={"file": errors},
        )


# --------------------------------------------------------------------------- checking one value
class _Place:
    """Collects problems of one procedure, each prefixed with where it is."""

    def __init__(self, errors: list[str], prefix: str, where: str = ""):
        self.errors = errors
        self.prefix = prefix
        self.where = where
        self.failed = False

    def error(self, message: str, where: str | None = None) -> None:
        where = self.where if where is None else where
        self.errors.append(f"{self.prefix}: {message}" + (f" ({where})" if where else ""))
        self.failed = True


def _text(raw: dict, key: str, label: str, place: _Place, *, required=False, max_length=None, where=None) -> str:
    value = raw.get(key)
    if value is None:
        value = ""
    elif isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        place.error(f"{label} phải là chuỗi ký tự", where)
        return ""
    value = nfc(str(value)).strip()
    if required and not value:
        place.error(f"thiếu {label}", where)
    elif max_length and len(value) > max_length:
        place.error(f"{label} dài {len(value)} ký tự, tối đa {max_length}", where)
    return value


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _days(value, label: str, place: _Place, where=None) -> Decimal | None:
    """Working days: a number ≥ 0 in steps of half a day (0.5 allowed)."""
    if value is None or value == "":
        place.error(f"thiếu {label}", where)
        return None
    number = _decimal(value)
    if number is None:
        place.error(f"{label} “{value}” không phải là số ngày", where)
    elif number < 0 or number > MAX_DAYS:
        place.error(f"{label} phải từ 0 đến {format_days(MAX_DAYS)} ngày", where)
    elif number % HALF_DAY:
        place.error(f"{label} phải là bội số của 0,5 ngày", where)
    else:
        return number.quantize(Decimal("0.1"))
    return None


def _count(value, label: str, place: _Place, *, default: int, where=None) -> int:
    if value is None or value == "":
        return default
    number = _decimal(value)
    if number is None or number != number.to_integral_value() or not 0 <= number <= MAX_COUNT:
        place.error(f"{label} “{value}” phải là số nguyên từ 0 đến {MAX_COUNT}", where)
        return default
    return int(number)


def _flag(value, label: str, place: _Place, *, default: bool, where=None) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    word = fold(str(value)).strip()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    place.error(f"{label} “{value}” phải là Có hoặc Không", where)
    return default


def _choice(value, choices, label: str, place: _Place, *, default, where=None):
    """A choice by its value ("province") or its Vietnamese label ("Cấp tỉnh")."""
    if value is None or value == "":
        return default
    wanted = fold(str(value))
    for code, text in choices.choices:
        if wanted in (code, fold(text)):
            return code
    allowed = ", ".join(f"{code} ({text})" for code, text in choices.choices)
    place.error(f"{label} “{value}” không hợp lệ; chọn một trong: {allowed}", where)
    return default


def _amount(value, place: _Place, label: str, where=None) -> int | None:
    """Mức thu in đồng: a whole number, or empty when set by a separate rule."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        digits = re.sub(r"(?i)\s|\.|,|đồng|dong|đ|vnd", "", value)
        value = digits if digits.isdigit() else value
    number = _decimal(value)
    if number is None or number != number.to_integral_value() or not 0 <= number <= MAX_AMOUNT:
        place.error(f"{label} “{value}” phải là số tiền (đồng), số nguyên không âm", where)
        return None
    return int(number)


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# --------------------------------------------------------------------------- checking a procedure
@dataclass
class FormFile:
    """A form file named in the input: already stored, or bytes to store."""

    stored: StoredFile | None = None
    extension: str = ""
    content: bytes = b""


@dataclass
class CleanProcedure:
    code: str
    field_code: str
    field_name: str
    values: dict
    steps: list[dict]
    papers: list[dict]
    fees: list[dict]


def _where(raw: dict) -> str:
    return raw.get("_where", "") if isinstance(raw, dict) else ""


def _items(raw: dict, key: str, label: str, place: _Place) -> list[dict]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        place.error(f"“{key}” ({label}) phải là một danh sách đối tượng")
        return []
    return value


def _orders(items: list[dict], label: str, place: _Place) -> list[int]:
    """Each item's order: the given "order", else its position; no duplicates."""
    orders, seen = [], set()
    for position, item in enumerate(items, start=1):
        order = item.get("order")
        if order in (None, ""):
            order = position
        number: Any = _decimal(order)  # a Decimal, then its int
        if number is None or number != number.to_integral_value() or not 1 <= number <= 32767:
            place.error(f"thứ tự {label} “{order}” phải là số nguyên dương", _where(item))
            number = Decimal(position)
        number = int(number)
        if number in seen:
            place.error(f"thứ tự {label} {number} bị trùng", _where(item))
        seen.add(number)
        orders.append(number)
    return orders


def _clean_steps(raw: dict, place: _Place) -> list[dict]:
    items = _items(raw, "steps", "trình tự", place)
    steps = []
    for order, item in zip(_orders(items, "bước", place), items, strict=True):
        where = _where(item)
        steps.append(
            {
                "order": order,
                "name": _text(item, "name", f"nội dung bước {order}", place, required=True, max_length=300, where=where),
                "unit_name": _text(item, "unit", f"đơn vị thực hiện bước {order}", place, max_length=200, where=where),
                "owner": _text(item, "owner", f"đơn vị theo dõi bước {order}", place, max_length=200, where=where),
                "days": _days(item.get("days"), f"thời gian bước {order}", place, where),
            }
        )
    return steps


def _clean_form_file(value, order: int, place: _Place, where: str) -> FormFile | None:
    if value in (None, "", {}):
        return None
    label = f"tệp mẫu của giấy tờ {order}"
    if isinstance(value, str):
        value = {"sha256": value}
    if not isinstance(value, dict):
        place.error(f"{label} phải là một đối tượng (sha256, extension, content_base64)", where)
        return None
    sha256 = str(value.get("sha256") or "").strip().lower()
    content = value.get("content_base64")
    if content:
        return _embedded_form_file(value, sha256, label, place, where)
    stored = StoredFile.objects.filter(sha256=sha256).first() if sha256 else None
    if stored is None:
        place.error(
            f"{label}: không có tệp có mã SHA-256 “{sha256}” trong hệ thống; hãy xuất danh mục kèm nội dung tệp (JSON)", where
        )
        return None
    return FormFile(stored=stored)


def _embedded_form_file(value: dict, sha256: str, label: str, place: _Place, where: str) -> FormFile | None:
    extension = str(value.get("extension") or "").strip().lower().lstrip(".")
    try:
        content = base64.b64decode(str(value["content_base64"]), validate=True)
    except (binascii.Error, ValueError):
        place.error(f"{label}: nội dung (content_base64) không phải base64 hợp lệ", where)
        return None
    if sha256 and hashlib.sha256(content).hexdigest() != sha256:
        place.error(f"{label}: nội dung không khớp mã SHA-256 đã ghi (tệp bị hỏng hoặc bị sửa)", where)
        return None
    try:
        check_upload(f"mau.{extension}", content[:HEAD_BYTES], len(content))
    except ValidationFailed as error:
        place.error(f"{label}: {error.message}", where)
        return None
    return FormFile(extension=extension, content=content)


def _clean_papers(raw: dict, place: _Place) -> list[dict]:
    items = _items(raw, "papers", "thành phần hồ sơ", place)
    papers = []
    for order, item in zip(_orders(items, "giấy tờ", place), items, strict=True):
        where = _where(item)
        papers.append(
            {
                "order": order,
                "name": _text(item, "name", f"tên giấy tờ {order}", place, required=True, max_length=500, where=where),
                "originals": _count(item.get("originals"), f"số bản chính của giấy tờ {order}", place, default=1, where=where),
                "copies": _count(item.get("copies"), f"số bản sao của giấy tờ {order}", place, default=0, where=where),
                "required": _flag(item.get("required"), f"“bắt buộc” của giấy tờ {order}", place, default=True, where=where),
                "form_name": _text(item, "form_name", f"tên mẫu đơn của giấy tờ {order}", place, max_length=200, where=where),
                "form_file": _clean_form_file(item.get("form_file"), order, place, where),
            }
        )
    return papers


def _clean_fees(raw: dict, place: _Place) -> list[dict]:
    fees = []
    for number, item in enumerate(_items(raw, "fees", "phí, lệ phí", place), start=1):
        where = _where(item)
        label = f"khoản phí, lệ phí {number}"
        fees.append(
            {
                "kind": _fee_kind(item.get("kind"), label, place, where),
                "description": _text(item, "description", f"nội dung {label}", place, required=True, max_length=300, where=where),
                "amount": _amount(item.get("amount"), place, f"mức thu của {label}", where),
                "note": _text(item, "note", f"ghi chú {label}", place, max_length=300, where=where),
            }
        )
    return fees


def _fee_kind(value, label: str, place: _Place, where: str) -> str:
    if value in (None, ""):
        place.error(f"thiếu loại (phí hoặc lệ phí) của {label}", where)
        return FeeKind.FEE
    return _choice(value, FeeKind, f"loại của {label}", place, default=FeeKind.FEE, where=where)


def _clean_field(raw: dict, place: _Place, known_fields: dict) -> tuple[str, str]:
    """Lĩnh vực: {"code", "name"}; an existing field may be named by its code alone."""
    value = raw.get("field")
    if not isinstance(value, dict):
        place.error("thiếu lĩnh vực (field: mã và tên lĩnh vực)")
        return "", ""
    code = _text(value, "code", "mã lĩnh vực", place, required=True, max_length=_max(ProcedureField, "code"))
    name = _text(value, "name", "tên lĩnh vực", place, max_length=_max(ProcedureField, "name"))
    if code and not FIELD_CODE_RE.match(code):
        place.error(f"mã lĩnh vực “{code}” chỉ gồm chữ, số, dấu chấm, gạch ngang")
    if code and not name and code not in known_fields:
        place.error(f"lĩnh vực “{code}” chưa có trong hệ thống: cần ghi tên lĩnh vực")
    return code, name


def _check_total(values: dict, steps: list[dict], place: _Place) -> None:
    """Thời hạn giải quyết must be the sum of the steps' days when steps are given."""
    days = [step["days"] for step in steps]
    if not steps or values["processing_days"] is None or None in days:
        return
    total = sum(days, Decimal(0))
    if total != values["processing_days"]:
        place.error(
            f"tổng thời gian các bước là {format_days(total)} ngày, khác thời hạn giải quyết "
            f"{format_days(values['processing_days'])} ngày: sửa thời gian các bước hoặc thời hạn giải quyết"
        )


def clean_procedure(raw, index: int, errors: list[str], known_fields: dict) -> CleanProcedure | None:
    if not isinstance(raw, dict):
        errors.append(f"Thủ tục {index}: phải là một đối tượng JSON")
        return None
    code = procedure_code(raw.get("code"))
    place = _Place(errors, f"Thủ tục {index}" + (f" (mã {code})" if code else ""), _where(raw))
    if not code:
        place.error("thiếu mã thủ tục")
    elif not is_valid_code(code):
        place.error(f"mã thủ tục “{code}” không đúng dạng 1.011442.000.00.00.H38 hoặc 1.011442")
    field_code, field_name = _clean_field(raw, place, known_fields)
    values = {
        "name": _text(raw, "name", "tên thủ tục", place, required=True, max_length=_max(Procedure, "name")),
        "level": _choice(raw.get("level"), Level, "cấp thực hiện", place, default=Level.PROVINCE),
        "online": _choice(raw.get("online"), OnlineLevel, "mức dịch vụ công trực tuyến", place, default=OnlineLevel.NONE),
        "implementing_agency": _text(raw, "implementing_agency", "cơ quan thực hiện", place, required=True, max_length=300),
        "subjects": _text(raw, "subjects", "đối tượng thực hiện", place, max_length=_max(Procedure, "subjects")),
        "channels": _text(raw, "channels", "cách thức thực hiện", place),
        "processing_days": _days(raw.get("processing_days"), "thời hạn giải quyết", place, None),
        "result": _text(raw, "result", "kết quả thực hiện", place, required=True),
        "conditions": _text(raw, "conditions", "yêu cầu, điều kiện", place),
        "legal_basis": _text(raw, "legal_basis", "căn cứ pháp lý", place),
        "announcement": _text(raw, "announcement", "quyết định công bố", place, max_length=_max(Procedure, "announcement")),
        "published": _flag(raw.get("published"), "“công khai”", place, default=True),
    }
    steps = _clean_steps(raw, place)
    _check_total(values, steps, place)
    clean = CleanProcedure(code, field_code, field_name, values, steps, _clean_papers(raw, place), _clean_fees(raw, place))
    return None if place.failed else clean


def check_codes(cleaned: list[tuple[int, CleanProcedure]], agency, errors: list[str]) -> None:
    """No code twice in the file, none taken by another agency's procedure."""
    first: dict[str, int] = {}
    for index, clean in cleaned:
        if clean.code in first:
            errors.append(f"Thủ tục {index} (mã {clean.code}): mã thủ tục trùng với thủ tục {first[clean.code]} trong tệp")
        first.setdefault(clean.code, index)
    others = Procedure.objects.filter(code__in=list(first)).exclude(agency=agency).select_related("agency")
    for procedure in others:
        errors.append(
            f"Thủ tục {first[procedure.code]} (mã {procedure.code}): mã thủ tục đã dùng cho thủ tục của cơ quan "
            f"“{procedure.agency.name}”"
        )
