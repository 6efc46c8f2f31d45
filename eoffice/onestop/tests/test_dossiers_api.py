"""The dossiers through /api/v1/dossiers/ with tokens: receipt with scans (JSON
base64 or multipart), the list and its filters, every step (done, 409 in the
wrong state, 403 by the wrong person), the slips, the register, the schema."""

import base64
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from openpyxl import load_workbook
from rest_framework.test import APIClient

from eoffice.conftest import PDF_BYTES
from eoffice.core.tests.api_helpers import API, login
from eoffice.onestop.dossiers.services import dossier_hand_over, dossier_request_supplement, dossier_return
from eoffice.onestop.models import Dossier, Status
from eoffice.onestop.tests.factories import at, process_to_result, receive, submit_online
from eoffice.onestop.tests.test_views import add_outsider_unit

pytestmark = pytest.mark.django_db
URL = f"{API}/dossiers"


@pytest.fixture
def c(onestop, clock):
    return add_outsider_unit(onestop)


def clients(*usernames):
    return [login(name) for name in usernames]


def post(client, url, body=None, fmt="json"):
    return client.post(url, body or {}, format=fmt)


def error(response) -> dict:
    return response.json()["error"]


def receipt_body(c, **overrides) -> dict:
    papers = [
        {"required_paper": paper.pk, "originals": paper.originals, "copies": paper.copies}
        for paper in c.procedure.papers.order_by("order")
    ]
    papers[0] |= {"file_name": "don.pdf", "file_base64": base64.b64encode(PDF_BYTES).decode()}
    body = {
        "procedure": c.procedure.code,
        "applicant": {"name": "Hoàng Thị Thu", "phone": "0987654321", "address": "Số 5 Điện Biên Phủ, Hải Phòng"},
        "papers": papers,
        "note": "Nộp trực tiếp.",
    }
    return body | overrides


# --------------------------------------------------------------------------- receipt
def test_receive_with_a_base64_scan(c):
    (counter,) = clients("motcua")
    response = post(counter, f"{URL}/", receipt_body(c))
    assert response.status_code == 201, response.content
    body = response.json()
    dossier = Dossier.objects.get()
    assert body["code"] == dossier.code and body["status"] == "received" and body["status_label"] == "Đã tiếp nhận"
    assert body["procedure"] == c.procedure.code and body["received_by"] == "motcua"
    assert body["due_at"].startswith("2026-03-05T17:00") and body["days_left"] == 3.5 and body["overdue"] is False
    assert [step["unit"] for step in body["steps"]] == ["Bộ phận Một cửa", "Phòng Kinh tế", "Phòng Tổng hợp"]
    assert len(body["papers"]) == 3 and body["papers"][0]["file"]["size"] == len(PDF_BYTES)
    assert [event["event"] for event in body["events"]] == ["received"]
    assert body["slips"] == [
        f"http://testserver{URL}/{dossier.pk}/slips/receipt.pdf/",
        f"http://testserver{URL}/{dossier.pk}/slips/control-sheet.pdf/",
    ]


