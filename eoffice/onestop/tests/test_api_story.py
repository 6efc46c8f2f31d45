"""The one-stop story of issue 5 through the API only (the browser story is in
test_browser_onestop.py): the public catalogue read anonymously, an online
submission (the public page: there is no API for it), the counter's receipt
with token auth, every step of the lifecycle with its slips as PDF, the public
look-up by code and the phone's last four digits, and the rating; then the bad
inputs the issue names, each refused with its status and a Vietnamese message."""

import base64
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from eoffice.attachments.services import stored_file_create
from eoffice.core.tests.api_helpers import API, login
from eoffice.demo.pdf import pdf_bytes
from eoffice.onestop.models import Dossier, EventKind, FeeKind, ProcedureFee, Rating, Status
from eoffice.onestop.public.ratelimit import NOT_FOUND
from eoffice.onestop.tests.factories import VN, applicant_data, at, receive

pytestmark = pytest.mark.django_db
DOSSIERS = f"{API}/dossiers"


def with_fee_and_form(c):
    """The fixture's procedure as the public sees it: a fee, and paper 1's form as a file to download."""
    ProcedureFee.objects.create(
        procedure=c.procedure, kind=FeeKind.CHARGE, description="Lệ phí cấp giấy phép xây dựng", amount=75000
    )
    paper = c.procedure.papers.get(order=1)
    paper.form_name = "Mẫu số 01"
    paper.form_file = stored_file_create(upload=SimpleUploadedFile("mau-01.pdf", pdf_bytes(["Mau so 01 - Don de nghi"])))
    paper.save()
    return c


@pytest.fixture
def c(onestop, clock, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return with_fee_and_form(onestop)


def b64_pdf(name: str, text: str) -> dict:
    return {"file_name": name, "file_base64": base64.b64encode(pdf_bytes([text])).decode()}


def ok(response, status=200) -> dict:
    assert response.status_code == status, response.content
    return response.json()


def refused(response, status: int) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]


def local(value: str) -> str:
    """An API date-time as the office reads it: "dd/mm/yyyy HH:MM" in Vietnam time."""
    return datetime.fromisoformat(value).astimezone(VN).strftime("%d/%m/%Y %H:%M")


