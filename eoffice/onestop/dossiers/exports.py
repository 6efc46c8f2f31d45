"""Sổ theo dõi hồ sơ (the one-stop unit's dossier register) as an XLSX workbook:
one line per dossier, from reception to the result handed back."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from eoffice.core.templatetags.vn import ngay
from eoffice.core.xlsx import register_workbook
from eoffice.onestop.models import OPEN_STATUSES
from eoffice.onestop.printing.base import timeliness_label
from eoffice.onestop.printing.forms import DOSSIER_SETS

BOOK_COLUMNS = [
    ("STT", 6),
    ("Mã hồ sơ", 24),
    ("Tên thủ tục", 40),
    ("Số lượng hồ sơ", 9),
    ("Tên người nộp / tổ chức", 26),
    ("Địa chỉ, số điện thoại", 32),
    ("Cơ quan chủ trì giải quyết", 26),
    ("Nhận hồ sơ (ngày giờ)", 17),
    ("Hẹn trả kết quả", 17),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 17),
    ("Nhận kết quả từ cơ quan giải quyết", 17),
    ("Trả kết quả cho cá nhân/tổ chức (ngày giờ)", 17),
    ("Trả kết quả cho cá nhân/tổ chức (ký nhận)", 14),
    ("Ghi chú (trạng thái, trước hạn/đúng hạn/quá hạn)", 30),
]


def _applicant(dossier) -> str:
    """The organisation and its representative, or the person."""
    if dossier.organisation_name:
        return f"{dossier.organisation_name} (người nộp: {dossier.applicant_name})"
    return dossier.applicant_name


def _handed_to_processing(dossier):
    """When the one-stop unit handed the dossier to the first processing unit."""
    started = [step.started_at for step in dossier.steps.all() if step.started_at]
    return min(started, default=None)


def _remarks(dossier, now) -> str:
    """Ghi chú: the status and, once known, trước hạn/đúng hạn/quá hạn; an open
    dossier past its appointment is already late."""
    parts = [dossier.get_status_display()]
    if dossier.timeliness:
        parts.append(timeliness_label(dossier.timeliness))
    elif dossier.status in OPEN_STATUSES and dossier.due_at and dossier.due_at < now:
        parts.append("Quá hạn")
    if dossier.refusal_reason:
        parts.append(f"Lý do từ chối: {dossier.refusal_reason}")
    return "; ".join(parts)


def book_row(number: int, dossier, *, now=None) -> list:
    """The cells of one dossier; date-times as "dd/mm/yyyy hh:mm" in local time."""
    now = now or timezone.now()
    return [
        number,
        dossier.code,
        dossier.procedure.name,
        DOSSIER_SETS,
        _applicant(dossier),
        f"{dossier.address}; ĐT: {dossier.phone}" if dossier.phone else dossier.address,
        dossier.procedure.implementing_agency,
        ngay(dossier.received_at),
        ngay(dossier.due_at or dossier.first_due_at),
        ngay(_handed_to_processing(dossier)),
        ngay(dossier.finished_at),
        ngay(dossier.returned_at),
        "",  # ký nhận: signed by hand on the printed register
        _remarks(dossier, now),
    ]


def dossier_book_xlsx(dossiers: Iterable, *, agency, period_label: str) -> bytes:
    """Sổ theo dõi hồ sơ of `agency` for the period named `period_label`
    ("Tháng 01/2026", "Năm 2026"), the dossiers in the order given."""
    if isinstance(dossiers, QuerySet):
        dossiers = dossiers.select_related("procedure").prefetch_related("steps")
    agency_name = getattr(agency, "name", agency)
    now = timezone.now()
    return register_workbook(
        sheet_title="Sổ theo dõi hồ sơ",
        heading=f"SỔ THEO DÕI HỒ SƠ — {agency_name.upper()}",
        subtitle=period_label,
        columns=BOOK_COLUMNS,
        rows=(book_row(number, dossier, now=now) for number, dossier in enumerate(dossiers, start=1)),
    )