def test_receive_with_multipart_parts(c):
    (counter,) = clients("motcua")
    papers = list(c.procedure.papers.order_by("order"))
    form = {"procedure": c.procedure.code, "applicant.name": "Hoàng Thị Thu", "applicant.phone": "0987654321"}
    form |= {"applicant.address": "Hải Phòng", "channel": "post"}
    for index, paper in enumerate(papers):
        form[f"papers[{index}]required_paper"] = paper.pk
    form["papers[3]name"] = "Giấy ủy quyền"
    form["papers[3]copies"] = 1
    form["papers[3]file"] = SimpleUploadedFile("uy-quyen.pdf", PDF_BYTES, content_type="application/pdf")
    response = post(counter, f"{URL}/", form, fmt="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["channel"] == "post"
    names = {paper["name"]: paper for paper in response.json()["papers"]}
    assert names["Giấy ủy quyền"]["file"]["content_type"] == "application/pdf" and len(names) == 4


def test_bad_receipts_are_refused_with_clear_messages_and_nothing_saved(c):
    (counter,) = clients("motcua")
    unknown = post(counter, f"{URL}/", receipt_body(c, procedure="9.999999"))
    assert unknown.status_code == 400 and "Không tìm thấy thủ tục hành chính có mã “9.999999”" in error(unknown)["message"]
    body = receipt_body(c)
    body["papers"] = body["papers"][:2]
    missing = post(counter, f"{URL}/", body)
    assert missing.status_code == 400
    assert error(missing)["message"] == "Hồ sơ còn thiếu giấy tờ bắt buộc: 3) Bản vẽ thiết kế xây dựng."
    assert error(missing)["fields"]["papers"] == ["Thiếu: Bản vẽ thiết kế xây dựng"]
    foreign = receipt_body(c)
    foreign["papers"][2]["required_paper"] = 99999
    assert "không thuộc thành phần hồ sơ" in error(post(counter, f"{URL}/", foreign))["message"]
    broken = receipt_body(c)
    broken["papers"][0]["file_base64"] = "không phải base64"
    assert "không phải base64 hợp lệ" in error(post(counter, f"{URL}/", broken))["message"]
    disguised = receipt_body(c)
    disguised["papers"][0]["file_base64"] = base64.b64encode(b"MZ\x90\x00 an executable").decode()
    assert post(counter, f"{URL}/", disguised).status_code == 400
    no_phone = receipt_body(c, applicant={"name": "A", "phone": "12", "address": "Hải Phòng"})
    assert "Số điện thoại phải gồm 9 đến 11 chữ số" in error(post(counter, f"{URL}/", no_phone))["message"]
    assert not Dossier.objects.exists()


def test_only_the_counter_receives(c):
    specialist, leader = clients("chuyenvienkt", "chanhvp")
    refused = post(specialist, f"{URL}/", receipt_body(c))
    assert refused.status_code == 403 and error(refused)["code"] == "permission_denied"
    assert post(leader, f"{URL}/", receipt_body(c)).status_code == 403
    assert APIClient().post(f"{URL}/", receipt_body(c), format="json").status_code == 401
    assert not Dossier.objects.exists()


# --------------------------------------------------------------------------- list and detail
@pytest.fixture
def desk(c):
    c.submitted = submit_online(c, name="Lê Văn Nam")
    c.received = receive(c, name="Trần Thị Mai")
    c.ready = receive(c, name="Phạm Văn Hùng")
    process_to_result(c, c.ready)
    return c


def codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["code"] for row in response.json()["results"]}


def test_the_list_shows_what_the_caller_may_see_with_filters(desk, clock):
    c = desk
    counter, unit, other_unit, outsider = clients("motcua", "chuyenvienkt", "chuyenviennc", "vanthu2")
    everything = {c.submitted.code, c.received.code, c.ready.code}
    assert codes(counter.get(f"{URL}/")) == everything
    assert codes(unit.get(f"{URL}/")) == {c.received.code, c.ready.code}  # no steps before acceptance
    assert codes(other_unit.get(f"{URL}/")) == set() and codes(outsider.get(f"{URL}/")) == set()
    assert codes(counter.get(f"{URL}/", {"status": "submitted"})) == {c.submitted.code}
    assert codes(counter.get(f"{URL}/", {"procedure": c.procedure.code})) == everything
    assert codes(counter.get(f"{URL}/", {"procedure": "2.000001"})) == set()
    assert codes(counter.get(f"{URL}/", {"q": "tran thi mai"})) == {c.received.code}
    assert codes(counter.get(f"{URL}/", {"received_from": "2026-03-02", "received_to": "2026-03-02"})) == {
        c.submitted.code,
        c.received.code,
        c.ready.code,
    }
    assert codes(counter.get(f"{URL}/", {"received_from": "2026-03-03"})) == set()
    assert codes(counter.get(f"{URL}/", {"overdue": "true"})) == set()
    clock.set(at(9, 3, 9))
    assert codes(counter.get(f"{URL}/", {"overdue": "true"})) == {c.received.code}
    assert codes(counter.get(f"{URL}/", {"overdue": "false"})) == {c.submitted.code, c.ready.code}
    late = next(row for row in counter.get(f"{URL}/").json()["results"] if row["code"] == c.received.code)
    assert late["overdue"] is True and late["days_left"] == -1.5
    bad = counter.get(f"{URL}/", {"status": "lost"})
    assert bad.status_code == 400 and "Trạng thái “lost” không hợp lệ" in error(bad)["message"]
    assert counter.get(f"{URL}/", {"received_from": "2026-02-31"}).status_code == 400
    assert counter.get(f"{URL}/", {"overdue": "maybe"}).status_code == 400