def expect_pdf(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF"), url


def public_status(code: str, last4: str):
    return APIClient().get(f"{API}/public/dossiers/{code}/", {"phone_last4": last4})


def counter_body(c, *, skip=(), procedure=None) -> dict:
    """Tiếp nhận at the counter: the checklist (except the orders in `skip`), paper 1 with its scan."""
    papers = []
    for paper in c.procedure.papers.order_by("order"):
        if paper.order not in skip:
            item = {"required_paper": paper.pk, "originals": paper.originals, "copies": paper.copies}
            papers.append(item | (b64_pdf("don.pdf", "Don de nghi") if paper.order == 1 else {}))
    return {
        "procedure": procedure or c.procedure.code,
        "applicant": {"name": "Phạm Văn Hùng", "phone": "0987 654 321", "address": "Số 5 Điện Biên Phủ, Hải Phòng"},
        "papers": papers,
        "note": "Nộp trực tiếp tại Bộ phận một cửa.",
    }


# --------------------------------------------------------------------------- the citizen before the counter
def read_the_catalogue(c) -> None:
    anonymous = APIClient()
    listed = ok(anonymous.get(f"{API}/procedures/", {"q": "giay phep xay dung nha o"}))  # without accents
    assert [p["code"] for p in listed["results"]] == [c.procedure.code]
    procedure = ok(anonymous.get(listed["results"][0]["url"]))
    assert [p["name"] for p in procedure["papers"]] == list(c.procedure.papers.order_by("order").values_list("name", flat=True))
    assert procedure["fees"] == [
        {"kind": "charge", "kind_display": "Lệ phí", "description": "Lệ phí cấp giấy phép xây dựng", "amount": 75000, "note": ""}
    ]
    assert procedure["processing_days"] == 3.5 and [step["days"] for step in procedure["steps"]] == [0.5, 2, 1]
    form = anonymous.get(procedure["papers"][0]["form_url"])
    assert form.status_code == 200 and b"".join(form.streaming_content).startswith(b"%PDF")


def submit_online(c) -> str:
    """Nộp hồ sơ trực tuyến through the public page (the API has no submission endpoint)."""
    data = {key: value for key, value in applicant_data().items()} | {"website": ""}
    for paper in c.procedure.papers.order_by("order"):
        data[f"paper_{paper.pk}"] = SimpleUploadedFile(f"giay-to-{paper.order}.pdf", pdf_bytes([paper.name]))
    response = Client().post(f"/thu-tuc/{c.procedure.code}/nop-ho-so/", data)
    assert response.status_code == 302, response.content.decode()
    return response["Location"].strip("/").split("/")[-1]


# --------------------------------------------------------------------------- the story
def test_the_one_stop_story_through_the_api(c, clock):
    counter, kinhte, tonghop = login("motcua"), login("chuyenvienkt"), login("chuyenvien")
    read_the_catalogue(c)
    online = submit_online(c)
    waiting = ok(public_status(online, "5678"))
    assert (waiting["status"], waiting["status_label"], waiting["due_at"]) == ("submitted", "Chờ tiếp nhận", None)
    assert "Trần Thị Mai" not in str(waiting) and "0912345678" not in str(waiting)  # nothing personal

    # The counter accepts the online dossier, then receives one at the desk.
    (row,) = ok(counter.get(f"{DOSSIERS}/", {"status": "submitted"}))["results"]
    assert row["code"] == online
    accepted = ok(counter.post(f"{DOSSIERS}/{row['id']}/accept/"))
    assert accepted["status"] == "received" and local(accepted["due_at"]) == "05/03/2026 17:00"
    assert ok(public_status(online, "5678"))["status_label"] == "Đã tiếp nhận"
    dossier = ok(counter.post(f"{DOSSIERS}/", counter_body(c), format="json"), 201)
    url, code = f"{DOSSIERS}/{dossier['id']}", dossier["code"]
    assert local(dossier["due_at"]) == "05/03/2026 17:00" and len(dossier["papers"]) == 3
    for slip in dossier["slips"]:  # the receipt with the appointment, the control sheet
        expect_pdf(counter, slip)

    # Step by step: the counter's own step, then Phòng Kinh tế, which asks for a paper.
    ok(counter.post(f"{url}/hand-over/", {}, format="json"))
    at_kinhte = ok(counter.post(f"{url}/hand-over/", {"note": "Hồ sơ đủ thành phần."}, format="json"))
    assert [s["unit"] for s in at_kinhte["steps"] if s["started_at"] and not s["finished_at"]] == ["Phòng Kinh tế"]
    ask = {"items": ["Bản vẽ mặt cắt công trình"], "reason": "Bản vẽ thiết kế thiếu mặt cắt công trình."}
    asked = ok(kinhte.post(f"{url}/request-supplement/", ask, format="json"))
    assert asked["status"] == "supplement" and asked["paused_at"]
    expect_pdf(counter, next(slip for slip in asked["slips"] if "/slips/supplement.pdf" in slip))
    looked = ok(public_status(code, "4321"))
    assert (looked["status_label"], looked["supplement_items"]) == ("Chờ bổ sung", ["Bản vẽ mặt cắt công trình"])

    # A working day later the paper arrives: every deadline moves by the day waited.
    clock.set(at(3, 3, 9))
    papers = {"papers": [{"name": "Bản vẽ mặt cắt công trình", "originals": 1} | b64_pdf("mat-cat.pdf", "Mat cat")]}
    resumed = ok(counter.post(f"{url}/supplement/", papers, format="json"))
    assert resumed["status"] == "in_process" and resumed["paused_at"] is None
    assert local(resumed["due_at"]) == local(resumed["first_due_at"]) == "06/03/2026 17:00"
    assert local(resumed["steps"][1]["due_at"]) == "05/03/2026 11:30"  # was Wed 04/03 11:30
    assert resumed["events"][-1]["event"] == "supplemented" and resumed["papers"][-1]["supplement"] is True

    # Near the appointment the unit apologises with a new date; the first appointment stays.
    clock.set(at(5, 3, 9))
    apology = {"reason": "Cần thêm thời gian kiểm tra hiện trạng công trình.", "new_due": "2026-03-10T16:00:00"}
    moved = ok(kinhte.post(f"{url}/apologise/", apology, format="json"))
    assert (local(moved["due_at"]), local(moved["first_due_at"])) == ("10/03/2026 16:00", "06/03/2026 17:00")
    expect_pdf(kinhte, next(slip for slip in moved["slips"] if "/slips/apology.pdf" in slip))
    assert local(ok(public_status(code, "4321"))["due_at"]) == "10/03/2026 16:00"

    # Phòng Tổng hợp records the signed result, the counter returns it, the citizen rates it once.
    ok(kinhte.post(f"{url}/hand-over/", {"note": "Đủ điều kiện cấp phép."}, format="json"))
    result = {"result_summary": "Cấp Giấy phép xây dựng số 125/GPXD"} | {
        f"result_{key}": value for key, value in b64_pdf("giay-phep.pdf", "Giay phep 125/GPXD").items()
    }
    finished = ok(tonghop.post(f"{url}/finish/", result, format="json"))
    assert (finished["status"], finished["timeliness"]) == ("result_ready", "early")
    assert ok(public_status(code, "4321"))["status_label"] == "Chờ trả kết quả"
    assert ok(counter.post(f"{url}/return/"))["status"] == "returned"
    returned = ok(public_status(code, "4321"))
    assert (returned["status_label"], returned["timeliness_label"], returned["rated"]) == ("Đã trả kết quả", "Trước hạn", False)
    rating_url = f"{API}/public/dossiers/{code}/rating/"
    rated = ok(APIClient().post(rating_url, {"phone_last4": "4321", "level": "satisfied"}, format="json"), 201)
    assert rated == {"code": code, "level": "satisfied", "level_label": "Hài lòng"}
    again = refused(APIClient().post(rating_url, {"phone_last4": "4321", "level": "very_satisfied"}, format="json"), 409)
    assert again["message"] == f"Hồ sơ {code} đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần."
    assert ok(public_status(code, "4321"))["rated"] is True and Rating.objects.get().level == "satisfied"

    history = [event["event"] for event in ok(counter.get(f"{url}/"))["events"]]
    assert history == [
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


# --------------------------------------------------------------------------- the bad inputs of the issue
def test_an_unknown_procedure_code_is_a_400_in_vietnamese(c):
    error = refused(login("motcua").post(f"{DOSSIERS}/", counter_body(c, procedure="9.999999.000.00.00.H26"), format="json"), 400)
    assert error["message"] == "Không tìm thấy thủ tục hành chính có mã “9.999999.000.00.00.H26” đang được công khai."
    assert error["fields"] == {"procedure": ["Thủ tục không tồn tại."]} and not Dossier.objects.exists()


def test_a_missing_required_paper_is_a_400_naming_it(c):
    error = refused(login("motcua").post(f"{DOSSIERS}/", counter_body(c, skip=(2,)), format="json"), 400)
    assert error["message"] == "Hồ sơ còn thiếu giấy tờ bắt buộc: 2) Giấy chứng nhận quyền sử dụng đất."
    assert error["fields"] == {"papers": ["Thiếu: Giấy chứng nhận quyền sử dụng đất"]} and not Dossier.objects.exists()


def test_returning_a_dossier_without_a_result_is_a_409(c):
    dossier = receive(c)
    error = refused(login("motcua").post(f"{DOSSIERS}/{dossier.pk}/return/"), 409)
    assert (error["code"], error["message"]) == ("invalid_state", "Hồ sơ chưa có kết quả để trả.")
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and dossier.returned_at is None


def test_resuming_a_dossier_that_waits_for_no_supplement_is_a_409(c):
    dossier = receive(c)
    papers = {"papers": [{"name": "Bản vẽ mặt cắt công trình", "originals": 1}]}
    error = refused(login("motcua").post(f"{DOSSIERS}/{dossier.pk}/supplement/", papers, format="json"), 409)
    assert error["code"] == "invalid_state"
    assert error["message"] == (
        f"Hồ sơ {dossier.code} không chờ bổ sung (đang ở trạng thái “Đã tiếp nhận”), nên không thể nhận giấy tờ bổ sung."
    )
    assert dossier.papers.count() == 3 and not dossier.events.filter(kind=EventKind.SUPPLEMENTED).exists()


def test_a_wrong_phone_is_a_404_worded_as_an_unknown_code(c):
    dossier = receive(c)  # phone 0912 345 678
    assert ok(public_status(dossier.code, "5678"))["code"] == dossier.code
    wrong_phone = refused(public_status(dossier.code, "1234"), 404)
    unknown_code = refused(public_status("000.01.00.H26-260302-9999", "5678"), 404)
    assert wrong_phone == unknown_code == {"code": "not_found", "message": NOT_FOUND, "fields": {}}
