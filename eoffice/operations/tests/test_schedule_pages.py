"""The schedule's pages: the week page by day, the drafting page (add, conflicts,
steps), the entry page, the PDF, the public view, and the home page's selectors."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from eoffice.operations.models import ScheduleEntry
from eoffice.operations.schedule import selectors, services
from eoffice.operations.tests.schedule_fixtures import publish, values

pytestmark = pytest.mark.django_db
PAGE = "/dieu-hanh/lich-tuan/"


def code(monday) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def test_the_week_page_shows_the_published_week_by_day(client, sched):
    services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday, leaders=[sched.chairman]))
    gone = services.entry_add(
        actor=sched.drafter, week=sched.week, values=values(sched.monday, content="Đi cơ sở", start_time=time(14), end_time=None)
    )
    client.force_login(sched.cast.kt_specialist)
    assert (
        "chưa phát hành" not in client.get(PAGE, {"tuan": code(sched.monday)}).content.decode()
    )  # a draft is not shown to staff
    publish(sched)
    services.entry_cancel(actor=sched.drafter, entry=gone, notice="Hoãn.")
    page = client.get(PAGE, {"tuan": code(sched.monday)}).content.decode()
    assert f"Thứ Hai {sched.monday:%d/%m}" in page and "Họp giao ban Thường trực" in page and str(sched.chairman) in page
    assert "<del>Đi cơ sở</del>" in page and "Điều chỉnh" not in page.split("Đi cơ sở")[0].split("Thứ Hai")[-1]
    assert f"?tuan={code(sched.monday - timedelta(days=7))}" in page and f"?tuan={code(sched.monday + timedelta(days=7))}" in page


def test_a_bad_week_parameter_is_a_400(client, sched):
    client.force_login(sched.cast.specialist)
    assert client.get(PAGE, {"tuan": "2026-W99"}).status_code == 400
    assert client.get(PAGE).status_code == 200


def test_drafting_page_adds_warns_and_steps(client, sched):
    client.force_login(sched.cast.specialist)
    detail = f"{PAGE}{sched.week.pk}/"
    form = {
        "date": sched.monday.isoformat(), "start_time": "08:00", "end_time": "09:30", "content": "Họp UBND thành phố",
        "leaders": [sched.chairman.pk], "room": sched.room.pk, "visibility": "internal",
    }  # fmt: skip
    assert client.post(detail, form).status_code == 302
    clash = client.post(detail, {**form, "content": "Tiếp đoàn công tác"})
    assert clash.status_code == 400 and "Vẫn xếp lịch dù trùng" in clash.content.decode()
    assert "Phòng họp số 1 đã được đặt" in clash.content.decode()
    assert client.post(detail, {**form, "content": "Tiếp đoàn công tác", "confirm": "on"}).status_code == 302
    page = client.get(detail).content.decode()
    assert "trùng lịch với" in page and "Trình duyệt" in page
    early = client.post(detail, {**form, "end_time": "07:00", "content": "Sai giờ"})
    assert early.status_code == 400 and "phải sau giờ bắt đầu" in early.content.decode()
    assert client.post(f"{detail}trinh/").status_code == 302
    client.force_login(sched.cast.leader)
    assert client.post(f"{detail}duyet/").status_code == 302
    assert client.post(f"{detail}phat-hanh/").status_code == 302
    sched.week.refresh_from_db()
    assert sched.week.is_published


def test_editing_an_entry_after_publication_asks_for_the_notice(client, sched):
    entry = services.entry_add(actor=sched.drafter, week=sched.week, values=values(sched.monday))
    publish(sched)
    client.force_login(sched.cast.specialist)
    url = f"{PAGE}muc/{entry.pk}/"
    form = {"date": sched.monday.isoformat(), "start_time": "09:00", "content": entry.content, "visibility": "internal"}
    refused = client.post(url, form)
    assert refused.status_code == 400 and "thông báo điều chỉnh" in refused.content.decode()
    assert client.post(url, {**form, "notice": "Lùi giờ họp."}).status_code == 302
    page = client.get(PAGE, {"tuan": code(sched.monday)}).content.decode()
    assert "Điều chỉnh" in page
    assert client.post(f"{url}huy/", {"notice": "Hoãn."}).status_code == 302
    assert ScheduleEntry.objects.get(pk=entry.pk).cancelled


def test_the_pdf_is_a4_landscape_with_the_title_and_the_table(client, sched):
    services.entry_add(
        actor=sched.drafter, week=sched.week,
        values=values(sched.monday, leaders=[sched.chairman], content="Hội nghị tổng kết công tác năm 2026"),
    )  # fmt: skip
    client.force_login(sched.cast.specialist)
    answer = client.get(f"{PAGE}{sched.week.pk}/lich.pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    reader = PdfReader(__import__("io").BytesIO(answer.content))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = " ".join(reader.pages[0].extract_text().split())
    assert "LỊCH CÔNG TÁC TUẦN CỦA CHỦ TỊCH VÀ CÁC PHÓ CHỦ TỊCH UBND THÀNH PHỐ" in text
    assert f"Từ ngày {sched.monday:%d/%m/%Y} đến ngày {sched.monday + timedelta(days=6):%d/%m/%Y}" in text
    assert "Hội nghị tổng kết" in text and "Thứ/ngày" in text and "Chuẩn bị" in text


def test_the_public_view_shows_only_public_entries_of_published_weeks(client, sched):
    services.entry_add(
        actor=sched.drafter, week=sched.week, values=values(sched.monday, visibility="public", content="Tiếp công dân định kỳ")
    )
    services.entry_add(
        actor=sched.drafter,
        week=sched.week,
        values=values(sched.monday, content="Họp nội bộ", start_time=time(14), end_time=None),
    )
    url = f"{PAGE}cong-khai/{sched.cast.office.pk}/"
    assert "Tiếp công dân" not in client.get(url, {"tuan": code(sched.monday)}).content.decode()
    publish(sched)
    page = client.get(url, {"tuan": code(sched.monday)}).content.decode()  # no login
    assert "Tiếp công dân định kỳ" in page and "Họp nội bộ" not in page
    assert client.get(f"{PAGE}cong-khai/999999/").status_code == 404


def test_the_home_page_selectors_use_a_fixed_number_of_queries(sched):
    for hour in range(7, 12):
        services.entry_add(
            actor=sched.drafter, week=sched.week,
            values=values(sched.monday, leaders=[sched.chairman, sched.vice], start_time=time(hour), end_time=None), confirm=True,
        )  # fmt: skip
    publish(sched)
    with CaptureQueriesContext(connection) as few:
        entries = selectors.week_entries(sched.cast.office, sched.monday)
        [list(e.leaders.all()) for e in entries]
    assert len(entries) == 5 and len(few) == 5
    days = (sched.monday - timezone.localdate()).days + 7
    with CaptureQueriesContext(connection) as mine:
        entries = selectors.entries_for_leader(sched.vice, days)
        assert len(entries) == 5
    assert len(mine) == 1  # the entries with their room; the home page shows no one's names


def test_rooms_page(client, sched):
    client.force_login(sched.cast.specialist)
    assert client.post(f"{PAGE}phong-hop/", {"name": "Hội trường tầng 3", "capacity": 200}).status_code == 302
    assert "Hội trường tầng 3" in client.get(f"{PAGE}phong-hop/").content.decode()
    assert client.post(f"{PAGE}phong-hop/", {"name": "Hội trường tầng 3", "capacity": 1}).status_code == 400
