"""The web pages: what each role sees, and what happens with bad input."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eoffice.conftest import PDF_BYTES, incoming_data
from eoffice.incoming.handling.services import incoming_direct, incoming_submit
from eoffice.incoming.models import AssignmentKind, IncomingDocument, Status
from eoffice.incoming.receiving.services import incoming_register
from eoffice.incoming.tests.helpers import registration_year

pytestmark = pytest.mark.django_db

FORM = {
    "type_name": "Công văn",
    "code_number": "77",
    "code_notation": "STC-NS",
    "issued_date": "02/03/2026",
    "organ_name": "Sở Tài chính",
    "subject": "Về việc phân bổ dự toán ngân sách năm 2026",
    "arrival_date": "03/03/2026",
    "priority": "1",
    "confidentiality": "0",
    "source": "paper",
    "language": "Tiếng Việt",
}


def login(client, user):
    client.force_login(user)
    return client


def registered(cast, **overrides):
    return incoming_register(actor=cast.actor(cast.clerk), data=incoming_data(**overrides))


def test_the_clerk_registers_with_a_pdf_and_lands_on_the_document(client, cast):
    login(client, cast.clerk)
    pdf = SimpleUploadedFile("cv77.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(reverse("incoming-register"), {**FORM, "files": [pdf]})
    document = IncomingDocument.objects.get()
    assert response.status_code == 302 and response.url == reverse("incoming-detail", args=[document.pk])
    page = client.get(response.url).content.decode()
    assert "Số đến <strong>1</strong>" in page and "cv77.pdf" in page and "/trang/1/" in page
    assert client.get(reverse("incoming-file", args=[document.pk, document.attachments.get().pk])).status_code == 200


def test_an_impossible_date_gets_a_vietnamese_message_and_keeps_the_input(client, cast):
    login(client, cast.clerk)
    response = client.post(reverse("incoming-register"), {**FORM, "issued_date": "31/02/2026"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in page
    assert "Về việc phân bổ dự toán ngân sách năm 2026" in page
    assert not IncomingDocument.objects.exists()


def test_an_arrival_before_the_issued_date_is_refused(client, cast):
    login(client, cast.clerk)
    response = client.post(reverse("incoming-register"), {**FORM, "arrival_date": "01/03/2026"})
    assert response.status_code == 400 and "Ngày đến không được trước ngày văn bản" in response.content.decode()


def test_a_disguised_executable_is_refused_on_the_form(client, cast):
    login(client, cast.clerk)
    exe = SimpleUploadedFile("cv77.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    response = client.post(reverse("incoming-register"), {**FORM, "files": [exe]})
    assert response.status_code == 400 and "không khớp với đuôi tệp" in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_a_duplicate_asks_for_confirmation(client, cast):
    login(client, cast.clerk)
    assert 'name="confirm_duplicate"' not in client.get(reverse("incoming-register")).content.decode()
    client.post(reverse("incoming-register"), FORM)
    response = client.post(reverse("incoming-register"), FORM)
    assert response.status_code == 400 and "đã được vào sổ" in response.content.decode()
    assert 'name="confirm_duplicate"' in response.content.decode()
    response = client.post(reverse("incoming-register"), {**FORM, "confirm_duplicate": "on"})
    assert response.status_code == 302 and IncomingDocument.objects.count() == 2


def test_only_the_registry_sees_the_registration_screen(client, cast):
    login(client, cast.specialist)
    assert client.get(reverse("incoming-register")).status_code == 404


def test_the_story_through_the_pages(client, cast):
    """GIVEN a registered document WHEN each person acts on its page (the unit
    head accepting the specialist's result) THEN it is done."""
    document = registered(cast)
    login(client, cast.clerk)
    leader_id = cast.leader.pk
    assert client.post(reverse("incoming-submit", args=[document.pk]), {"leader": leader_id}).status_code == 302
    login(client, cast.leader)
    inbox = client.get(reverse("inbox")).content.decode()
    assert document.subject in inbox
    direction = {
        "opinion": "Phòng TH chủ trì",
        "lead_unit": cast.tonghop.pk,
        "coordinating_units": [cast.kinhte.pk],
        "deadline_days": "5",
    }
    assert client.post(reverse("incoming-direct", args=[document.pk]), direction).status_code == 302
    lead = document.assignments.get(kind=AssignmentKind.LEAD)
    login(client, cast.head)
    assert document.subject in client.get(reverse("inbox")).content.decode()
    response = client.post(reverse("assignment-reassign", args=[lead.pk]), {f"a{lead.pk}-user": cast.specialist.pk})
    assert response.status_code == 302
    task = lead.children.get()
    login(client, cast.specialist)
    client.post(reverse("assignment-progress", args=[task.pk]), {f"a{task.pk}-note": "Đang tổng hợp"})
    client.post(reverse("assignment-complete", args=[task.pk]), {f"a{task.pk}-proposal": "Đề xuất trả lời"})
    login(client, cast.head)
    assert client.post(reverse("assignment-accept", args=[lead.pk]), {}).status_code == 302
    document.refresh_from_db()
    assert document.status == Status.DONE
    page = client.get(reverse("incoming-detail", args=[document.pk])).content.decode()
    for step in ["Vào sổ", "Trình", "Chỉ đạo", "Giao", "Cập nhật tiến độ", "Hoàn thành", "Chấp nhận", "giải quyết xong"]:
        assert step in page
    assert "Đề xuất trả lời" in client.get(reverse("incoming-slip", args=[document.pk])).content.decode()


def test_a_refused_action_keeps_the_typed_text(client, cast):
    document = registered(cast)
    login(client, cast.leader)
    response = client.post(reverse("incoming-return", args=[document.pk]), {"return-reason": "Sai thẩm quyền giải quyết"})
    # Every workflow answers a refusal with the service's status: 409, not in this state.
    assert response.status_code == 409
    assert "Sai thẩm quyền giải quyết" in response.content.decode()
    assert "Không thể trả lại" in response.content.decode()


def test_an_outsider_gets_404_everywhere(client, cast):
    document = registered(cast)
    login(client, cast.outsider)
    assert client.get(reverse("incoming-detail", args=[document.pk])).status_code == 404
    assert client.get(reverse("incoming-slip", args=[document.pk])).status_code == 404
    assert client.post(reverse("incoming-recall", args=[document.pk]), {"recall-reason": "thu hồi văn bản"}).status_code == 404
    assert document.subject not in client.get(reverse("incoming-list")).content.decode()


def test_the_register_book_lists_ordinary_documents_only(client, cast):
    registered(cast, subject="Văn bản thường số một")
    registered(cast, code_number="9", subject="Văn bản mật số một", confidentiality=1)
    login(client, cast.clerk)
    year = f"?year={registration_year()}"
    page = client.get(reverse("incoming-register-book") + year).content.decode()
    assert "Văn bản thường số một" in page and "Văn bản mật số một" not in page
    response = client.get(reverse("incoming-register-xlsx") + year)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("incoming-follow-book") + year).status_code == 200


