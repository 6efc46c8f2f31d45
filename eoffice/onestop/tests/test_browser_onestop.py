"""The one-stop story in a real browser (Playwright with Debian's Chromium),
issue 5: a citizen finds the procedure on the public page without logging in,
downloads its form and files a dossier online; the counter (bộ phận một cửa)
accepts it, and receives a second dossier at the desk; that one goes through
the units step by step, waits for a supplement (the clock stops), gets an
apology with a new date, is finished, returned and rated by the citizen, who
follows it all on /tra-cuu-ho-so/ with the code and the phone's last digits.

Time: the `clock` fixture replaces django.utils.timezone.now for the whole
process, and the live server is a thread of this process, so setting the
clock between two steps moves the server's "now" too (no database edits)."""

import re
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from eoffice.conftest import sign_in
from eoffice.demo.pdf import pdf_bytes
from eoffice.onestop.models import Dossier, EventKind, Rating, Satisfaction, Status
from eoffice.onestop.public.ratelimit import NOT_FOUND
from eoffice.onestop.tests.factories import at, make_procedure
from eoffice.onestop.tests.test_api_story import with_fee_and_form

ONLINE_PHONE = "0912 345 678"  # the online applicant: look-up with 5678
COUNTER_PHONE = "0987 654 321"  # the applicant at the counter: look-up with 4321
SUPPLEMENT_ITEM = "Bản vẽ mặt cắt công trình có chữ ký của đơn vị thiết kế"


def pdf_file(name: str, text: str) -> dict:
    """A small PDF for an <input type=file> (each with its own bytes, like real scans)."""
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes([text])}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def c(onestop, clock, media, settings):
    """The one-stop office, its procedure published with a fee and a form to download,
    and a second procedure the citizen's search must leave out."""
    # The citizen's look-ups, days apart in the story, happen within a minute here.
    settings.EOFFICE_LOOKUP_PER_MINUTE = 100
    make_procedure(
        onestop.office,
        onestop.field,
        code="1.001612.000.00.00.H26",
        name="Đăng ký thành lập hộ kinh doanh",
        steps=[("Tiếp nhận và giải quyết", onestop.motcua, "3")],
        papers=[("Giấy đề nghị đăng ký hộ kinh doanh", 1, 0)],
    )
    return with_fee_and_form(onestop)


@pytest.fixture
def citizen(page) -> Iterator[Page]:
    """The citizen's own browser window: no login, its own cookies."""
    context = page.context.browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def expect_pdf(page: Page, href: str) -> None:
    """The link answers a PDF (fetched with the page's cookies)."""
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200, href
    assert response.headers["content-type"] == "application/pdf" and response.body().startswith(b"%PDF"), href


# --------------------------------------------------------------------------- the citizen
def find_the_procedure(citizen: Page, base: str, c) -> None:
    citizen.goto(f"{base}/thu-tuc/")
    expect(citizen.locator("h1")).to_have_text("Danh mục thủ tục hành chính")
    citizen.fill("input[name=q]", "giay phep xay dung nha o")  # typed without accents
    citizen.click("form.filters button.primary")
    expect(citizen.locator("p.muted").first).to_have_text("Có 1 thủ tục.")  # of the two published
    expect(citizen.locator("table.grid tbody tr")).to_have_count(1)
    citizen.click(f"text={c.procedure.name}")
    expect(citizen.locator("h1")).to_have_text(c.procedure.name)
    papers = citizen.locator("#thanh-phan-ho-so tbody tr")
    expect(papers).to_have_count(3)
    for paper in c.procedure.papers.order_by("order"):
        expect(papers.nth(paper.order - 1)).to_contain_text(paper.name)
    expect(citizen.locator("#phi-le-phi")).to_contain_text("Lệ phí cấp giấy phép xây dựng")
    expect(citizen.locator("#phi-le-phi")).to_contain_text("75.000 đồng")
    expect(citizen.locator("#trinh-tu tfoot")).to_contain_text("3,5 ngày làm việc")
    with citizen.expect_download() as download:
        citizen.click("a:has-text('Tải mẫu')")
    assert download.value.suggested_filename == "Mẫu số 01.pdf"
    with open(download.value.path(), "rb") as saved:
        assert saved.read().startswith(b"%PDF")


