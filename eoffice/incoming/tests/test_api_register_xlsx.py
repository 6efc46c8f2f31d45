"""The register of incoming documents (Appendix IV, ND30) exported as XLSX."""

from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from eoffice.conftest import incoming_data
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.helpers import registration_year

pytestmark = pytest.mark.django_db

API = "/api/v1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
APPENDIX_IV_COLUMNS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số ký hiệu",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
HEADER_ROW, FIRST_DATA_ROW = 3, 5


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def register(cast, actor_user=None, **overrides):
    actor = cast.actor(actor_user or cast.clerk)
    return incoming_register(actor=actor, data=incoming_data(**overrides))


def workbook(client, year=None):
    year = year or str(registration_year())
    response = client.get(f"{API}/incoming/register.xlsx", {"year": year})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == XLSX
    assert f'filename="so-van-ban-den-{year}.xlsx"' in response["Content-Disposition"]
    return load_workbook(BytesIO(response.content)).active


def data_rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if any(cell is not None for cell in row)]


def test_the_register_has_the_ten_columns_of_appendix_iv(cast):
    sheet = workbook(client_for(cast.clerk))
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    assert len(headers) == 10
    for expected, actual in zip(APPENDIX_IV_COLUMNS, headers, strict=True):
        assert actual.replace(",", "").startswith(expected), (expected, actual)
    assert [cell.value for cell in sheet[HEADER_ROW + 1]] == [f"({i})" for i in range(1, 11)]
    assert str(registration_year()) in sheet["A1"].value and data_rows(sheet) == []


def test_one_row_per_visible_ordinary_document_of_the_year_in_arrival_number_order(cast, monkeypatch):
    """GIVEN three ordinary documents registered this year, one registered last
    year, one confidential document and one of another agency
    WHEN the clerk exports this year's register
    THEN it has the three ordinary documents of this year, numbered 1, 2, 3 in
    order, with the Appendix IV values."""
    from eoffice.incoming.receiving import services

    last_year = registration_year() - 1
    with monkeypatch.context() as registered_last_year:
        registered_last_year.setattr(services, "today", lambda: date(last_year, 12, 2))
        register(cast, code_number="9", issued_date=date(2025, 12, 1), arrival_date=date(2025, 12, 2))
    first = register(cast, code_number="125", description="Bản chính")
    register(cast, code_number="7", arrival_date=date(2026, 3, 10), subject="Về việc tổ chức hội nghị")
    register(cast, code_number="8", arrival_date=date(2026, 4, 1), organ_name="Sở Tài chính")
    register(cast, code_number="10", confidentiality=1)
    register(cast, cast.outsider, code_number="11")
    incoming_submit(actor=cast.actor(cast.clerk), document=first, leader=cast.leader)
    incoming_direct(
        actor=cast.actor(cast.leader),
        document=first,
        opinion="Giao Phòng Tổng hợp",
        lead_unit=cast.tonghop,
        coordinating_units=[cast.kinhte],
        deadline_days=Decimal(5),
    )

    # Handed over on 04/03/2026 at 10:00 in Hà Nội (03:00 UTC).
    first.assignments.update(created_at=datetime(2026, 3, 4, 3, 0, tzinfo=UTC))

    rows = data_rows(workbook(client_for(cast.clerk)))
    assert [row[1] for row in rows] == [1, 2, 3]
    assert [row[3] for row in rows] == ["125/SXD-QLXD", "7/SXD-QLXD", "8/SXD-QLXD"]
    assert rows[0] == (
        "03/03/2026",
        1,
        "Sở Xây dựng",
        "125/SXD-QLXD",
        "02/03/2026",
        "Công văn: Về việc báo cáo tình hình trật tự xây dựng quý I năm 2026",
        "Phòng Tổng hợp (chủ trì); Phòng Kinh tế (phối hợp)",
        "04/03/2026",
        None,
        "Bản chính",
    )
    assert rows[1][0] == "10/03/2026" and rows[1][5] == "Công văn: Về việc tổ chức hội nghị"
    assert rows[2][2] == "Sở Tài chính" and rows[2][7] is None

    assert [row[3] for row in data_rows(workbook(client_for(cast.clerk), str(last_year)))] == ["9/SXD-QLXD"]
    assert [row[3] for row in data_rows(workbook(client_for(cast.outsider)))] == ["11/SXD-QLXD"]
    assert data_rows(workbook(client_for(cast.clerk), str(last_year - 1))) == []


def test_the_transfer_date_is_the_local_date_of_the_hand_over(cast):
    document = register(cast)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    # 00:30 on 05/03/2026 in Hà Nội is still 04/03/2026 in UTC.
    document.assignments.update(created_at=datetime(2026, 3, 4, 17, 30, tzinfo=UTC))
    assert data_rows(workbook(client_for(cast.clerk)))[0][7] == "05/03/2026"


def test_a_unit_head_exports_only_the_documents_of_the_unit(cast):
    mine = register(cast, code_number="1")
    register(cast, code_number="2")
    incoming_submit(actor=cast.actor(cast.clerk), document=mine, leader=cast.leader)
    incoming_direct(actor=cast.actor(cast.leader), document=mine, opinion="Giao TH", lead_unit=cast.tonghop)
    assert [row[3] for row in data_rows(workbook(client_for(cast.head)))] == ["1/SXD-QLXD"]
    assert data_rows(workbook(client_for(cast.kt_head))) == []
    assert len(data_rows(workbook(client_for(cast.leader)))) == 2


def test_the_url_with_a_trailing_slash_serves_the_same_register(cast):
    register(cast)
    response = client_for(cast.clerk).get(f"{API}/incoming/register.xlsx/", {"year": registration_year()})
    assert response.status_code == 200 and response["Content-Type"] == XLSX


@pytest.mark.parametrize("year", ["", "abc", "20266", "1800", "-2026", "2026.5"])
def test_a_bad_year_is_refused_with_the_error_shape(cast, year):
    response = client_for(cast.clerk).get(f"{API}/incoming/register.xlsx", {"year": year})
    assert response.status_code == 400, response.content
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Tham số year phải là một năm từ 1900 đến 2100, ví dụ 2026.",
            "fields": {"year": ["Năm phải từ 1900 đến 2100."]},
        }
    }


def test_a_missing_year_is_refused(cast):
    response = client_for(cast.clerk).get(f"{API}/incoming/register.xlsx")
    assert response.status_code == 400 and set(response.json()["error"]["fields"]) == {"year"}
