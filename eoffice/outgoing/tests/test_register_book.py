"""Sổ đăng ký văn bản đi (ND30 Appendix IV): the page, its XLSX and the API export."""

from datetime import date
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from eoffice.conftest import person
from eoffice.organisation.models import Role
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_recall, outgoing_sign
from eoffice.outgoing.models import AccessGrant, OutgoingDocument
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
from eoffice.outgoing.tests.conftest import draft_data
from eoffice.registers.models import RegisterKind
from eoffice.registers.services import register_get

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/outgoing/register.xlsx/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
APPENDIX_IV_COLUMNS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
HEADER_ROW, FIRST_DATA_ROW = 3, 5


def draft(c, subject: str, recipients=(), **overrides) -> OutgoingDocument:
    data = draft_data(subject=subject, **overrides)
    return outgoing_create(actor=c.actor(c.specialist), data=data, signer=c.leader, recipients=recipients)


def issue(c, document) -> OutgoingDocument:
    """Through the whole chain: submit, content and format approval, signature, issuance."""
    outgoing_submit(actor=c.actor(c.specialist), document=document)
    outgoing_approve(actor=c.actor(c.head), document=document)
    outgoing_approve(actor=c.actor(c.checker), document=document)
    outgoing_sign(actor=c.actor(c.leader), document=document)
    outgoing_issue(actor=c.actor(c.clerk), document=document)
    document.refresh_from_db()
    return document


@pytest.fixture
def book(office):
    """Three Công văn of this year drafted in the order first, second, third but
    issued third (01), first (02), second (03); the first is then recalled. A
    confidential ones are numbered in the confidential register (01, 02); one
    draft is never issued."""
    c = office
    first = draft(c, "Về việc kiểm tra trật tự xây dựng", issued_amount=3)
    second = draft(c, "Về việc báo cáo tài chính quý III")
    third = draft(c, "Về việc cấp phép xây dựng nhà ở riêng lẻ", recipients=[c.other, c.external])
    secret = draft(c, "Về phương án bảo vệ mục tiêu trọng điểm", confidentiality=1)
    other_secret = draft(c, "Về kế hoạch diễn tập khu vực phòng thủ", confidentiality=1)
    draft(c, "Dự thảo chưa ban hành")
    for document in (third, first, second, secret, other_secret):
        issue(c, document)
    outgoing_recall(actor=c.actor(c.clerk), document=first, reason="Văn bản ban hành sai thẩm quyền.")
    for document in (first, second, third, secret):
        document.refresh_from_db()
    return SimpleNamespace(c=c, first=first, second=second, third=third, secret=secret, year=timezone.localdate().year)


def web(user):
    client = APIClient()
    client.force_login(user)
    return client


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(client, **params):
    response = client.get(reverse("outgoing-register-book"), params)
    assert response.status_code == 200, response.content
    return response


def sheet_of(response):
    assert response["Content-Type"] == XLSX
    return load_workbook(BytesIO(response.content)).active


def data_rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if any(v is not None for v in row)]


def test_the_register_lists_issued_and_recalled_documents_in_number_order(book):
    c, today = book.c, timezone.localdate().strftime("%d/%m/%Y")
    response = page(web(c.clerk), year=book.year)
    rows = response.context["rows"]
    assert [row[0] for row in rows] == ["01/VP-TH", "02/VP-TH", "03/VP-TH"]
    assert rows[0] == [
        "01/VP-TH",
        today,
        "Công văn: Về việc cấp phép xây dựng nhà ở riêng lẻ",
        "Nguyễn Văn chanhvp",
        "Như trên; Chánh Văn phòng; Sở Xây dựng; Bộ Xây dựng",
        "Văn thư, Phòng Tổng hợp",  # unit names, not codes
        1,
        today,
        "",
        "",
    ]
    assert rows[1][2] == "Công văn: Về việc kiểm tra trật tự xây dựng"
    assert (rows[1][6], rows[1][9]) == (3, f"Đã thu hồi ngày {today}")
    assert rows[2][4] == "Như trên; Chánh Văn phòng" and rows[2][9] == ""

    html = response.content.decode()
    for column in APPENDIX_IV_COLUMNS:
        assert f"<th>{column}</th>" in html
    assert html.index("01/VP-TH") < html.index("02/VP-TH") < html.index("03/VP-TH")
    for hidden in ("Dự thảo chưa ban hành", "bảo vệ mục tiêu", "diễn tập"):  # a draft, confidential documents
        assert hidden not in html
    assert f"so-dang-ky.xlsx?year={book.year}" in html