def submit_online(citizen: Page, c) -> str:
    """Nộp hồ sơ trực tuyến with one PDF per paper; returns the code given."""
    citizen.click("text=Nộp hồ sơ trực tuyến")
    expect(citizen.locator("h1")).to_have_text("Nộp hồ sơ trực tuyến")
    citizen.fill("input[name=name]", "Trần Thị Mai")
    citizen.fill("input[name=id_number]", "031190001234")
    citizen.fill("input[name=phone]", ONLINE_PHONE)
    citizen.fill("input[name=address]", "Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng")
    for paper in c.procedure.papers.order_by("order"):
        citizen.set_input_files(f"input[name=paper_{paper.pk}]", pdf_file(f"giay-to-{paper.order}.pdf", paper.name))
    citizen.click("button:has-text('Gửi hồ sơ')")
    expect(citizen.locator("h1")).to_have_text("Đã nộp hồ sơ")
    expect(citizen.locator(".status")).to_have_text("Chờ tiếp nhận")
    code = citizen.locator("strong.subject-lg").inner_text().strip()
    assert re.fullmatch(r"000\.01\.00\.H26-260302-\d{4}", code), code
    expect_pdf(citizen, citizen.locator("a:has-text('Tải giấy tiếp nhận hồ sơ')").get_attribute("href"))
    return code


def look_up(citizen: Page, base: str, code: str, last4: str) -> None:
    citizen.goto(f"{base}/tra-cuu-ho-so/")
    citizen.fill("input[name=ma]", code)
    citizen.fill("input[name=sdt]", last4)
    citizen.click("button:has-text('Tra cứu')")
    expect(citizen.locator("h1")).to_have_text("Tra cứu tình trạng hồ sơ")


def expect_status(citizen: Page, base: str, code: str, last4: str, label: str) -> None:
    look_up(citizen, base, code, last4)
    expect(citizen.locator("section.card h2").first).to_have_text(f"Hồ sơ {code}")
    expect(citizen.locator("strong.status")).to_have_text(label)


def expect_not_found(citizen: Page, base: str, code: str, last4: str) -> None:
    look_up(citizen, base, code, last4)
    expect(citizen.locator(".flash.error")).to_have_text(NOT_FOUND)
    expect(citizen.locator("strong.status")).to_have_count(0)


# --------------------------------------------------------------------------- the staff
def open_from_list(page: Page, base: str, tab: str, tab_label: str, code: str) -> None:
    page.goto(f"{base}/mot-cua/?tab={tab}")
    expect(page.locator(".tab.active")).to_contain_text(tab_label)
    page.click(f"tr[data-code='{code}'] a")
    expect(page.locator("h1")).to_contain_text(f"Hồ sơ {code}")


def act(page: Page, button: str, flash: str) -> None:
    """Press a step's button and wait for the page it leads to."""
    page.click(f"#xu-ly ~ details button:has-text('{button}')")
    expect(page.locator(".flash.success")).to_contain_text(flash)


def receive_at_the_counter(page: Page, base: str, c) -> str:
    """Tiếp nhận hồ sơ at the desk: refused without a required paper (the typed
    values and the scan kept), then received; returns the code."""
    page.goto(f"{base}/mot-cua/")
    page.click("a:has-text('Tiếp nhận hồ sơ')")
    expect(page.locator("h2")).to_have_text("Bước 1: chọn thủ tục hành chính")
    page.fill("input[name=q]", "xay dung")
    page.click("button:has-text('Tìm')")
    page.click(f".procedure-choices a:has-text('{c.procedure.code}')")
    expect(page.locator("p.subject-lg")).to_contain_text(c.procedure.name)
    papers = {paper.order: paper for paper in c.procedure.papers.all()}
    for order in (1, 2):
        page.check(f"tr[data-paper=p{papers[order].pk}] input[type=checkbox]")
    page.set_input_files(f"input[name=p{papers[1].pk}_file]", pdf_file("don-de-nghi.pdf", "Don de nghi cap giay phep"))
    page.fill("input[name=name]", "Phạm Văn Hùng")
    page.fill("input[name=phone]", COUNTER_PHONE)
    page.fill("input[name=address]", "Số 5 Điện Biên Phủ, phường Hồng Bàng, Hải Phòng")
    page.click("button:has-text('Tiếp nhận hồ sơ')")
    expect(page.locator(".flash.error")).to_contain_text("Hồ sơ còn thiếu giấy tờ bắt buộc: 3) Bản vẽ thiết kế xây dựng.")
    expect(page.locator(f"tr[data-paper=p{papers[3].pk}]")).to_contain_text("Giấy tờ bắt buộc chưa nộp")
    expect(page.locator("input[name=name]")).to_have_value("Phạm Văn Hùng")
    expect(page.locator("input[name=phone]")).to_have_value(COUNTER_PHONE)
    expect(page.locator(f"tr[data-paper=p{papers[1].pk}] input[type=checkbox]")).to_be_checked()
    expect(page.locator(f"tr[data-paper=p{papers[1].pk}] .kept")).to_be_visible()  # the scan is not chosen again
    assert not Dossier.objects.exclude(channel="online").exists()

    page.check(f"tr[data-paper=p{papers[3].pk}] input[type=checkbox]")
    page.click("button:has-text('Tiếp nhận hồ sơ')")
    expect(page.locator(".flash.success")).to_contain_text("Đã tiếp nhận hồ sơ")
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận")
    expect(page.locator("#appointment")).to_contain_text("Hẹn trả kết quả: 05/03/2026 17:00")
    expect_pdf(page, page.locator("#print-receipt").get_attribute("href"))
    code = page.locator("h1").inner_text().split()[2]
    dossier = Dossier.objects.get(code=code)
    assert dossier.papers.filter(file__isnull=False).count() == 1 and dossier.papers.count() == 3
    return code


