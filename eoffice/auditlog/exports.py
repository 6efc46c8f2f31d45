"""The audit log for inspectors, as CSV or XLSX, with each row's place in its chain.

Besides what happened, each row carries its chain, number (seq), the previous
row's hash, its own hash and the exact text that was hashed (hashing.canonical):
an inspector can recompute SHA-256 of that text, compare it with the hash, and
follow prev_hash from row to row without eOffice's code."""

import csv
from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from eoffice.audit.hashing import canonical
from eoffice.audit.models import AuditEvent
from eoffice.core.xlsx import append_row

COLUMNS = [
    "Chuỗi",
    "Số thứ tự",
    "Thời gian",
    "Tài khoản",
    "Họ và tên",
    "Hành động",
    "Loại đối tượng",
    "Mã đối tượng",
    "Nội dung",
    "Địa chỉ IP",
    "Mã băm dòng trước",
    "Mã băm",
    "Nội dung được băm",
]
# An XLSX is built in memory: past this many rows the inspector is asked for CSV or a shorter period.
XLSX_MAX_ROWS = 100_000


def _row(event: AuditEvent) -> list[Any]:
    actor = event.actor
    return [
        "cơ quan" if event.agency_id else "chung",
        event.seq,
        timezone.localtime(event.at).strftime("%d/%m/%Y %H:%M:%S"),
        actor.username if actor else "",
        getattr(actor, "full_name", "") if actor else "",
        event.action,
        event.object_type,
        event.object_id,
        event.summary,
        event.ip_address or "",
        event.prev_hash,
        event.hash,
        canonical(event),
    ]


def _rows(events: QuerySet[AuditEvent]) -> Iterator[list[Any]]:
    # Oldest first, chain by chain: the order in which the links are followed.
    for event in events.order_by("agency_id", "seq").iterator(chunk_size=2000):
        yield _row(event)


class _Echo:
    """csv.writer's file: each line is handed on instead of stored."""

    def write(self, value: str) -> str:
        return value


def csv_lines(events: QuerySet[AuditEvent]) -> Iterable[str]:
    """UTF-8 with a byte-order mark (Excel then reads Vietnamese right), streamed."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)
    for row in _rows(events):
        yield writer.writerow([_safe_cell(value) for value in row])


def _safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is kept as text (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def workbook(events: QuerySet[AuditEvent], heading: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhật ký"
    append_row(sheet, [heading])
    append_row(sheet, COLUMNS)
    for row in _rows(events):
        append_row(sheet, row)
    sheet.freeze_panes = "A3"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