def test_one_dossier_for_who_may_see_it(desk):
    c = desk
    counter, unit, other_unit, outsider = clients("motcua", "chuyenvienkt", "chuyenviennc", "vanthu2")
    body = unit.get(f"{URL}/{c.ready.pk}/").json()
    assert body["status"] == "result_ready" and body["timeliness"] == "early"
    assert [e["event"] for e in body["events"]] == ["received", "handed_over", "handed_over", "handed_over", "result_ready"]
    assert all(step["finished_at"] for step in body["steps"]) and body["steps"][1]["done_by"] == "chuyenvienkt"
    for client in (other_unit, outsider):
        missing = client.get(f"{URL}/{c.ready.pk}/")
        assert missing.status_code == 404 and error(missing)["code"] == "not_found"
    assert counter.get(f"{URL}/{c.submitted.pk}/").json()["slips"] == []


# --------------------------------------------------------------------------- the steps
def test_accept(desk):
    c = desk
    counter, leader = clients("motcua", "chanhvp")
    url = f"{URL}/{c.submitted.pk}/accept/"
    assert post(leader, url).status_code == 403
    accepted = post(counter, url)
    assert accepted.status_code == 200 and accepted.json()["status"] == "received" and len(accepted.json()["steps"]) == 3
    twice = post(counter, url)
    assert twice.status_code == 409 and error(twice)["code"] == "invalid_state"


def test_hand_over_step_by_step_then_finish_with_a_file_and_return(desk):
    c = desk
    counter, kinhte, tonghop, leader = clients("motcua", "chuyenvienkt", "chuyenvien", "chanhvp")
    url = f"{URL}/{c.received.pk}"
    assert post(kinhte, f"{url}/hand-over/").status_code == 403
    assert post(counter, f"{url}/hand-over/", {"note": ""}).json()["status"] == "in_process"
    post(counter, f"{url}/hand-over/", {"note": "Đủ điều kiện thẩm định."})
    assert post(tonghop, f"{url}/hand-over/").status_code == 403
    early = post(kinhte, f"{url}/finish/", {"result_summary": "Cấp phép"})
    assert early.status_code == 409 and "còn 1 bước" in error(early)["message"]
    post(kinhte, f"{url}/hand-over/")
    last = post(tonghop, f"{url}/hand-over/")
    assert last.status_code == 409 and "bước xử lý cuối cùng" in error(last)["message"]
    assert post(kinhte, f"{url}/finish/", {"result_summary": "Cấp phép"}).status_code == 403
    assert post(tonghop, f"{url}/finish/", {"result_summary": ""}).status_code == 400
    scan = SimpleUploadedFile("giay-phep.pdf", PDF_BYTES, content_type="application/pdf")
    finished = post(tonghop, f"{url}/finish/", {"result_summary": "Cấp Giấy phép số 125/GPXD", "result_file": scan}, "multipart")
    assert finished.status_code == 200, finished.content
    assert finished.json()["status"] == "result_ready" and finished.json()["result_file"]["size"] == len(PDF_BYTES)
    assert post(leader, f"{url}/return/").status_code == 403
    assert post(counter, f"{url}/return/").json()["status"] == "returned"
    twice = post(counter, f"{url}/return/")
    assert twice.status_code == 409 and "đã được trả kết quả" in error(twice)["message"]


def test_finish_with_a_base64_result_file(c):
    dossier = receive(c, procedure=None)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=dossier)
    dossier_hand_over(actor=c.actor(c.kt_specialist), dossier=dossier)
    (tonghop,) = clients("chuyenvien")
    body = {
        "result_summary": "Cấp phép",
        "result_file_name": "kq.pdf",
        "result_file_base64": base64.b64encode(PDF_BYTES).decode(),
    }
    response = post(tonghop, f"{URL}/{dossier.pk}/finish/", body)
    assert response.status_code == 200 and response.json()["result_file"]["content_type"] == "application/pdf"


