"""Query-string values read at the boundary: strict formats, dates an office can mean,
and a ValidationFailed (400, Vietnamese, naming the parameter) for anything else, so no
crafted value reaches the database or date arithmetic (year 9999 + 1 day overflows).
BadInput is a 400 on pages (the error page shows the message) and in the API alike."""

import re
from collections.abc import Mapping
from datetime import date

from eoffice.core.errors import BadInput

FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2100, 12, 31)
FIRST_YEAR, LAST_YEAR = FIRST_DATE.year, LAST_DATE.year


def vn_date(value: date) -> str:
    """dd/mm/yyyy, four-digit year even before 1000 (strftime gives "1" for year 1)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def date_in_range(value: date, name: str, label: str) -> date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise BadInput(
            f"{label}: ngày {vn_date(value)} nằm ngoài khoảng cho phép ({vn_date(FIRST_DATE)} – {vn_date(LAST_DATE)}).",
            fields={name: ["Ngày nằm ngoài khoảng cho phép."]},
        )
    return value


def query_date(params: Mapping[str, str], name: str, *, label: str = "", required: bool = False) -> date | None:
    """An ISO date (YYYY-MM-DD only: Python would also read 20260301 and 2026-W09)."""
    value = (params.get(name) or "").strip()
    if not value:
        if required:
            named = f"{name} ({label.lower()})" if label else name
            raise BadInput(f"Cần tham số {named}, dạng YYYY-MM-DD.", fields={name: ["Trường này là bắt buộc."]})
        return None
    label = label or f"Tham số {name}"
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date_in_range(date.fromisoformat(value), name, label)
    except ValueError:
        pass
    raise BadInput(
        f"{label} “{value[:40]}” không hợp lệ; cần một ngày có thật dạng YYYY-MM-DD, ví dụ 2026-03-01.",
        fields={name: ["Ngày không hợp lệ."]},
    )


def query_year(params: Mapping[str, str], name: str = "year", *, required: bool = False) -> int | None:
    """A four-digit year in the allowed range, or None when absent (and not required)."""
    value = (params.get(name) or "").strip()
    if not value and not required:
        return None
    if re.fullmatch(r"[0-9]{4}", value) and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    raise BadInput(
        f"Tham số {name} phải là một năm từ {FIRST_YEAR} đến {LAST_YEAR}, ví dụ 2026.",
        fields={name: [f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}."]},
    )
