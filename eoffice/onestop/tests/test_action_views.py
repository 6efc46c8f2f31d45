"""The dossier page's buttons: each step done through its POST view, refused in
the wrong state (409) or by the wrong person (403) with the reason on the
re-rendered page, and bad input (400) kept for the user to correct."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eoffice.conftest import PDF_BYTES
from eoffice.onestop.dossiers.services import dossier_hand_over, dossier_request_supplement, dossier_return
from eoffice.onestop.models import EventKind, Status, Timeliness
from eoffice.onestop.tests.factories import at, process_to_result, receive, submit_online
from eoffice.onestop.tests.test_views import add_outsider_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def c(onestop, clock):
    return add_outsider_unit(onestop)


def post(client, user, name, dossier, data=None):
    client.force_login(user)
    return client.post(reverse(f"onestop:{name}", args=[dossier.pk]), data or {})


def text(response) -> str:
    return response.content.decode()


def reloaded(dossier):
    dossier.refresh_from_db()
    return dossier


def at_kinhte(c):
    """A dossier handed to Phòng Kinh tế (step 2)."""
    dossier = receive(c)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    return dossier


def test_accept_an_online_submission(client, c):
    dossier = submit_online(c)
    refused = post(client, c.leader, "accept", dossier)
    assert refused.status_code == 403 and "Chỉ cán bộ Bộ phận một cửa mới được tiếp nhận" in text(refused)
    done = post(client, c.one_stop, "accept", dossier)
    assert done.status_code == 302 and reloaded(dossier).status == Status.RECEIVED
    assert "Đã tiếp nhận hồ sơ" in text(client.get(done["Location"]))
    twice = post(client, c.one_stop, "accept", dossier)
    assert twice.status_code == 409 and "đang ở trạng thái “Đã tiếp nhận”" in text(twice)


def test_a_file_sent_online_shows_as_electronic_not_as_zero_copies(client, c):
    from eoffice.attachments.services import stored_file_from_bytes
    from eoffice.onestop.models import DossierPaper

    dossier = submit_online(c)
    scan = stored_file_from_bytes(data=b"%PDF-1.4 online", extension="pdf", content_type="application/pdf")
    DossierPaper.objects.create(dossier=dossier, name="Bản vẽ gửi trực tuyến", file=scan)
    client.force_login(c.one_stop)
    page = text(client.get(reverse("onestop:detail", args=[dossier.pk])))
    assert 'Bản vẽ gửi trực tuyến <span class="badge">bản điện tử</span></td><td>—</td><td>—</td>' in page
    assert page.count("bản điện tử") == 1  # the counted papers keep their numbers


def test_the_page_offers_only_the_steps_this_person_may_take(client, c):
    dossier = at_kinhte(c)
    client.force_login(c.kt_specialist)
    page = text(client.get(reverse("onestop:detail", args=[dossier.pk])))
    for name in ("hand-over", "request-supplement", "refuse"):
        assert reverse(f"onestop:{name}", args=[dossier.pk]) in page, name
    for name in ("accept", "finish", "return", "withdraw", "supplement", "apologise"):
        assert reverse(f"onestop:{name}", args=[dossier.pk]) not in page, name
    client.force_login(c.specialist)  # Phòng Tổng hợp: the next step, not yet theirs
    assert "Xử lý" not in text(client.get(reverse("onestop:detail", args=[dossier.pk])))


def test_hand_over_step_by_step(client, c):
    dossier = receive(c)
    assert post(client, c.kt_specialist, "hand-over", dossier).status_code == 403  # the counter starts
    assert post(client, c.one_stop, "hand-over", dossier, {"hand_over-note": ""}).status_code == 302
    assert reloaded(dossier).status == Status.IN_PROCESS
    post(client, c.one_stop, "hand-over", dossier, {"hand_over-note": "Hồ sơ đủ điều kiện thẩm định."})
    out_of_turn = post(client, c.specialist, "hand-over", dossier)
    assert out_of_turn.status_code == 403 and "Chỉ đơn vị đang giải quyết bước hiện tại" in text(out_of_turn)
    assert post(client, c.kt_specialist, "hand-over", dossier).status_code == 302
    current = dossier.steps.get(started_at__isnull=False, finished_at__isnull=True)
    assert current.unit == c.tonghop and dossier.steps.get(order=1).note == "Hồ sơ đủ điều kiện thẩm định."
    last = post(client, c.specialist, "hand-over", dossier)
    assert last.status_code == 409 and "bước xử lý cuối cùng" in text(last)


def test_request_a_supplement_and_receive_it(client, c, clock):
    dossier = at_kinhte(c)
    empty = post(client, c.kt_specialist, "request-supplement", dossier, {"request_supplement-items": "Bản vẽ mặt cắt"})
    assert empty.status_code == 400 and "Bản vẽ mặt cắt" in text(empty)  # the typed item stays
    wrong = {"request_supplement-items": "Bản vẽ mặt cắt", "request_supplement-reason": "Bản vẽ thiếu mặt cắt công trình."}
    assert post(client, c.specialist, "request-supplement", dossier, wrong).status_code == 403
    assert post(client, c.kt_specialist, "request-supplement", dossier, wrong).status_code == 302
    assert reloaded(dossier).status == Status.SUPPLEMENT and dossier.paused_at is not None
    again = post(client, c.kt_specialist, "request-supplement", dossier, wrong)
    assert again.status_code == 409 and "Chờ bổ sung" in text(again)

    clock.advance(days=1)
    paper = c.procedure.papers.get(order=3)
    scan = SimpleUploadedFile("mat-cat.pdf", PDF_BYTES, content_type="application/pdf")
    supplement = {"supplement-x1_name": "Bản vẽ mặt cắt", "supplement-x1_originals": "1", "supplement-x1_file": scan}
    assert post(client, c.kt_specialist, "supplement", dossier, supplement).status_code == 403  # the counter receives
    nothing = post(client, c.one_stop, "supplement", dossier, {})
    assert nothing.status_code == 400 and "Cần ghi nhận ít nhất một giấy tờ nộp bổ sung" in text(nothing)
    scan.seek(0)
    supplement[f"supplement-p{paper.pk}_ticked"] = "on"
    done = post(client, c.one_stop, "supplement", dossier, supplement)
    assert done.status_code == 302 and reloaded(dossier).status == Status.IN_PROCESS
    added = dossier.papers.filter(supplement=True)
    assert {p.name for p in added} == {"Bản vẽ mặt cắt", paper.name}
    assert added.get(name="Bản vẽ mặt cắt").file is not None
    late = post(client, c.one_stop, "supplement", dossier, {f"supplement-p{paper.pk}_ticked": "on"})
    assert late.status_code == 409 and "không chờ bổ sung" in text(late)


def test_refuse_with_a_reason(client, c):
    dossier = at_kinhte(c)
    short = post(client, c.kt_specialist, "refuse", dossier, {"refuse-reason": "Sai"})
    assert short.status_code == 400 and "ít nhất 5 ký tự" in text(short) and "Sai</textarea>" in text(short)
    assert post(client, c.specialist, "refuse", dossier, {"refuse-reason": "Không đủ điều kiện cấp phép."}).status_code == 403
    assert post(client, c.kt_specialist, "refuse", dossier, {"refuse-reason": "Không đủ điều kiện cấp phép."}).status_code == 302
    assert reloaded(dossier).status == Status.REFUSED
    page = text(post(client, c.one_stop, "refuse", dossier, {"refuse-reason": "Không đủ điều kiện cấp phép."}))
    assert "Không thể từ chối khi hồ sơ" in page
    assert post(client, c.one_stop, "refuse", dossier, {"refuse-reason": "Lặp lại lần nữa."}).status_code == 409


def test_apologise_with_a_new_appointment(client, c, clock):
    dossier = receive(c)
    reason = {"apologise-reason": "Chờ ý kiến thẩm định của Sở Xây dựng.", "apologise-new_date": "10/03/2026"}
    early = post(client, c.one_stop, "apologise", dossier, reason | {"apologise-new_time": "16:00"})
    assert early.status_code == 409 and "chỉ lập phiếu xin lỗi khi hồ sơ sắp hoặc đã quá hạn" in text(early)
    clock.set(at(4, 3, 9))  # Wednesday: the Thursday appointment is near
    client.force_login(c.one_stop)
    page = text(client.get(reverse("onestop:detail", args=[dossier.pk])))
    assert reverse("onestop:apologise", args=[dossier.pk]) in page
    bad_time = post(client, c.one_stop, "apologise", dossier, reason | {"apologise-new_time": "25:99"})
    # The date is kept in the date picker's form (yyyy-mm-dd), which shows 10/03/2026.
    assert bad_time.status_code == 400 and "Giờ không hợp lệ" in text(bad_time) and 'value="2026-03-10"' in text(bad_time)
    assert post(client, c.nc_specialist, "apologise", dossier, reason | {"apologise-new_time": "16:00"}).status_code == 404
    assert post(client, c.kt_specialist, "apologise", dossier, reason | {"apologise-new_time": "16:00"}).status_code == 403
    done = post(client, c.one_stop, "apologise", dossier, reason | {"apologise-new_time": "16:00"})
    assert done.status_code == 302 and reloaded(dossier).due_at == at(10, 3, 16)
    assert dossier.first_due_at == at(5, 3, 17) and dossier.events.filter(kind=EventKind.APOLOGY).count() == 1
    dossier_return_ready = receive(c)
    process_to_result(c, dossier_return_ready)
    closed = post(client, c.one_stop, "apologise", dossier_return_ready, reason | {"apologise-new_time": "16:00"})
    assert closed.status_code == 409


def test_finish_with_the_result_file_then_return(client, c):
    dossier = at_kinhte(c)
    result = {"finish-result_summary": "Cấp Giấy phép xây dựng số 125/GPXD"}
    early = post(client, c.kt_specialist, "finish", dossier, result)
    assert early.status_code == 409 and "còn 1 bước chưa thực hiện" in text(early)
    dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)
    assert post(client, c.kt_specialist, "finish", dossier, result).status_code == 403
    empty = post(client, c.specialist, "finish", dossier, {"finish-result_summary": ""})
    assert empty.status_code == 400 and reloaded(dossier).status == Status.IN_PROCESS
    scan = SimpleUploadedFile("giay-phep.pdf", PDF_BYTES, content_type="application/pdf")
    done = post(client, c.specialist, "finish", dossier, result | {"finish-result_file": scan})
    assert done.status_code == 302 and reloaded(dossier).status == Status.RESULT_READY
    assert dossier.timeliness == Timeliness.EARLY and dossier.result_file.size == len(PDF_BYTES)
    client.force_login(c.leader)
    download = client.get(reverse("onestop:result-file", args=[dossier.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES

    assert post(client, c.leader, "return", dossier).status_code == 403
    assert post(client, c.one_stop, "return", dossier).status_code == 302 and reloaded(dossier).status == Status.RETURNED
    twice = post(client, c.one_stop, "return", dossier)
    assert twice.status_code == 409 and "đã được trả kết quả" in text(twice)


def test_a_refused_finish_keeps_the_chosen_result_file(client, c):
    dossier = at_kinhte(c)
    dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)
    dossier_request_supplement(actor=c.actor(c.one_stop), dossier=dossier, items=["Đơn"], reason="Đơn thiếu chữ ký.")
    scan = SimpleUploadedFile("giay-phep.pdf", PDF_BYTES, content_type="application/pdf")
    refused = post(client, c.specialist, "finish", dossier, {"finish-result_summary": "Cấp phép", "finish-result_file": scan})
    assert refused.status_code == 409 and "Đã lưu tệp kết quả đã chọn" in text(refused)


def test_return_only_a_dossier_with_a_result(client, c):
    dossier = receive(c)
    nothing = post(client, c.one_stop, "return", dossier)
    assert nothing.status_code == 409 and "Hồ sơ chưa có kết quả để trả." in text(nothing)


def test_withdraw_at_the_applicants_request(client, c):
    dossier = receive(c)
    assert post(client, c.leader, "withdraw", dossier, {"withdraw-reason": "Người nộp xin rút hồ sơ."}).status_code == 403
    assert post(client, c.one_stop, "withdraw", dossier, {"withdraw-reason": "Người nộp xin rút hồ sơ."}).status_code == 302
    assert reloaded(dossier).status == Status.WITHDRAWN
    assert post(client, c.one_stop, "withdraw", dossier, {"withdraw-reason": "Người nộp xin rút hồ sơ."}).status_code == 409
    returned = receive(c)
    process_to_result(c, returned)
    dossier_return(actor=c.actor(c.one_stop), dossier=returned)
    assert post(client, c.one_stop, "withdraw", returned, {"withdraw-reason": "Người nộp xin rút hồ sơ."}).status_code == 409


def test_actions_on_a_dossier_one_cannot_see_are_404_and_need_post(client, c):
    dossier = receive(c)
    assert post(client, c.nc_specialist, "hand-over", dossier).status_code == 404
    assert post(client, c.outsider, "withdraw", dossier, {"withdraw-reason": "Không phải của tôi."}).status_code == 404
    client.force_login(c.one_stop)
    assert client.get(reverse("onestop:hand-over", args=[dossier.pk])).status_code == 405
    client.logout()
    assert client.post(reverse("onestop:hand-over", args=[dossier.pk])).status_code == 302
    assert reloaded(dossier).status == Status.RECEIVED