def test_the_confidential_register_lists_only_granted_documents_and_is_audited(client, cast):
    """Sổ đăng ký văn bản đến mật (ND30 Art.22): page, follow book and XLSX, only
    the confidential documents the reader was granted; 404 to whoever holds no
    grant; every reading audited."""
    from io import BytesIO

    from openpyxl import load_workbook

    from eoffice.audit.models import AuditEvent
    from eoffice.incoming.models import AccessGrant

    registered(cast, subject="Văn bản thường số một")
    secret = registered(cast, code_number="9", subject="Văn bản mật số một", confidentiality=1)
    other = registered(cast, code_number="10", subject="Văn bản mật số hai", confidentiality=2)
    AccessGrant.objects.filter(document=other, user=cast.clerk).delete()  # the clerk lost this one
    query = f"?year={registration_year()}&so=mat"
    login(client, cast.clerk)
    ordinary = client.get(reverse("incoming-register-book") + f"?year={registration_year()}").content.decode()
    assert 'value="mat"' in ordinary  # offered to a clerk granted one
    page = client.get(reverse("incoming-register-book") + query).content.decode()
    assert "Sổ đăng ký văn bản đến mật" in page and "Văn bản mật số một" in page
    assert "Văn bản mật số hai" not in page and "Văn bản thường số một" not in page
    follow = client.get(reverse("incoming-follow-book") + query).content.decode()
    assert "Sổ theo dõi giải quyết văn bản đến mật" in follow and f"{secret.symbol_display} ngày" in follow
    assert other.symbol_display not in follow
    workbook = client.get(reverse("incoming-register-xlsx") + query)
    assert f"so-van-ban-den-mat-{registration_year()}.xlsx" in workbook["Content-Disposition"]
    cells = [str(c) for row in load_workbook(BytesIO(workbook.content)).active.iter_rows(values_only=True) for c in row]
    assert any("Văn bản mật số một" in c for c in cells) and not any("số hai" in c or "thường" in c for c in cells)
    assert AuditEvent.objects.filter(action="incoming.read_confidential_register", actor=cast.clerk).count() == 3
    assert secret.arrival_number == 1
    login(client, cast.leader)  # not granted any
    assert client.get(reverse("incoming-register-book") + query).status_code == 404
    assert 'value="mat"' not in client.get(reverse("incoming-register-book")).content.decode()


