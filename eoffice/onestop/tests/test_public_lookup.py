"""Tra cứu hồ sơ, the public look-up by dossier code and the phone's last four
digits (page /tra-cuu-ho-so/ and GET /api/v1/public/dossiers/<code>/), and the
satisfaction rating after return: it shows the status and nothing personal,
answers a wrong code and a wrong phone alike, and cannot be enumerated."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eoffice.onestop.dossiers.services import dossier_request_supplement, dossier_return
from eoffice.onestop.models import Rating, Satisfaction, Status
from eoffice.onestop.tests.factories import process_to_result, receive, submit_online

pytestmark = pytest.mark.django_db

NOT_FOUND = "Không tìm thấy hồ sơ phù hợp với mã và số điện thoại đã nhập."
PERSONAL = ("Trần Thị Mai", "0912345678", "0912 345 678", "5678", "031190001234", "Lạch Tray", "mai.tran@example.vn")
LOOKUP = "/tra-cuu-ho-so/"


@pytest.fixture
def dossier(onestop, clock):
    """Received at the counter for Trần Thị Mai, phone 0912 345 678, now with Phòng Kinh tế."""
    from eoffice.onestop.dossiers.services import dossier_hand_over

    dossier = receive(onestop)
    dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    dossier_hand_over(actor=onestop.actor(onestop.one_stop), dossier=dossier)
    return dossier


def page(client, code, phone="5678", address="10.0.0.1"):
    return client.post(LOOKUP, {"ma": code, "sdt": phone}, REMOTE_ADDR=address)


def api(client, code, phone="5678", address="10.0.0.1"):
    body = {"phone_last4": phone}
    return client.post(f"/api/v1/public/dossiers/{code}/", body, content_type="application/json", REMOTE_ADDR=address)


def shown(response) -> str:
    return response.content.decode()


def assert_nothing_personal(text: str, *, digits=True):
    for personal in PERSONAL if digits else PERSONAL[:3] + PERSONAL[4:]:
        assert personal not in text, personal


# --------------------------------------------------------------------------- the page
def test_the_page_is_public_and_prefills_the_code_from_the_receipts_qr(client, dossier):
    response = client.get(LOOKUP, {"ma": dossier.code})
    assert response.status_code == 200
    assert f'value="{dossier.code}"' in shown(response)
    assert "Tình trạng" not in shown(response)  # no look-up without the phone: nothing counted either
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_page_shows_the_status_and_nothing_personal(client, dossier):
    response = page(client, dossier.code)
    text = shown(response)
    assert response.status_code == 200
    for public in (dossier.code, "Đang giải quyết", "Cấp giấy phép xây dựng mới", "Thẩm định hồ sơ, dự thảo giấy phép"):
        assert public in text
    assert "02/03/2026 09:00" in text  # received
    assert_nothing_personal(text.replace('value="5678"', ""))


def test_a_code_typed_in_lower_case_is_found(client, dossier):
    assert page(client, dossier.code.lower()).status_code == 200


def test_a_wrong_code_and_a_wrong_phone_get_the_same_answer_by_the_same_path(client, dossier):
    answers = []
    for code, phone in ((dossier.code, "1234"), ("000.01.00.H26-260302-9999", "5678")):
        with CaptureQueriesContext(connection) as queries:
            response = page(client, code, phone)
        assert response.status_code == 404
        unmasked = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", shown(response))  # masked anew each time
        answers.append((unmasked.replace(code, "CODE").replace(phone, "NNNN"), len(queries)))
    assert NOT_FOUND in answers[0][0]
    assert answers[0] == answers[1]  # the same page, the same number of queries


def test_the_phone_must_be_four_digits(client, dossier):
    response = page(client, dossier.code, "56a8")
    assert response.status_code == 400
    assert "4 chữ số cuối" in shown(response)


def test_many_codes_from_one_address_are_stopped_with_429(client, dossier, settings):
    for n in range(settings.EOFFICE_LOOKUP_PER_MINUTE):
        assert page(client, f"000.01.00.H26-260302-{n + 100:04d}").status_code == 404
    response = page(client, dossier.code)  # even the right one
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "tra cứu quá nhiều lần" in shown(response)
    assert "Đang giải quyết" not in shown(response)
    assert page(client, dossier.code, address="10.0.0.2").status_code == 200


def test_wrong_phones_from_one_address_lock_the_code_for_that_address_only(client, dossier):
    for n in range(5):
        assert page(client, dossier.code, f"{n:04d}", address="10.0.1.1").status_code == 404
    response = page(client, dossier.code, "5678", address="10.0.1.1")  # the right phone, too late
    assert response.status_code == 429
    assert "tạm khóa tra cứu" in shown(response)
    assert int(response["Retry-After"]) == 3600
    assert_nothing_personal(shown(response).replace('value="5678"', ""))
    assert page(client, dossier.code, address="10.0.2.1").status_code == 200  # the owner, elsewhere


def test_guessing_from_many_addresses_leaves_each_one_try_and_the_owner_theirs(client, dossier, settings):
    """Someone trying phones from many addresses cannot lock the owner out, nor go on guessing."""
    for n in range(settings.EOFFICE_LOOKUP_FAILURES_PER_CODE_ALL):
        assert page(client, dossier.code, f"{n:04d}", address=f"10.0.1.{n}").status_code == 404
    assert page(client, dossier.code, "0100", address="10.0.3.1").status_code == 404  # one try…
    assert page(client, dossier.code, "5678", address="10.0.3.1").status_code == 429  # …then locked there
    assert page(client, dossier.code, "5678", address="10.0.2.1").status_code == 200  # the owner's first try


def test_an_unknown_code_locks_the_same_way(client, onestop):
    code = "000.01.00.H26-260302-9999"
    for n in range(5):
        page(client, code, f"{n:04d}", address="10.0.1.1")
    assert page(client, code, address="10.0.1.1").status_code == 429  # indistinguishable from a real one


def test_the_limits_reset_after_their_window(client, dossier, limit_clock, settings):
    for n in range(settings.EOFFICE_LOOKUP_PER_MINUTE):
        page(client, f"000.01.00.H26-260302-{n + 100:04d}")
    assert page(client, dossier.code).status_code == 429
    limit_clock.advance(60)
    assert page(client, dossier.code).status_code == 200  # the next minute
    for n in range(5):
        page(client, dossier.code, f"{n:04d}", address="10.0.1.1")
    limit_clock.advance(3599)
    assert page(client, dossier.code, address="10.0.1.1").status_code == 429  # still locked
    limit_clock.advance(1)
    assert page(client, dossier.code, address="10.0.1.1").status_code == 200  # an hour after the lock


def test_a_supplement_request_shows_what_is_asked(client, onestop, dossier):
    dossier_request_supplement(
        actor=onestop.actor(onestop.one_stop),
        dossier=dossier,
        items=["Bản vẽ mặt bằng có chữ ký của chủ đầu tư"],
        reason="Bản vẽ chưa có chữ ký của Trần Thị Mai",
    )
    text = shown(page(client, dossier.code))
    assert "Chờ bổ sung" in text and "Bản vẽ mặt bằng có chữ ký của chủ đầu tư" in text
    assert "chưa có chữ ký" not in text  # the items, never the reason's free text


def test_a_ready_result_invites_the_citizen_to_collect_it(client, onestop, dossier):
    from eoffice.onestop.dossiers.services import dossier_finish, dossier_hand_over

    dossier_hand_over(actor=onestop.actor(onestop.kt_specialist), dossier=dossier)
    dossier_finish(actor=onestop.actor(onestop.specialist), dossier=dossier, result_summary="Cấp Giấy phép số 125/GPXD")
    text = shown(page(client, dossier.code))
    assert "Chờ trả kết quả" in text and "mời Ông/Bà đến nhận kết quả" in text
    assert f"Đã có kết quả: mời Ông/Bà đến nhận kết quả tại Bộ phận một cửa — {onestop.office.name}." in text
    assert "Trước hạn" not in text and "Đã giải quyết trước hạn" in text  # words, not a bare label
    assert "Đánh giá mức độ hài lòng" not in text  # not before return


def test_the_phone_digits_are_posted_never_read_from_the_address(client, dossier):
    response = client.get(LOOKUP, {"ma": dossier.code, "sdt": "5678"})
    text = shown(response)
    assert response.status_code == 200 and dossier.code in text and "Tình trạng" not in text and "5678" not in text
    form = response.content.decode()
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form
    assert "Tình trạng" in shown(page(client, dossier.code))


def test_an_online_submission_is_waiting_for_the_counter(client, onestop, clock):
    dossier = submit_online(onestop)
    text = shown(page(client, dossier.code))
    assert "Chờ tiếp nhận" in text and "Ngày hẹn trả kết quả sẽ có khi hồ sơ được tiếp nhận" in text


# --------------------------------------------------------------------------- the API
def test_the_api_gives_the_public_status_and_nothing_personal(client, dossier):
    response = api(client, dossier.code)
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["status"], body["current_step"]) == (
        dossier.code,
        Status.IN_PROCESS,
        "Thẩm định hồ sơ, dự thảo giấy phép",
    )
    assert body["due_at"] and body["supplement_items"] == [] and body["rated"] is False
    assert_nothing_personal(response.content.decode())
    assert not {"applicant_name", "phone", "id_number", "address", "email", "papers"} & set(body)


def test_the_api_answers_404_alike_for_a_wrong_code_and_a_wrong_phone(client, dossier):
    wrong_phone = api(client, dossier.code, "1234")
    wrong_code = api(client, "000.01.00.H26-260302-9999")
    assert wrong_phone.status_code == wrong_code.status_code == 404
    assert wrong_phone.json() == wrong_code.json() == {"error": {"code": "not_found", "message": NOT_FOUND, "fields": {}}}


@pytest.mark.parametrize("phone", ["", "567", "56789", "abcd"])
def test_the_api_refuses_a_malformed_phone_with_400(client, dossier, phone):
    response = api(client, dossier.code, phone)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "phone_last4": ["Nhập đúng 4 chữ số cuối của số điện thoại đã khai khi nộp hồ sơ."]
    }


def test_the_api_shares_the_limits_of_the_page(client, dossier, settings):
    for n in range(settings.EOFFICE_LOOKUP_PER_MINUTE - 1):
        api(client, f"000.01.00.H26-260302-{n + 100:04d}")
    page(client, "000.01.00.H26-260302-9999")
    response = api(client, dossier.code)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_the_api_reports_a_locked_code(client, dossier):
    for n in range(5):
        api(client, dossier.code, f"{n:04d}", address="10.0.1.1")
    response = api(client, dossier.code, address="10.0.1.1")
    assert (response.status_code, response.json()["error"]["code"]) == (429, "locked")
    assert "tạm khóa tra cứu" in response.json()["error"]["message"]
    assert response["Retry-After"] == "3600"


def test_the_api_needs_no_login_even_with_a_bad_token(client, dossier):
    response = client.post(
        f"/api/v1/public/dossiers/{dossier.code}/", {"phone_last4": "5678"}, HTTP_AUTHORIZATION="Token nonsense"
    )
    assert response.status_code == 200


def test_the_older_get_still_answers_and_is_marked_deprecated(client, dossier):
    response = client.get(f"/api/v1/public/dossiers/{dossier.code}/", {"phone_last4": "5678"})
    assert response.status_code == 200 and response.json()["code"] == dossier.code
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operations = schema["paths"]["/api/v1/public/dossiers/{code}/"]
    assert operations["get"].get("deprecated") is True and not operations["post"].get("deprecated")


@pytest.mark.parametrize("body", ["[1, 2]", '"5678"', "null", "{}"])
def test_a_lookup_body_that_is_not_an_object_gets_400(client, dossier, body):
    response = client.post(f"/api/v1/public/dossiers/{dossier.code}/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["message"]


# --------------------------------------------------------------------------- rating
@pytest.fixture
def returned(onestop, clock):
    dossier = receive(onestop)
    process_to_result(onestop, dossier)
    return dossier_return(actor=onestop.actor(onestop.one_stop), dossier=dossier)


def rate(client, code, level="very_satisfied", phone="5678", comment="Cán bộ hướng dẫn tận tình"):
    return client.post(reverse("onestop:dossier-rate"), {"ma": code, "sdt": phone, "level": level, "comment": comment})


def test_after_return_the_page_offers_the_rating_and_takes_it_once(client, returned):
    text = shown(page(client, returned.code))
    assert "Đã trả kết quả" in text and "Đánh giá mức độ hài lòng" in text and "Rất hài lòng" in text
    response = rate(client, returned.code)
    assert response.status_code == 200
    assert "Đã ghi nhận đánh giá “Rất hài lòng”" in shown(response)
    rating = Rating.objects.get(dossier=returned)
    assert (rating.level, rating.comment) == (Satisfaction.VERY_SATISFIED, "Cán bộ hướng dẫn tận tình")
    assert "Hồ sơ này đã được đánh giá" in shown(page(client, returned.code))
    again = rate(client, returned.code, level="unsatisfied")
    assert again.status_code == 409
    assert "mỗi hồ sơ chỉ đánh giá một lần" in shown(again)
    assert Rating.objects.get(dossier=returned).level == Satisfaction.VERY_SATISFIED


def test_a_rating_before_return_is_refused(client, dossier):
    response = rate(client, dossier.code)
    assert response.status_code == 409
    assert "Chỉ đánh giá được hồ sơ đã trả kết quả" in shown(response)
    assert not Rating.objects.exists()


def test_a_rating_needs_the_right_phone_and_counts_as_a_guess(client, returned):
    response = rate(client, returned.code, phone="1234")
    assert response.status_code == 404 and NOT_FOUND in shown(response)
    for n in range(4):
        rate(client, returned.code, phone=f"{n:04d}")
    assert rate(client, returned.code).status_code == 429  # locked: the right phone too
    assert not Rating.objects.exists()


def test_a_rating_without_a_level_keeps_the_comment(client, returned):
    response = rate(client, returned.code, level="")
    assert response.status_code == 400
    assert "Cần chọn mức độ hài lòng" in shown(response) and "Cán bộ hướng dẫn tận tình" in shown(response)


def test_the_rating_form_is_csrf_protected(returned):
    strict = Client(enforce_csrf_checks=True)
    assert rate(strict, returned.code).status_code == 403
    assert not Rating.objects.exists()


def test_the_rating_api_takes_one_rating_after_return(client, returned, dossier):
    url = f"/api/v1/public/dossiers/{returned.code}/rating/"
    response = client.post(url, {"phone_last4": "5678", "level": "satisfied"}, content_type="application/json")
    assert response.status_code == 201
    assert response.json() == {"code": returned.code, "level": "satisfied", "level_label": "Hài lòng"}
    again = client.post(url, {"phone_last4": "5678", "level": "unsatisfied"}, content_type="application/json")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "invalid_state")
    wrong = client.post(url, {"phone_last4": "1234", "level": "satisfied"}, content_type="application/json")
    assert wrong.status_code == 404
    bad = client.post(url, {"phone_last4": "5678", "level": "tuyệt vời"}, content_type="application/json")
    assert bad.status_code == 400 and "level" in bad.json()["error"]["fields"]
    early = client.post(
        f"/api/v1/public/dossiers/{dossier.code}/rating/",
        {"phone_last4": "5678", "level": "satisfied"},
        content_type="application/json",
    )
    assert early.status_code == 409
    assert api(client, returned.code).json()["rated"] is True


@pytest.mark.parametrize("body", ["[1, 2]", "null"])
def test_a_rating_body_that_is_not_an_object_gets_400(client, returned, body):
    response = client.post(f"/api/v1/public/dossiers/{returned.code}/rating/", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["message"]
