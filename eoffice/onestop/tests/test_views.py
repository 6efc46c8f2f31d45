"""The one-stop staff pages: the menu and its badge, the work list, the receipt
at the counter, the dossier page, the slips and files, the Sổ theo dõi hồ sơ;
each for the right people, 403/404 for the others."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from openpyxl import load_workbook

from eoffice.conftest import PDF_BYTES, person
from eoffice.onestop.dossiers import worklist
from eoffice.onestop.dossiers.services import (
    dossier_apologise,
    dossier_hand_over,
    dossier_refuse,
    dossier_request_supplement,
)
from eoffice.onestop.models import Dossier, Status
from eoffice.onestop.tests.factories import at, make_procedure, process_to_result, receive, submit_online
from eoffice.organisation.models import Role, Unit

pytestmark = pytest.mark.django_db


def add_outsider_unit(c):
    """Phòng Nội chính, a unit of the office with no step in any procedure, and its specialist."""
    c.noichinh = Unit.objects.create(agency=c.office, name="Phòng Nội chính", abbreviation="NC")
    c.nc_specialist = person("chuyenviennc", c.office, Role.SPECIALIST, c.noichinh, "Chuyên viên")
    return c


@pytest.fixture
def desk(onestop, clock):
    """Dossiers in every state (the clock at Monday 02/03/2026 09:00 when received)."""
    c = add_outsider_unit(onestop)
    c.submitted = submit_online(c, name="Lê Văn Nam")
    c.received = receive(c, name="Trần Thị Mai")
    c.at_kinhte = receive(c, name="Đỗ Quang Huy")
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=c.at_kinhte)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=c.at_kinhte)
    c.waiting_papers = receive(c, name="Ngô Thị Lan")
    dossier_request_supplement(
        actor=c.actor(c.one_stop), dossier=c.waiting_papers, items=["Bản vẽ mặt bằng"], reason="Bản vẽ thiếu chữ ký."
    )
    c.ready = receive(c, name="Phạm Văn Hùng")
    process_to_result(c, c.ready)
    return c


def get(client, user, name, *args, **params):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(f"onestop:{name}", args=args), params)


def text(response) -> str:
    return response.content.decode()


def listed(response) -> set[str]:
    return set(re.findall(r'data-code="([^"]+)"', text(response)))


# --------------------------------------------------------------------------- menu and badge
def badge(response) -> str | None:
    """The number on the "Một cửa" menu entry, None without the entry."""
    html = text(response)
    entry = re.search(r'href="/mot-cua/">Một cửa(?: <span class="count"[^>]*>(\d+)</span>)?</a>', html)
    return None if entry is None else (entry.group(1) or "")


def test_the_menu_entry_and_its_badge_count_what_waits_for_each_person(client, desk):
    c = desk
    # The counter: the online submission to accept, the received dossier to hand over, the result to return.
    assert badge(get(client, c.one_stop, "list")) == "3"
    assert badge(get(client, c.kt_specialist, "list")) == "1"  # the dossier at Phòng Kinh tế
    assert badge(get(client, c.specialist, "list")) == ""  # Phòng Tổng hợp has a step, nothing waits now
    assert badge(get(client, c.leader, "list")) == ""
    client.force_login(c.clerk)  # no unit, no one-stop role: no entry
    assert badge(client.get(reverse("inbox"))) is None
    client.force_login(c.nc_specialist)
    assert badge(client.get(reverse("inbox"))) is None


# --------------------------------------------------------------------------- the work list
def test_each_tab_lists_its_dossiers(client, desk, clock):
    c = desk
    expected = {
        "submitted": {c.submitted.code},
        "waiting": {c.submitted.code, c.received.code, c.ready.code},
        "in_process": {c.received.code, c.at_kinhte.code},
        "supplement": {c.waiting_papers.code},
        "due": set(),
        "result_ready": {c.ready.code},
        "all": {c.submitted.code, c.received.code, c.at_kinhte.code, c.waiting_papers.code, c.ready.code},
    }
    for tab, codes in expected.items():
        assert listed(get(client, c.one_stop, "list", tab=tab)) == codes, tab
    clock.set(at(4, 3, 9))  # Wednesday: the Thursday 17:00 appointments are two working days away
    assert listed(get(client, c.one_stop, "list", tab="due")) == {c.received.code, c.at_kinhte.code}
    assert listed(get(client, c.kt_specialist, "list", tab="waiting")) == {c.at_kinhte.code}
    # Papers asked for after the appointment had passed: the stopped clock shows it late.
    Dossier.objects.filter(pk=c.waiting_papers.pk).update(paused_at=F("due_at") + timedelta(hours=1))
    due = {c.received.code, c.at_kinhte.code, c.waiting_papers.code}
    assert listed(get(client, c.one_stop, "list", tab="due")) == due
    for user in (c.one_stop, c.leader, c.kt_specialist):  # the home page's count, its branches added up
        assert worklist.tab_count(c.actor(user), "due") == worklist.tab_queryset(c.actor(user), "due").count() > 0


def test_newest_first_but_the_nearest_appointment_first_in_my_work(client, onestop, clock):
    c = onestop
    first = receive(c)
    clock.advance(days=1)
    online = submit_online(c)  # not received yet: it counts from its submission
    clock.advance(days=1)
    last = receive(c)
    in_order = lambda response: re.findall(r'data-code="([^"]+)"', text(response))  # noqa: E731
    assert in_order(get(client, c.one_stop, "list", tab="all")) == [last.code, online.code, first.code]
    assert in_order(get(client, c.one_stop, "list", tab="waiting")) == [first.code, last.code, online.code]


def test_the_columns_show_the_current_step_and_the_time_left(client, desk, clock):
    c = desk
    html = text(get(client, c.one_stop, "list", tab="all"))
    row = re.search(rf'<tr data-code="{c.at_kinhte.code}".*?</tr>', html, re.S).group(0)
    assert "Thẩm định hồ sơ, dự thảo giấy phép" in row and "Phòng Kinh tế" in row
    assert "Còn 3,5 ngày" in row and "02/03/2026 09:00" in row and "05/03/2026 17:00" in row
    assert "Cấp giấy phép xây dựng mới" in row and "Đỗ Quang Huy" in row
    ready = re.search(rf'<tr data-code="{c.ready.code}".*?</tr>', html, re.S).group(0)
    assert "Trước hạn" in ready
    clock.set(at(9, 3, 9))  # the next Monday: late
    row = re.search(rf'<tr data-code="{c.received.code}".*?</tr>', text(get(client, c.one_stop, "list", tab="all")), re.S)
    assert 'class="is-late"' in row.group(0) and "Quá hạn 1,5 ngày" in row.group(0)  # Friday and Monday morning


def test_search_by_name_without_diacritics_or_by_code_and_filters(client, desk, onestop):
    c = desk
    assert listed(get(client, c.one_stop, "list", tab="all", q="tran thi mai")) == {c.received.code}
    assert listed(get(client, c.one_stop, "list", tab="all", q="TRẦN mai")) == {c.received.code}
    assert listed(get(client, c.one_stop, "list", tab="all", q=c.ready.code[-4:])) == {c.ready.code}
    by_status = get(client, c.one_stop, "list", tab="all", status=Status.SUPPLEMENT)
    assert listed(by_status) == {c.waiting_papers.code}
    other = make_procedure(c.office, c.field, code="2.000010.000.00.00.H26", name="Cấp bản sao", steps=[], papers=[])
    copy = receive(c, procedure=other, name="Vũ Thị Hoa")
    assert listed(get(client, c.one_stop, "list", tab="all", procedure=other.code)) == {copy.code}
    assert listed(get(client, c.one_stop, "list", tab="all", date_from="03/03/2026")) == set()
    assert len(listed(get(client, c.one_stop, "list", tab="all", date_from="02/03/2026", date_to="02/03/2026"))) == 6
    bad = get(client, c.one_stop, "list", tab="all", date_from="31/02/2026")
    assert (
        bad.status_code == 200 and "Ngày không hợp lệ" in text(bad) and len(listed(bad)) == 6
    )  # the bad filter is shown, not applied


def test_the_list_is_for_the_counter_and_the_units_with_a_step(client, desk):
    c = desk
    assert listed(get(client, c.kt_specialist, "list", tab="all")) == {
        c.received.code,
        c.at_kinhte.code,
        c.waiting_papers.code,
        c.ready.code,
    }
    assert get(client, c.nc_specialist, "list").status_code == 403
    assert get(client, c.clerk, "list").status_code == 403
    assert get(client, c.outsider, "list").status_code == 403  # another agency's clerk
    client.logout()
    anonymous = client.get(reverse("onestop:list"))
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]


# --------------------------------------------------------------------------- receipt
def receive_post(c, **overrides) -> dict:
    """The receive form filled for the standard procedure, every paper ticked."""
    data = {
        "thu_tuc": c.procedure.code,
        "kind": "person",
        "name": "Hoàng Thị Thu",
        "phone": "0987 654 321",
        "address": "Số 5 Điện Biên Phủ, Hồng Bàng, Hải Phòng",
        "id_number": "031190004567",
        "email": "",
        "organisation_name": "",
        "channel": "counter",
        "note": "Người nộp hẹn đến nhận trực tiếp.",
    }
    for paper in c.procedure.papers.all():
        data |= {f"p{paper.pk}_ticked": "on", f"p{paper.pk}_originals": paper.originals, f"p{paper.pk}_copies": paper.copies}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def first_paper(c):
    return c.procedure.papers.order_by("order").first()


def test_choosing_the_procedure_then_the_checklist(client, onestop):
    c = onestop
    choose = text(get(client, c.one_stop, "receive"))
    assert "Bước 1: chọn thủ tục hành chính" in choose and c.procedure.code in choose
    found = text(get(client, c.one_stop, "receive", q="giay phep xay dung"))  # without diacritics
    assert f"?thu_tuc={c.procedure.code}" in found
    assert "Không có thủ tục nào phù hợp" in text(get(client, c.one_stop, "receive", q="ho tich"))
    form = text(get(client, c.one_stop, "receive", thu_tuc=c.procedure.code))
    for paper in c.procedure.papers.all():
        assert paper.name in form and f'name="p{paper.pk}_ticked"' in form
    assert 'name="thu_tuc" value="1.009972.000.00.00.H26"' in form


def test_an_unknown_procedure_is_refused_with_its_code(client, onestop):
    c = onestop
    response = get(client, c.one_stop, "receive", thu_tuc="9.999999.000.00.00.H26")
    assert response.status_code == 400
    assert "Không tìm thấy thủ tục hành chính có mã “9.999999.000.00.00.H26”" in text(response)
    client.force_login(c.one_stop)
    posted = client.post(reverse("onestop:receive"), receive_post(c, thu_tuc="9.999999.000.00.00.H26"))
    assert posted.status_code == 400 and not Dossier.objects.exists()


def test_receiving_at_the_counter_leads_to_the_receipt(client, onestop, clock):
    c = onestop
    client.force_login(c.one_stop)
    scan = SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(reverse("onestop:receive"), receive_post(c, **{f"p{first_paper(c).pk}_file": scan}))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("onestop:detail", args=[dossier.pk])
    assert (dossier.applicant_name, dossier.phone, dossier.status) == ("Hoàng Thị Thu", "0987654321", Status.RECEIVED)
    assert dossier.papers.count() == 3 and dossier.papers.get(required_paper=first_paper(c)).file is not None
    page = client.get(response["Location"])
    html = text(page)
    assert f"Đã tiếp nhận hồ sơ {dossier.code}" in html
    assert 'id="print-receipt"' in html and reverse("onestop:slip", args=[dossier.pk, "tiep-nhan"]) in html


def test_missing_papers_keep_every_typed_value_and_the_scan(client, onestop):
    c = onestop
    client.force_login(c.one_stop)
    papers = list(c.procedure.papers.order_by("order"))
    scan = SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf")
    data = receive_post(c, **{f"p{papers[0].pk}_file": scan, f"p{papers[2].pk}_ticked": None})
    response = client.post(reverse("onestop:receive"), data)
    html = text(response)
    assert response.status_code == 400 and not Dossier.objects.exists()
    assert "Hồ sơ còn thiếu giấy tờ bắt buộc: 3) Bản vẽ thiết kế xây dựng." in html
    assert 'value="Hoàng Thị Thu"' in html and 'value="0987 654 321"' in html and "Người nộp hẹn đến nhận trực tiếp." in html
    assert re.search(rf'data-paper="p{papers[2].pk}" class="has-error"', html)
    assert "Đã lưu tệp đã chọn" in html  # the scan is kept: no need to choose it again
    kept = re.search(rf'name="p{papers[0].pk}_kept" value="([^"]+)"', html).group(1)
    retry = receive_post(c, **{f"p{papers[0].pk}_kept": kept})
    assert client.post(reverse("onestop:receive"), retry).status_code == 302
    assert Dossier.objects.get().papers.get(required_paper=papers[0]).file.size == len(PDF_BYTES)


def test_an_empty_required_field_keeps_the_scan_too(client, onestop):
    c = onestop
    client.force_login(c.one_stop)
    scan = SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(reverse("onestop:receive"), receive_post(c, name="", **{f"p{first_paper(c).pk}_file": scan}))
    html = text(response)
    assert response.status_code == 400 and "Trường này là bắt buộc" in html and "Đã lưu tệp đã chọn" in html
    kept = re.search(rf'name="p{first_paper(c).pk}_kept" value="([^"]+)"', html).group(1)
    retry = receive_post(c, **{f"p{first_paper(c).pk}_kept": kept})
    assert client.post(reverse("onestop:receive"), retry).status_code == 302
    assert Dossier.objects.get().papers.get(required_paper=first_paper(c)).file is not None


def test_a_forged_kept_reference_is_ignored(client, onestop):
    c = onestop
    client.force_login(c.one_stop)
    response = client.post(reverse("onestop:receive"), receive_post(c, **{f"p{first_paper(c).pk}_kept": "0" * 64}))
    assert response.status_code == 302
    assert Dossier.objects.get().papers.get(required_paper=first_paper(c)).file is None


def test_a_disguised_scan_is_refused_on_its_row(client, onestop):
    c = onestop
    client.force_login(c.one_stop)
    fake = SimpleUploadedFile("ban-ve.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client.post(reverse("onestop:receive"), receive_post(c, **{f"p{first_paper(c).pk}_file": fake}))
    assert response.status_code == 400 and not Dossier.objects.exists()
    assert "ban-ve.pdf" in text(response) and 'value="Hoàng Thị Thu"' in text(response)


def test_only_the_counter_receives(client, onestop):
    c = onestop
    assert get(client, c.specialist, "receive").status_code == 403
    assert get(client, c.leader, "receive", thu_tuc=c.procedure.code).status_code == 403
    client.force_login(c.leader)
    assert client.post(reverse("onestop:receive"), receive_post(c)).status_code == 403
    client.logout()
    assert client.get(reverse("onestop:receive")).status_code == 302
    assert not Dossier.objects.exists()


# --------------------------------------------------------------------------- the dossier page
def test_the_dossier_page_for_the_right_people_only(client, desk):
    c = desk
    for user in (c.one_stop, c.leader, c.kt_specialist, c.specialist):
        assert get(client, user, "detail", c.at_kinhte.pk).status_code == 200, user
    assert get(client, c.nc_specialist, "detail", c.at_kinhte.pk).status_code == 404
    assert get(client, c.outsider, "detail", c.at_kinhte.pk).status_code == 404
    assert get(client, c.kt_specialist, "detail", c.submitted.pk).status_code == 404  # no steps yet: the counter's
    client.logout()
    assert client.get(reverse("onestop:detail", args=[c.at_kinhte.pk])).status_code == 302


def test_the_dossier_page_shows_steps_papers_history_and_slips(client, desk):
    c = desk
    html = text(get(client, c.one_stop, "detail", c.waiting_papers.pk))
    assert "Ngô Thị Lan" in html and "0912345678" in html and "031190001234" in html  # personal data, staff only
    assert "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)" in html
    assert "Tiếp nhận, kiểm tra và chuyển hồ sơ" in html and "Bộ phận Một cửa" in html
    assert 'data-event="received"' in html and 'data-event="supplement_requested"' in html
    slips = set(re.findall(r'data-slip="([^"]+)"', html))
    assert slips == {"tiep-nhan", "bo-sung", "kiem-soat"}
    assert "Chờ bổ sung" in html and "đang dừng" in html
    notice = re.search(r'id="supplement-request">(.*?)</p>', html, re.S).group(1)
    assert "Bản vẽ mặt bằng" in notice and "Bản vẽ thiếu chữ ký." in notice
    submitted = text(get(client, c.one_stop, "detail", c.submitted.pk))
    assert "Chưa có phiếu nào" in submitted and 'id="print-receipt"' not in submitted


def test_slips_download_as_pdf_and_absent_ones_are_404(client, desk, clock):
    c = desk
    client.force_login(c.one_stop)

    def slip(dossier, kind, **params):
        return client.get(reverse("onestop:slip", args=[dossier.pk, kind]), params)

    for kind in ("tiep-nhan", "kiem-soat", "bo-sung"):
        response = slip(c.waiting_papers, kind)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", kind
        assert response.content.startswith(b"%PDF") and c.waiting_papers.code in response["Content-Disposition"]
    for kind in ("tu-choi", "xin-loi", "khong-co"):
        assert slip(c.waiting_papers, kind).status_code == 404, kind
    assert slip(c.submitted, "tiep-nhan").status_code == 404  # not received yet
    event = c.waiting_papers.events.get(kind="supplement_requested")
    assert slip(c.waiting_papers, "bo-sung", su_kien=event.pk).status_code == 200
    assert slip(c.waiting_papers, "bo-sung", su_kien=event.pk + 999).status_code == 404
    dossier_refuse(actor=c.actor(c.one_stop), dossier=c.submitted, reason="Hồ sơ không thuộc thẩm quyền.")
    assert slip(c.submitted, "tu-choi").status_code == 200
    clock.set(at(4, 3, 9))
    dossier_apologise(actor=c.actor(c.one_stop), dossier=c.received, reason="Chờ ý kiến thẩm định.", new_due=at(10, 3, 16))
    assert slip(c.received, "xin-loi")["Content-Type"] == "application/pdf"
    for user in (c.nc_specialist, c.outsider):
        client.force_login(user)
        assert slip(c.received, "tiep-nhan").status_code == 404


def test_scans_and_the_result_file_download_for_who_sees_the_dossier(client, onestop, clock):
    c = onestop
    client.force_login(c.one_stop)
    scan = SimpleUploadedFile("don.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(reverse("onestop:receive"), receive_post(c, **{f"p{first_paper(c).pk}_file": scan}))
    dossier = Dossier.objects.get()
    paper = dossier.papers.get(required_paper=first_paper(c))
    download = client.get(reverse("onestop:paper-file", args=[dossier.pk, paper.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    empty = dossier.papers.exclude(pk=paper.pk).first()
    assert client.get(reverse("onestop:paper-file", args=[dossier.pk, empty.pk])).status_code == 404
    assert client.get(reverse("onestop:result-file", args=[dossier.pk])).status_code == 404
    add_outsider_unit(c)
    client.force_login(c.nc_specialist)
    assert client.get(reverse("onestop:paper-file", args=[dossier.pk, paper.pk])).status_code == 404


# --------------------------------------------------------------------------- Sổ theo dõi hồ sơ
def test_the_book_page_and_its_xlsx_for_the_counter_and_leaders(client, desk):
    c = desk
    html = text(get(client, c.one_stop, "book", date_from="01/03/2026", date_to="31/03/2026"))
    assert "Sổ theo dõi hồ sơ — Tháng 03/2026" in html
    for dossier in (c.received, c.at_kinhte, c.waiting_papers, c.ready):
        assert dossier.code in html
    assert c.submitted.code not in html  # not received yet
    assert "5 hồ sơ" not in html and "4 hồ sơ tiếp nhận trong kỳ" in html
    empty = text(get(client, c.leader, "book", date_from="01/04/2026", date_to="30/04/2026"))
    assert "Không có hồ sơ nào được tiếp nhận trong kỳ này" in empty
    xlsx = get(client, c.leader, "book-xlsx", date_from="01/03/2026", date_to="31/03/2026")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "so-theo-doi-ho-so-20260301-20260331.xlsx" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "Tháng 03/2026"
    assert {sheet.cell(row=row, column=2).value for row in range(5, 9)} == {
        c.received.code,
        c.at_kinhte.code,
        c.waiting_papers.code,
        c.ready.code,
    }
    bad = get(client, c.one_stop, "book", date_from="31/03/2026", date_to="01/03/2026")
    assert bad.status_code == 400 and "“Từ ngày” phải trước hoặc bằng “Đến ngày”" in text(bad)
    assert get(client, c.one_stop, "book-xlsx", date_from="31/03/2026", date_to="01/03/2026").status_code == 400


def test_the_book_is_not_for_units_or_other_agencies(client, desk):
    c = desk
    for user in (c.kt_specialist, c.specialist, c.kt_head, c.clerk, c.outsider):
        assert get(client, user, "book").status_code == 403, user
        assert get(client, user, "book-xlsx").status_code == 403, user


def test_the_book_defaults_to_the_current_month(client, desk):
    html = text(get(client, desk.one_stop, "book"))
    assert "Tháng 03/2026" in html and desk.received.code in html
    assert 'value="2026-03-01"' in html and 'value="2026-03-31"' in html  # date pickers: 01/03/2026 – 31/03/2026


def test_the_receipt_page_sent_twice_receives_one_dossier(client, onestop, clock):
    c = onestop
    client.force_login(c.one_stop)
    key = re.search(
        r'name="submission_key" value="([0-9a-f]{32})"', text(get(client, c.one_stop, "receive", thu_tuc=c.procedure.code))
    )
    assert key, "the receipt page carries a one-time key"
    data = receive_post(c, submission_key=key.group(1))
    first, second = client.post(reverse("onestop:receive"), data), client.post(reverse("onestop:receive"), data)
    dossier = Dossier.objects.get()
    assert first["Location"] == second["Location"] == reverse("onestop:detail", args=[dossier.pk])
    assert "đã được tiếp nhận ở lần gửi trước" in text(client.get(second["Location"]))


def test_the_dossier_page_names_who_holds_it(client, onestop, clock):
    c = onestop
    dossier = receive(c)
    assert "Bộ phận một cửa: đã tiếp nhận, chờ chuyển xử lý" in text(get(client, c.one_stop, "detail", dossier.pk))
    step = dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    html = text(get(client, c.one_stop, "detail", dossier.pk))
    assert f"{step.unit.name} — bước {step.order} “{step.name}”" in html
    members = [u for u in step.unit.memberships.select_related("user")]
    assert members and all(str(m.user) in html for m in members)
    assert f"đang xử lý tại {step.unit.name}" in html