def test_the_year_selector_shows_another_years_register(book):
    """Issuance numbers in the current year; the previous year's register is
    made by moving one document into it (no clock to turn back in the services)."""
    last_year = register_get(agency=book.c.office, kind=RegisterKind.OUTGOING, year=book.year - 1)
    OutgoingDocument.objects.filter(pk=book.second.pk).update(register=last_year, issued_date=date(book.year - 1, 12, 30))
    client = web(book.c.leader)
    assert [row[0] for row in page(client, year=book.year).context["rows"]] == ["01/VP-TH", "02/VP-TH"]
    older = page(client, year=book.year - 1)
    assert [row[:2] for row in older.context["rows"]] == [["03/VP-TH", f"30/12/{book.year - 1}"]]
    assert f'<option value="{book.year - 1}" selected>' in older.content.decode()
    assert page(client, year=book.year - 5).context["rows"] == []


def test_the_xlsx_has_the_appendix_iv_header_and_the_rows(book):
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = web(book.c.clerk).get(reverse("outgoing-register-xlsx"), {"year": book.year})
    assert f'filename="so-van-ban-di-{book.year}.xlsx"' in response["Content-Disposition"]
    sheet = sheet_of(response)
    assert sheet["A1"].value == f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {book.year} — VĂN PHÒNG UBND THÀNH PHỐ HẢI PHÒNG"
    assert [cell.value for cell in sheet[HEADER_ROW]] == APPENDIX_IV_COLUMNS
    assert [cell.value for cell in sheet[HEADER_ROW + 1]] == [f"({i})" for i in range(1, 11)]
    rows = data_rows(sheet)
    assert [row[0] for row in rows] == ["01/VP-TH", "02/VP-TH", "03/VP-TH"]
    assert rows[1] == (
        "02/VP-TH",
        today,
        "Công văn: Về việc kiểm tra trật tự xây dựng",
        "Nguyễn Văn chanhvp",
        "Như trên; Chánh Văn phòng",
        "Văn thư, Phòng Tổng hợp",  # unit names, not codes
        3,
        today,
        None,
        f"Đã thu hồi ngày {today}",
    )


def test_the_api_exports_the_same_register(book):
    response = api(book.c.leader).get(API_URL, {"year": book.year})
    assert response.status_code == 200, response.content
    assert f'filename="so-van-ban-di-{book.year}.xlsx"' in response["Content-Disposition"]
    assert [row[0] for row in data_rows(sheet_of(response))] == ["01/VP-TH", "02/VP-TH", "03/VP-TH"]
    assert data_rows(sheet_of(api(book.c.leader).get(API_URL, {"year": book.year - 1}))) == []
    assert data_rows(sheet_of(api(book.c.outsider).get(API_URL, {"year": book.year}))) == []  # another agency's register


def test_a_confidential_document_stays_out_of_the_ordinary_register_and_needs_a_grant(book):
    """A clerk who holds no grant on the confidential document (the issuing
    clerks were granted by the chain) finds it in neither register until
    granted, and a grant on one does not show the other; the drafter's grant
    does not open the page to a specialist."""
    c = book.c
    c.clerk = person("vanthuphu", c.office, Role.CLERK, position="Văn thư")
    clerk = web(c.clerk)
    assert (book.secret.register.kind, book.secret.code_number) == (RegisterKind.OUTGOING_SECRET, "01")
    assert 'name="so"' not in page(clerk, year=book.year).content.decode()
    assert clerk.get(reverse("outgoing-register-book"), {"year": book.year, "so": "mat"}).status_code == 404
    assert clerk.get(reverse("outgoing-register-xlsx"), {"year": book.year, "so": "mat"}).status_code == 404
    assert web(c.specialist).get(reverse("outgoing-register-book"), {"so": "mat"}).status_code == 404

    AccessGrant.objects.create(document=book.secret, user=c.clerk, granted_by=c.leader)
    ordinary = page(clerk, year=book.year)
    assert 'name="so"' in ordinary.content.decode()
    assert [row[2] for row in ordinary.context["rows"]] == [
        "Công văn: Về việc cấp phép xây dựng nhà ở riêng lẻ",
        "Công văn: Về việc kiểm tra trật tự xây dựng",
        "Công văn: Về việc báo cáo tài chính quý III",
    ]
    secret = page(clerk, year=book.year, so="mat")
    assert [row[2] for row in secret.context["rows"]] == ["Công văn: Về phương án bảo vệ mục tiêu trọng điểm"]
    workbook = clerk.get(reverse("outgoing-register-xlsx"), {"year": book.year, "so": "mat"})
    assert f'filename="so-van-ban-di-mat-{book.year}.xlsx"' in workbook["Content-Disposition"]
    assert [row[2] for row in data_rows(sheet_of(workbook))] == ["Công văn: Về phương án bảo vệ mục tiêu trọng điểm"]
    assert "mục tiêu" not in str(data_rows(sheet_of(api(c.clerk).get(API_URL, {"year": book.year}))))

    # A leader who did not sign it, not granted, still cannot open the confidential register.
    other_leader = person("phochanhvp", c.office, Role.LEADER, position="Phó Chánh Văn phòng")
    assert web(other_leader).get(reverse("outgoing-register-book"), {"so": "mat"}).status_code == 404