def test_request_a_supplement_and_receive_it(desk, clock):
    c = desk
    counter, kinhte, tonghop = clients("motcua", "chuyenvienkt", "chuyenvien")
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=c.received)
    dossier_hand_over(actor=c.actor(c.one_stop), dossier=c.received)
    url = f"{URL}/{c.received.pk}"
    ask = {"items": ["Bản vẽ mặt cắt"], "reason": "Bản vẽ thiếu mặt cắt công trình."}
    assert post(tonghop, f"{url}/request-supplement/", ask).status_code == 403
    assert post(kinhte, f"{url}/request-supplement/", {"items": [], "reason": "Thiếu giấy tờ."}).status_code == 400
    asked = post(kinhte, f"{url}/request-supplement/", ask)
    assert asked.json()["status"] == "supplement" and asked.json()["events"][-1]["data"]["items"] == ["Bản vẽ mặt cắt"]
    assert post(kinhte, f"{url}/request-supplement/", ask).status_code == 409
    assert f"{URL}/{c.received.pk}/slips/supplement.pdf/?event=" in "".join(asked.json()["slips"])

    clock.advance(days=1)
    papers = {"papers": [{"name": "Bản vẽ mặt cắt", "originals": 1, "file_name": "mat-cat.pdf"}]}
    papers["papers"][0]["file_base64"] = base64.b64encode(PDF_BYTES).decode()
    assert post(kinhte, f"{url}/supplement/", papers).status_code == 403
    assert post(counter, f"{url}/supplement/", {"papers": []}).status_code == 400
    resumed = post(counter, f"{url}/supplement/", papers)
    assert resumed.status_code == 200 and resumed.json()["status"] == "in_process"
    assert resumed.json()["papers"][-1]["supplement"] is True and resumed.json()["papers"][-1]["file"] is not None
    again = post(counter, f"{url}/supplement/", papers)
    assert again.status_code == 409 and "không chờ bổ sung" in error(again)["message"]


def test_refuse_withdraw_and_apologise(desk, clock):
    c = desk
    counter, leader, kinhte = clients("motcua", "chanhvp", "chuyenvienkt")
    refuse = {"reason": "Hồ sơ không thuộc thẩm quyền giải quyết."}
    assert post(kinhte, f"{URL}/{c.submitted.pk}/refuse/", refuse).status_code == 404  # not visible before acceptance
    assert post(counter, f"{URL}/{c.submitted.pk}/refuse/", {"reason": "Sai"}).status_code == 400
    assert post(counter, f"{URL}/{c.submitted.pk}/refuse/", refuse).json()["status"] == "refused"
    assert post(counter, f"{URL}/{c.submitted.pk}/refuse/", refuse).status_code == 409
    pdf = counter.get(f"{URL}/{c.submitted.pk}/slips/refusal.pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    apology = {"reason": "Chờ ý kiến thẩm định.", "new_due": "2026-03-10T16:00:00"}
    early = post(counter, f"{URL}/{c.received.pk}/apologise/", apology)
    assert early.status_code == 409 and "sắp hoặc đã quá hạn" in error(early)["message"]
    clock.set(at(4, 3, 9))
    assert post(kinhte, f"{URL}/{c.received.pk}/apologise/", apology).status_code == 403
    before = post(counter, f"{URL}/{c.received.pk}/apologise/", apology | {"new_due": "2026-03-04T08:00:00+07:00"})
    assert before.status_code == 400 and "new_due" in error(before)["fields"]
    moved = post(counter, f"{URL}/{c.received.pk}/apologise/", apology)
    assert moved.status_code == 200 and moved.json()["due_at"].startswith("2026-03-10T16:00:00")
    assert moved.json()["first_due_at"].startswith("2026-03-05T17:00:00")
    event = moved.json()["events"][-1]["id"]
    slip = counter.get(f"{URL}/{c.received.pk}/slips/apology.pdf/", {"event": event})
    assert slip.status_code == 200 and slip.content.startswith(b"%PDF")

    withdraw = {"reason": "Người nộp xin rút hồ sơ."}
    assert post(leader, f"{URL}/{c.received.pk}/withdraw/", withdraw).status_code == 403
    assert post(counter, f"{URL}/{c.received.pk}/withdraw/", withdraw).json()["status"] == "withdrawn"
    assert post(counter, f"{URL}/{c.received.pk}/withdraw/", withdraw).status_code == 409
    dossier_return(actor=c.actor(c.one_stop), dossier=c.ready)
    assert post(counter, f"{URL}/{c.ready.pk}/refuse/", refuse).status_code == 409


# --------------------------------------------------------------------------- slips and the register
def test_slips_as_pdf_and_404_for_those_a_dossier_does_not_have(desk):
    c = desk
    counter, other_unit = clients("motcua", "chuyenviennc")
    for kind in ("receipt", "control-sheet"):
        response = counter.get(f"{URL}/{c.ready.pk}/slips/{kind}.pdf/")
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), kind
    for kind in ("supplement", "refusal", "apology", "nothing"):
        missing = counter.get(f"{URL}/{c.ready.pk}/slips/{kind}.pdf/")
        assert missing.status_code == 404 and error(missing)["code"] == "not_found", kind
    assert counter.get(f"{URL}/{c.submitted.pk}/slips/receipt.pdf/").status_code == 404
    assert other_unit.get(f"{URL}/{c.ready.pk}/slips/receipt.pdf/").status_code == 404
    dossier_request_supplement(actor=c.actor(c.one_stop), dossier=c.received, items=["Đơn"], reason="Đơn thiếu chữ ký.")
    assert counter.get(f"{URL}/{c.received.pk}/slips/supplement.pdf/", {"event": 99999}).status_code == 404