def test_the_register_prints_to_bind_with_a_cover_and_its_rows(client, cast):
    """ND30 Art.22 §3b: the register kept in the System, printed to be signed and
    bound: cover and first page, then the rows; the confidential register only
    for those granted, audited."""
    from io import BytesIO

    from pypdf import PdfReader

    from eoffice.audit.models import AuditEvent

    registered(cast, subject="Văn bản thường số một")
    registered(cast, code_number="9", subject="Văn bản mật số một", confidentiality=1)
    login(client, cast.clerk)
    response = client.get(reverse("incoming-register-pdf"), {"year": registration_year()})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text[0] and "Từ số 1 đến số 1" in text[0] and "Từ ngày 03/03/2026" in text[0]
    assert "Văn bản thường số một" in "".join(text[2:]) and "Văn bản mật" not in "".join(text)
    secret = client.get(reverse("incoming-register-pdf"), {"year": registration_year(), "so": "mat"})
    secret_text = "".join(page.extract_text() for page in PdfReader(BytesIO(secret.content)).pages)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN MẬT" in secret_text and "Văn bản mật số một" in secret_text
    assert AuditEvent.objects.filter(action="incoming.read_confidential_register").count() == 1
    login(client, cast.specialist)
    assert client.get(reverse("incoming-register-pdf")).status_code == 404


def test_the_follow_up_book_downloads_as_xlsx_and_pdf(client, cast):
    """Sổ theo dõi giải quyết văn bản đến (Appendix IV, seven columns) as XLSX and
    as the PDF to bind; the confidential one only for those granted."""
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    registered(cast, subject="Văn bản thường số một", due_date=date(2026, 3, 20))
    registered(cast, code_number="9", subject="Văn bản mật số một", confidentiality=1)
    login(client, cast.clerk)
    year = {"year": registration_year()}
    workbook = client.get(reverse("incoming-follow-xlsx"), year)
    assert f"so-theo-doi-van-ban-den-{registration_year()}.xlsx" in workbook["Content-Disposition"]
    rows = [row for row in load_workbook(BytesIO(workbook.content)).active.iter_rows(min_row=5, values_only=True) if any(row)]
    assert rows == [(1, "Công văn số 125/SXD-QLXD ngày 02/03/2026 của Sở Xây dựng", None, "20/03/2026", "Đã vào sổ", None, None)]
    pdf = client.get(reverse("incoming-follow-pdf"), year)
    text = [page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages]
    assert "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN" in text[0] and "125/SXD-QLXD" in text[2] and "mật" not in "".join(text[2:])
    secret = client.get(reverse("incoming-follow-xlsx"), {**year, "so": "mat"})
    assert "mat" in secret["Content-Disposition"]
    login(client, cast.specialist)
    assert client.get(reverse("incoming-follow-pdf")).status_code == 404


def test_specialists_cannot_open_the_registers(client, cast):
    login(client, cast.specialist)
    assert client.get(reverse("incoming-register-book")).status_code == 404


