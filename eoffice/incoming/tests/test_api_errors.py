"""Every API error has one JSON shape with a Vietnamese message."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from eoffice.incoming.models import IncomingDocument
from eoffice.incoming.tests.api_helpers import API, document_json, login
from eoffice.registers.models import Register

pytestmark = pytest.mark.django_db

# Letters that only Vietnamese text has (with breve, horn, stroke or a tone mark).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)


def is_vietnamese(text) -> bool:
    return isinstance(text, str) and bool(VIETNAMESE.search(text))


def error_of(response, status: int, code: str) -> dict:
    """Check the one error shape and that every message in it is Vietnamese."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert is_vietnamese(error["message"]), error["message"]
    assert isinstance(error["fields"], dict)
    for name, messages in error["fields"].items():
        assert isinstance(messages, list) and messages, name
        for message in messages:
            assert is_vietnamese(message), f"{name}: {message}"
    return error


@pytest.fixture
def clerk(cast):
    return login("vanthu")


def register(client, **overrides):
    return client.post(f"{API}/incoming/", document_json(**overrides), format="json")


def test_a_bad_token_gives_401_with_the_error_shape(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token khong-phai-ma-that")
    response = client.get(f"{API}/incoming/")
    error_of(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_no_token_gives_401_with_the_error_shape(cast):
    error_of(APIClient().get(f"{API}/incoming/"), 401, "not_authenticated")


def test_bad_credentials_give_400_with_a_vietnamese_message(cast):
    response = APIClient().post(f"{API}/auth/token/", {"username": "vanthu", "password": "sai-mat-khau"}, format="json")
    error = error_of(response, 400, "invalid")
    assert "đăng nhập" in error["message"]


def test_missing_credentials_name_each_field(cast):
    error = error_of(APIClient().post(f"{API}/auth/token/", {}, format="json"), 400, "invalid")
    assert set(error["fields"]) == {"username", "password"}


def test_an_impossible_date_is_refused_with_the_field_named(clerk):
    error = error_of(register(clerk, issued_date="2026-02-31"), 400, "invalid")
    assert set(error["fields"]) == {"issued_date"}
    assert "ngày có thật" in error["fields"]["issued_date"][0]
    assert not IncomingDocument.objects.exists()


def test_an_arrival_before_the_issued_date_is_refused(clerk):
    error = error_of(register(clerk, issued_date="2026-03-05", arrival_date="2026-03-04"), 400, "invalid")
    assert "arrival_date" in error["fields"]
    assert "trước ngày văn bản" in error["message"]


def test_missing_required_fields_are_each_listed(clerk):
    response = clerk.post(f"{API}/incoming/", {"code_number": "125"}, format="json")
    error = error_of(response, 400, "invalid")
    assert set(error["fields"]) == {"type_name", "issued_date", "organ_name", "subject"}


def test_wrong_values_are_refused_in_vietnamese(clerk):
    error = error_of(register(clerk, priority=7, type_name="Thư tình", page_amount="hai", subject="x" * 501), 400, "invalid")
    assert set(error["fields"]) == {"priority", "type_name", "page_amount", "subject"}


def test_a_disguised_executable_is_refused_and_consumes_no_arrival_number(clerk):
    """GIVEN a Windows program renamed to .pdf
    WHEN the clerk uploads it with a registration
    THEN it is refused with 400 naming the files field, nothing is registered,
    and the next registration still gets arrival number 1."""
    program = SimpleUploadedFile("cong-van.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, content_type="application/pdf")
    response = clerk.post(f"{API}/incoming/", {**document_json(), "files": [program]}, format="multipart")
    error = error_of(response, 400, "invalid")
    assert "files" in error["fields"]
    assert not IncomingDocument.objects.exists()
    assert Register.objects.filter(last_number__gt=0).count() == 0

    response = register(clerk)
    assert response.status_code == 201 and response.json()["arrival_number"] == 1


def test_a_duplicate_gives_409_until_confirmed(clerk):
    assert register(clerk).status_code == 201
    error = error_of(register(clerk, organ_name="SỞ XÂY DỰNG"), 409, "duplicate")
    assert "đã được vào sổ" in error["message"] and "code_number" in error["fields"]
    assert IncomingDocument.objects.count() == 1

    response = register(clerk, confirm_duplicate=True)
    assert response.status_code == 201 and response.json()["arrival_number"] == 2


def test_a_duplicate_can_be_confirmed_in_a_multipart_form_too(clerk):
    register(clerk)
    response = clerk.post(f"{API}/incoming/", {**document_json(), "confirm_duplicate": "true"}, format="multipart")
    assert response.status_code == 201 and response.json()["arrival_number"] == 2


def test_an_action_not_allowed_in_the_current_state_gives_409(clerk):
    document = register(clerk).json()
    leader = login("chanhvp")
    response = leader.post(f"{API}/incoming/{document['id']}/direct/", {"opinion": "Giao TH", "lead_unit": "TH"}, format="json")
    error = error_of(response, 409, "invalid_state")
    assert "Đã vào sổ" in error["message"]

    assert clerk.post(f"{API}/incoming/{document['id']}/submit/", {"leader": "chanhvp"}, format="json").status_code == 200
    error_of(clerk.post(f"{API}/incoming/{document['id']}/submit/", {"leader": "chanhvp"}, format="json"), 409, "invalid_state")


def test_a_user_who_is_not_a_clerk_cannot_register(cast):
    error = error_of(register(login("chanhvp")), 403, "permission_denied")
    assert "văn thư" in error["message"]
    assert not IncomingDocument.objects.exists()


def test_a_unit_that_does_not_exist_is_named_in_the_error(clerk):
    document = register(clerk).json()
    clerk.post(f"{API}/incoming/{document['id']}/submit/", {"leader": "chanhvp"}, format="json")
    response = login("chanhvp").post(
        f"{API}/incoming/{document['id']}/direct/", {"opinion": "Giao", "lead_unit": "XYZ"}, format="json"
    )
    assert "lead_unit" in error_of(response, 400, "invalid")["fields"]


def test_an_unknown_document_gives_404_with_the_error_shape(clerk):
    error_of(clerk.get(f"{API}/incoming/999999/"), 404, "not_found")
    error_of(clerk.post(f"{API}/assignments/999999/progress/", {"note": "x"}, format="json"), 404, "not_found")


def test_a_wrong_inbox_tab_is_refused(clerk):
    assert "tab" in error_of(clerk.get(f"{API}/assignments/", {"tab": "all"}), 400, "invalid")["fields"]


def test_a_wrong_method_and_a_malformed_body_keep_the_error_shape(clerk):
    error_of(clerk.delete(f"{API}/incoming/"), 405, "method_not_allowed")
    response = clerk.post(f"{API}/incoming/", data="{not json", content_type="application/json")
    error_of(response, 400, "parse_error")
    error_of(clerk.post(f"{API}/incoming/", data="a,b", content_type="text/csv"), 415, "unsupported_media_type")
    error_of(clerk.get(f"{API}/incoming/", HTTP_ACCEPT="text/csv"), 406, "not_acceptable")
    error_of(clerk.get(f"{API}/incoming/", {"page": 99}), 404, "not_found")


def test_field_messages_the_framework_leaves_in_english_come_in_vietnamese(clerk):
    error = error_of(register(clerk, subject="x" * 501, issued_date=None, type_name="Thư tình"), 400, "invalid")
    assert error["fields"]["subject"] == ["Không được dài quá 500 ký tự."]
    assert error["fields"]["issued_date"] == ["Trường này không được để trống."]
    assert error["fields"]["type_name"] == ["Giá trị không nằm trong các lựa chọn cho phép."]


def test_format_suffix_urls_do_not_exist_and_give_no_server_error(clerk):
    """The API is JSON only: ".json" routes are not served (404), never a 500."""
    document = register(clerk).json()
    assert clerk.get(f"{API}/incoming/{document['id']}.json").status_code == 404
    assert clerk.post(f"{API}/incoming/{document['id']}/submit.json", {"leader": "chanhvp"}, format="json").status_code == 404
    assert clerk.get(f"{API}/assignments.json").status_code == 404