def test_the_register_as_xlsx(desk):
    c = desk
    counter, leader, unit = clients("motcua", "chanhvp", "chuyenvienkt")
    period = {"received_from": "2026-03-01", "received_to": "2026-03-31"}
    response = leader.get(f"{URL}/book.xlsx/", period)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Tháng 03/2026"
    assert {sheet["B5"].value, sheet["B6"].value} == {c.received.code, c.ready.code} and sheet["B7"].value is None
    assert counter.get(f"{URL}/book.xlsx/", period).status_code == 200
    redirected = counter.get(f"{URL}/book.xlsx", period)  # without the router's slash
    assert redirected.status_code == 301 and redirected["Location"].startswith(f"{URL}/book.xlsx/?")
    assert unit.get(f"{URL}/book.xlsx/", period).status_code == 403
    missing = counter.get(f"{URL}/book.xlsx/", {"received_from": "2026-03-01"})
    assert missing.status_code == 400 and "received_to" in error(missing)["fields"]
    reversed_period = counter.get(f"{URL}/book.xlsx/", {"received_from": "2026-03-31", "received_to": "2026-03-01"})
    assert reversed_period.status_code == 400


# --------------------------------------------------------------------------- schema
def test_the_schema_documents_the_dossiers_without_warnings():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    mine = re.compile(
        r"DossierViewSet|onestop[./](api|serializers)\b|ApplicantKind|\"(applicant_kind|channel|timeliness|event)\""
    )
    assert [message for message in GENERATOR_STATS._warn_cache if mine.search(message)] == []
    paths = schema["paths"]
    for path in (
        "/api/v1/dossiers/",
        "/api/v1/dossiers/{id}/",
        "/api/v1/dossiers/{id}/accept/",
        "/api/v1/dossiers/{id}/hand-over/",
        "/api/v1/dossiers/{id}/request-supplement/",
        "/api/v1/dossiers/{id}/supplement/",
        "/api/v1/dossiers/{id}/refuse/",
        "/api/v1/dossiers/{id}/apologise/",
        "/api/v1/dossiers/{id}/finish/",
        "/api/v1/dossiers/{id}/return/",
        "/api/v1/dossiers/{id}/withdraw/",
        "/api/v1/dossiers/{id}/slips/{kind}.pdf/",
        "/api/v1/dossiers/book.xlsx/",
    ):
        assert path in paths, path
    assert {"application/json", "multipart/form-data"} <= set(paths["/api/v1/dossiers/"]["post"]["requestBody"]["content"])
    assert schema["components"]["schemas"]["DossierStatusEnum"]["enum"] == [s.value for s in Status]