def test_leaders_see_who_is_late(client, cast):
    document = registered(cast)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="x", lead_unit=cast.tonghop)
    document.assignments.filter(kind=AssignmentKind.LEAD).update(deadline="2026-03-04")
    login(client, cast.leader)
    page = client.get(reverse("incoming-late")).content.decode()
    assert "04/03/2026" in page and "Phòng Tổng hợp" in page
    login(client, cast.specialist)
    assert client.get(reverse("incoming-late")).status_code == 404


def test_search_without_diacritics_in_the_list(client, cast):
    registered(cast, subject="Về việc đầu tư đường giao thông nông thôn")
    login(client, cast.clerk)
    assert "đường giao thông" in client.get(reverse("incoming-list") + "?q=duong+giao+thong").content.decode()


def test_anonymous_users_are_sent_to_login(client, cast):
    response = client.get(reverse("inbox"))
    assert response.status_code == 302 and reverse("login") in response.url


def _overdue_tasks(cast, first, count):
    from eoffice.incoming.models import Assignment

    for n in range(first, first + count):
        document = registered(cast, code_number=str(500 + n))
        incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
        incoming_direct(actor=cast.actor(cast.leader), document=document, opinion="x", lead_unit=cast.tonghop)
    Assignment.objects.filter(kind=AssignmentKind.LEAD).update(deadline="2026-03-04")


def test_the_inbox_costs_the_same_queries_for_few_or_many_items(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, cast.head)
    _overdue_tasks(cast, 0, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("inbox")).status_code == 200
    _overdue_tasks(cast, 2, 8)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("inbox")).content.decode()
    assert page.count("quá hạn") >= 10
    assert len(many) == len(few)


def test_the_unit_heads_task_page_has_no_duplicate_element_ids(client, cast):
    """The re-assign and progress forms of one task both have a "note": their ids differ."""
    import re
    from collections import Counter
    from decimal import Decimal

    from eoffice.incoming.handling.services import incoming_direct, incoming_submit

    document = registered(cast)
    incoming_submit(actor=cast.actor(cast.clerk), document=document, leader=cast.leader)
    incoming_direct(
        actor=cast.actor(cast.leader), document=document, opinion="Giao TH", lead_unit=cast.tonghop, deadline_days=Decimal(3)
    )
    page = login(client, cast.head).get(reverse("incoming-detail", args=[document.pk])).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert any(name.startswith("id_reassign_") for name in ids) and any(name.startswith("id_progress_") for name in ids)


def test_the_api_gives_each_register_as_xlsx_and_pdf_and_the_confidential_ones_to_those_granted(cast):
    """GET /api/v1/incoming/register.{xlsx,pdf} and follow-book.{xlsx,pdf}, with
    `so=mat` for the confidential register: the same files as the pages."""
    from eoffice.audit.models import AuditEvent
    from eoffice.core.tests.api_helpers import API, login

    registered(cast, subject="Văn bản thường số một")
    registered(cast, code_number="9", subject="Văn bản mật số một", confidentiality=1)
    clerk, year = login("vanthu"), registration_year()
    for path in ("register.xlsx", "register.pdf", "follow-book.xlsx", "follow-book.pdf"):
        ordinary = clerk.get(f"{API}/incoming/{path}", {"year": year})
        secret = clerk.get(f"{API}/incoming/{path}", {"year": year, "so": "mat"})
        assert ordinary.status_code == secret.status_code == 200, path
        assert "-mat-" in secret["Content-Disposition"] and "-mat-" not in ordinary["Content-Disposition"]
    assert AuditEvent.objects.filter(action="incoming.read_confidential_register", actor=cast.clerk).count() == 4
    leader = login("chanhvp")  # holds no grant: the confidential register does not exist for them
    assert leader.get(f"{API}/incoming/register.pdf", {"year": year, "so": "mat"}).status_code == 404
    assert leader.get(f"{API}/incoming/register.pdf", {"year": year}).status_code == 200
    assert login("chuyenvien").get(f"{API}/incoming/follow-book.pdf", {"year": year}).status_code == 403
    assert clerk.get(f"{API}/incoming/register.pdf", {"year": "abc"}).status_code == 400