# --------------------------------------------------------------------------- the story
@pytest.mark.django_db(transaction=True)
def test_the_one_stop_story_in_the_browser(page, citizen, live_server, c, clock):
    base = live_server.url

    # A citizen, not logged in: the procedure, its papers, fees, time and form; then online submission.
    find_the_procedure(citizen, base, c)
    online = submit_online(citizen, c)
    expect_status(citizen, base, online, "5678", "Chờ tiếp nhận")
    expect(citizen.locator("section.card")).to_contain_text("chờ Bộ phận một cửa kiểm tra, tiếp nhận")
    expect_not_found(citizen, base, online, "1234")  # a wrong phone …
    expect_not_found(citizen, base, "000.01.00.H26-260302-9999", "5678")  # … reads like an unknown code

    # The counter accepts the online dossier: the appointment counts from now (Mon 09:00 + 3,5 days).
    sign_in(page, base, "motcua")
    expect(page.locator("nav a:has-text('Một cửa') .count")).to_have_text("1")
    open_from_list(page, base, "submitted", "Chờ tiếp nhận", online)
    act(page, "Tiếp nhận", f"Đã tiếp nhận hồ sơ {online}, hẹn trả 17:00 ngày 05/03/2026")
    expect(page.locator("#appointment")).to_contain_text("Hẹn trả kết quả: 05/03/2026 17:00")
    expect_pdf(page, page.locator("#print-receipt").get_attribute("href"))
    expect_status(citizen, base, online, "5678", "Đã tiếp nhận")
    expect(citizen.locator("dl.fields")).to_contain_text("05/03/2026 17:00")

    # A second dossier at the desk, then handed to the counter's own step and on to Phòng Kinh tế.
    code = receive_at_the_counter(page, base, c)
    act(page, "Chuyển xử lý", "Đã chuyển hồ sơ sang bước 1")
    act(page, "Chuyển xử lý", "Đã chuyển hồ sơ sang bước 2")
    expect(page.locator("tr[data-step='2'].current")).to_contain_text("Phòng Kinh tế")

    # The specialist of Phòng Kinh tế finds a paper missing: the clock stops.
    sign_in(page, base, "chuyenvienkt")
    open_from_list(page, base, "waiting", "Chờ tôi xử lý", code)
    expect(page.locator("tr[data-step='2']")).to_contain_text("04/03/2026 11:30")  # Mon 09:00 + 2 working days
    page.click("summary:has-text('Yêu cầu bổ sung hồ sơ')")
    page.fill("textarea[name=request_supplement-items]", SUPPLEMENT_ITEM)
    page.fill("textarea[name=request_supplement-reason]", "Bản vẽ thiết kế thiếu mặt cắt công trình.")
    act(page, "Yêu cầu bổ sung", "Đã yêu cầu bổ sung hồ sơ")
    expect(page.locator("#dossier-status")).to_have_text("Chờ bổ sung")
    expect(page.locator("#supplement-request")).to_contain_text(SUPPLEMENT_ITEM)
    expect_pdf(page, page.locator("li[data-slip=bo-sung] a").get_attribute("href"))
    expect_status(citizen, base, code, "4321", "Chờ bổ sung")
    expect(citizen.locator(".flash.warning li")).to_have_text(SUPPLEMENT_ITEM)

    # One working day later the citizen brings it: the appointment moves by the day waited.
    clock.set(at(3, 3, 9))
    sign_in(page, base, "motcua")
    open_from_list(page, base, "supplement", "Chờ bổ sung", code)
    page.fill("input[name=supplement-x1_name]", SUPPLEMENT_ITEM)
    page.fill("input[name=supplement-x1_originals]", "1")
    page.set_input_files("input[name=supplement-x1_file]", pdf_file("mat-cat.pdf", "Ban ve mat cat"))
    act(page, "Nhận bổ sung", "Đã nhận giấy tờ bổ sung; hẹn trả kết quả 17:00 ngày 06/03/2026.")
    expect(page.locator("#dossier-status")).to_have_text("Đang giải quyết")
    expect(page.locator("#appointment")).to_contain_text("Hẹn trả kết quả: 06/03/2026 17:00")
    expect(page.locator("li[data-event=supplemented]")).to_contain_text("hẹn trả 06/03/2026 17:00")
    expect(page.locator("table.papers")).to_contain_text(SUPPLEMENT_ITEM)
    expect(page.locator("tr[data-step='2']")).to_contain_text("05/03/2026 11:30")  # the step's own deadline moved too

    # Two days before the appointment the unit sees it will be late: an apology with a new date.
    clock.set(at(5, 3, 9))
    sign_in(page, base, "chuyenvienkt")
    open_from_list(page, base, "due", "Sắp đến hạn / Quá hạn", code)
    page.click("summary:has-text('Xin lỗi và hẹn lại ngày trả kết quả')")
    page.fill("textarea[name=apologise-reason]", "Cần thêm thời gian kiểm tra hiện trạng công trình.")
    page.fill("input[name=apologise-new_date]", "2026-03-10")  # a date picker
    page.fill("input[name=apologise-new_time]", "16:00")
    act(page, "Lập phiếu xin lỗi", "Đã lập phiếu xin lỗi, hẹn trả kết quả 16:00 ngày 10/03/2026")
    expect(page.locator("#appointment")).to_contain_text("Hẹn trả kết quả: 10/03/2026 16:00")
    expect(page.locator("#appointment")).to_contain_text("hẹn ban đầu 06/03/2026 17:00")
    expect_pdf(page, page.locator("li[data-slip=xin-loi] a").get_attribute("href"))

    # The units hand it on; Phòng Tổng hợp records the signed result.
    page.fill("textarea[name=hand_over-note]", "Đủ điều kiện cấp phép.")
    act(page, "Chuyển xử lý", "Đã chuyển hồ sơ sang bước 3")
    sign_in(page, base, "chuyenvien")
    open_from_list(page, base, "waiting", "Chờ tôi xử lý", code)
    page.fill("textarea[name=finish-result_summary]", "Cấp Giấy phép xây dựng số 125/GPXD ngày 05/03/2026")
    page.set_input_files("input[name=finish-result_file]", pdf_file("giay-phep.pdf", "Giay phep xay dung so 125/GPXD"))
    act(page, "Cập nhật kết quả", "Đã cập nhật kết quả (trước hạn)")
    expect(page.locator("#dossier-status")).to_have_text("Chờ trả kết quả")
    expect_status(citizen, base, code, "4321", "Chờ trả kết quả")

    # The counter returns it; the citizen's look-up says so and the citizen rates the service, once.
    sign_in(page, base, "motcua")
    open_from_list(page, base, "result_ready", "Chờ trả kết quả", code)
    act(page, "Đã trả kết quả cho người nộp", f"Đã trả kết quả hồ sơ {code}")
    expect(page.locator("#dossier-status")).to_have_text("Đã trả kết quả")
    expect_status(citizen, base, code, "4321", "Đã trả kết quả")
    second_tab = citizen.context.new_page()  # the same look-up left open in another tab
    expect_status(second_tab, base, code, "4321", "Đã trả kết quả")
    citizen.check("input[name=level][value=satisfied]")
    citizen.fill("textarea[name=comment]", "Cán bộ hướng dẫn tận tình.")
    citizen.click("button:has-text('Gửi đánh giá')")
    expect(citizen.locator(".flash.success")).to_contain_text(f"Đã ghi nhận đánh giá “Hài lòng” cho hồ sơ {code}")
    second_tab.check("input[name=level][value=very_satisfied]")
    second_tab.click("button:has-text('Gửi đánh giá')")
    expect(second_tab.locator(".flash.error")).to_contain_text("mỗi hồ sơ chỉ đánh giá một lần")
    expect(second_tab.locator("#danh-gia")).to_contain_text("Hồ sơ này đã được đánh giá")

    dossier = Dossier.objects.get(code=code)
    assert (dossier.status, dossier.timeliness) == (Status.RETURNED, "early")
    assert Rating.objects.get(dossier=dossier).level == Satisfaction.SATISFIED
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds == [
        EventKind.RECEIVED,
        EventKind.HANDED_OVER,
        EventKind.HANDED_OVER,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENTED,
        EventKind.APOLOGY,
        EventKind.HANDED_OVER,
        EventKind.RESULT_READY,
        EventKind.RETURNED,
    ]
    assert Decimal(dossier.events.get(kind=EventKind.SUPPLEMENTED).data["paused_days"]) == 1  # Mon 09:00 → Tue 09:00
