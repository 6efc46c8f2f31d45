"""Sổ theo dõi hồ sơ as XLSX: the heading and period, the columns, and one
dossier's line (dates dd/mm/yyyy hh:mm in local time, status and timeliness)."""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from eoffice.onestop.dossiers.exports import BOOK_COLUMNS, dossier_book_xlsx
from eoffice.onestop.models import ApplicantKind, Dossier, Status, Timeliness
from eoffice.onestop.tests.test_printing import CODE, PROCEDURE_NAME, at, make_dossier

pytestmark = pytest.mark.django_db

HEADER_ROW, NUMBERS_ROW, FIRST_ROW = 3, 4, 5
EXPECTED_COLUMNS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Số lượng hồ sơ",
    "Tên người nộp / tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ (ngày giờ)",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân/tổ chức (ngày giờ)",
    "Trả kết quả cho cá nhân/tổ chức (ký nhận)",
    "Ghi chú (trạng thái, trước hạn/đúng hạn/quá hạn)",
]


def sheet_of(data: bytes):
    return load_workbook(BytesIO(data)).active


def row_values(sheet, row: int) -> list:
    return [cell.value for cell in sheet[row]]


def test_heading_period_and_columns():
    case = make_dossier()
    sheet = sheet_of(dossier_book_xlsx([case.dossier], agency=case.agency, period_label="Tháng 01 năm 2026"))
    assert sheet.title == "Sổ theo dõi hồ sơ"
    assert sheet["A1"].value == "SỔ THEO DÕI HỒ SƠ — VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ"
    assert sheet["A2"].value == "Tháng 01 năm 2026"  # not the ND30 Appendix IV line
    assert [name for name, _ in BOOK_COLUMNS] == EXPECTED_COLUMNS
    assert row_values(sheet, HEADER_ROW) == EXPECTED_COLUMNS
    assert row_values(sheet, NUMBERS_ROW) == [f"({n})" for n in range(1, 15)]
    assert sheet.freeze_panes == "A5"


def test_a_returned_dossier_line():
    case = make_dossier()
    sheet = sheet_of(dossier_book_xlsx([case.dossier], agency=case.agency, period_label="Năm 2026"))
    assert row_values(sheet, FIRST_ROW) == [
        1,
        CODE,
        PROCEDURE_NAME,
        1,
        "Nguyễn Thị Hồng Nhung",
        "Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng; ĐT: 0912345678",
        "Sở Xây dựng thành phố Hải Phòng",
        "05/01/2026 09:15",
        "12/01/2026 11:30",
        "05/01/2026 10:00",  # the first step began
        "09/01/2026 10:00",
        "12/01/2026 09:00",
        None,  # ký nhận: signed on paper
        "Đã trả kết quả; Trước hạn",
    ]
    assert sheet.max_row == FIRST_ROW


def test_open_and_refused_dossiers_and_an_organisation():
    late = make_dossier(
        code="000.01.00.H26-260105-0002",
        status=Status.IN_PROCESS,
        finished_at=None,
        returned_at=None,
        timeliness="",
        due_at=at(6, 11, 30),  # long past: an open dossier is already late
        applicant_kind=ApplicantKind.ORGANISATION,
        organisation_name="Công ty Cổ phần Cảng Hải Phòng",
    )
    refused = make_dossier(
        code="000.01.00.H26-260105-0003",
        status=Status.REFUSED,
        finished_at=None,
        returned_at=None,
        timeliness="",
        refusal_reason="Không thuộc thẩm quyền",
        phone="",
    )
    data = dossier_book_xlsx(
        Dossier.objects.filter(pk__in=[late.dossier.pk, refused.dossier.pk]).order_by("code"),
        agency=late.agency,
        period_label="Năm 2026",
    )
    sheet = sheet_of(data)
    first, second = row_values(sheet, FIRST_ROW), row_values(sheet, FIRST_ROW + 1)
    assert (first[0], first[1], second[0], second[1]) == (1, late.dossier.code, 2, refused.dossier.code)
    assert first[4] == "Công ty Cổ phần Cảng Hải Phòng (người nộp: Nguyễn Thị Hồng Nhung)"
    assert first[8] == "06/01/2026 11:30"
    assert first[11] is None  # not returned yet
    assert first[13] == "Đang giải quyết; Quá hạn"
    assert second[5] == "Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng"  # no phone, no "ĐT:"
    assert second[13] == "Từ chối giải quyết; Lý do từ chối: Không thuộc thẩm quyền"


def test_dates_are_local_time():
    case = make_dossier(received_at=datetime(2026, 1, 4, 17, 30, tzinfo=ZoneInfo("UTC")), timeliness=Timeliness.LATE)
    sheet = sheet_of(dossier_book_xlsx([case.dossier], agency=case.agency, period_label="Năm 2026"))
    line = row_values(sheet, FIRST_ROW)
    assert line[7] == "05/01/2026 00:30"
    assert line[13] == "Đã trả kết quả; Quá hạn"


def test_an_empty_period_has_the_heading_only():
    case = make_dossier()
    sheet = sheet_of(dossier_book_xlsx([], agency=case.agency.name, period_label="Tháng 02 năm 2026"))
    assert sheet["A1"].value == "SỔ THEO DÕI HỒ SƠ — VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ"
    assert sheet.max_row == NUMBERS_ROW
