"""ND30 Appendix VI III.1.h: warn the registry of a document already registered,
by number, symbol and issuer or by the issuer's identifier: on registration
and when a correction would make one."""

from typing import Any

from eoffice.core.errors import Duplicate
from eoffice.core.text import fold
from eoffice.incoming.models import IncomingDocument, Status
from eoffice.organisation.models import Agency


def find_duplicates(*, agency: Agency, data: dict[str, Any], exclude: int | None = None) -> list[dict[str, Any]]:
    """Documents already registered with the same number, symbol, issuer and
    year: the issuer by its name (without case or diacritics) or by its mã định
    danh, so the document's identifier (ND30 Appendix VI III.1.h) matches however
    the name was typed. Plain values, not models: this runs on every registration."""
    number, notation = (data.get("code_number") or "").strip(), (data.get("code_notation") or "").strip()
    if not number and not notation:
        return []
    # Only the indexed columns go to the database: building a longer filter
    # costs more than checking the few rows that share a number in Python.
    documents = IncomingDocument.objects.filter(agency=agency, code_number=number, code_notation=notation)
    if exclude is not None:  # the document being corrected
        documents = documents.exclude(pk=exclude)
    rows = documents.values_list("organ_name", "organ_id", "arrival_number", "arrival_date", "issued_date", "status")
    year, issuer = data["issued_date"].year, fold(data.get("organ_name") or "")
    identifier = (data.get("organ_id") or "").strip()
    return [
        {"organ_name": organ, "arrival_number": arrival_number, "arrival_date": arrival_date}
        for organ, organ_id, arrival_number, arrival_date, issued, status in rows.order_by()
        if issued.year == year and status != Status.RECALLED and (fold(organ) == issuer or identifier == (organ_id or None))
    ]


def refuse_duplicate(*, agency: Agency, data: dict[str, Any], action: str, exclude: int | None = None) -> None:
    """Raise Duplicate (409) naming the first document already registered; the
    registry may confirm that this one is another and `action` it anyway."""
    duplicates = find_duplicates(agency=agency, data=data, exclude=exclude)
    if not duplicates:
        return
    first = duplicates[0]
    symbol = "/".join(part for part in (data.get("code_number"), data.get("code_notation")) if part)
    raise Duplicate(
        f"Văn bản số {symbol} của {first['organ_name']} đã được vào sổ "
        f"(số đến {first['arrival_number']}, ngày {first['arrival_date']:%d/%m/%Y}). "
        f"Nếu đây đúng là văn bản khác, hãy xác nhận để {action}.",
        fields={"code_number": ["Trùng số, ký hiệu và cơ quan ban hành (tên hoặc mã định danh)."]},
    )