def test_only_the_registry_and_leaders_see_the_register(office):
    for user in (office.specialist, office.head):
        assert web(user).get(reverse("outgoing-register-book")).status_code == 404
        assert web(user).get(reverse("outgoing-register-xlsx")).status_code == 404
        refused = api(user).get(API_URL, {"year": 2026})
        assert refused.status_code == 403
        assert refused.json()["error"]["message"] == "Chỉ văn thư và lãnh đạo cơ quan được xem sổ đăng ký văn bản đi."
    assert page(web(office.leader)).context["rows"] == []
    assert APIClient().get(API_URL, {"year": 2026}).status_code in (401, 403)


@pytest.mark.parametrize("year", ["", "abc", "20266", "1800", "-2026", "2026.5"])
def test_a_bad_year_is_refused_with_a_vietnamese_message(office, year):
    response = api(office.clerk).get(API_URL, {"year": year})
    assert response.status_code == 400, response.content
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Tham số year phải là một năm từ 1900 đến 2100, ví dụ 2026.",
            "fields": {"year": ["Năm phải từ 1900 đến 2100."]},
        }
    }


def test_the_endpoint_is_in_the_api_schema(office):
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"][API_URL]["get"]
    assert sorted(p["name"] for p in operation["parameters"] if p["in"] == "query") == ["so", "year"]
    assert XLSX in operation["responses"]["200"]["content"]
    printed = schema["paths"][API_URL.replace(".xlsx", ".pdf")]["get"]
    assert "application/pdf" in printed["responses"]["200"]["content"]


def test_the_url_without_trailing_slash_redirects_to_the_register(office):
    response = api(office.clerk).get(API_URL.rstrip("/"), {"year": 2026})
    assert response.status_code == 301 and response["Location"] == f"{API_URL}?year=2026"


def test_the_register_prints_to_bind_with_a_cover_and_its_rows(book):
    """ND30 Art.16 §2b: the register kept in the System is printed, signed and
    bound: the PDF has the cover and first page, then the rows in number order;
    the confidential one only for those granted."""
    from pypdf import PdfReader

    c = book.c
    response = web(c.clerk).get(reverse("outgoing-register-pdf"), {"year": book.year})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="so-van-ban-di-{book.year}.pdf"' in response["Content-Disposition"]
    text = [p.extract_text() for p in PdfReader(BytesIO(response.content)).pages]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text[0] and f"Năm: {book.year}" in text[0]
    issued = sorted([book.first, book.second, book.third], key=lambda d: d.number)
    assert f"Từ số {issued[0].symbol_display} đến số {issued[-1].symbol_display}" in text[0]
    rows = "\n".join(text[2:])
    assert rows.index(issued[0].symbol_display) < rows.index(issued[1].symbol_display) < rows.index(issued[2].symbol_display)
    assert "mục tiêu" not in rows  # the confidential one is in its own register
    assert web(c.specialist).get(reverse("outgoing-register-pdf")).status_code == 404
    assert web(c.leader).get(reverse("outgoing-register-pdf"), {"so": "mat"}).status_code in (200, 404)


def test_the_api_gives_the_confidential_register_and_the_pdf_to_those_granted(book):
    """`so=mat` and register.pdf through the API, as on the page: the confidential
    register only to a clerk granted, every reading audited; 404 to the others."""
    from eoffice.audit.models import AuditEvent

    c = book.c
    c.clerk = person("vanthuphu", c.office, Role.CLERK, position="Văn thư")
    pdf_url = API_URL.replace("register.xlsx", "register.pdf")
    assert api(c.clerk).get(API_URL, {"year": book.year, "so": "mat"}).status_code == 404
    assert api(c.clerk).get(pdf_url, {"year": book.year, "so": "mat"}).status_code == 404
    AccessGrant.objects.create(document=book.secret, user=c.clerk, granted_by=c.leader)
    workbook = api(c.clerk).get(API_URL, {"year": book.year, "so": "mat"})
    assert [row[2] for row in data_rows(sheet_of(workbook))] == ["Công văn: Về phương án bảo vệ mục tiêu trọng điểm"]
    printed = api(c.clerk).get(pdf_url, {"year": book.year, "so": "mat"})
    assert printed["Content-Type"] == "application/pdf" and f"so-van-ban-di-mat-{book.year}.pdf" in printed["Content-Disposition"]
    ordinary = api(c.clerk).get(pdf_url, {"year": book.year})
    assert ordinary.status_code == 200 and ordinary.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="outgoing.read_confidential_register", actor=c.clerk).count() == 2
    assert api(c.specialist).get(pdf_url, {"year": book.year}).status_code == 403
