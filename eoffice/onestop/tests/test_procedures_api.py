"""/api/v1/procedures/: anonymous read with filters and a throttle; export and
import for the agency's administrator only."""

import ipaddress
import json
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from rest_framework.test import APIClient

from eoffice.conftest import person
from eoffice.core.tests.api_helpers import API, login
from eoffice.demo.pdf import pdf_bytes
from eoffice.onestop.catalogue.services import export_json, import_json
from eoffice.onestop.models import Procedure
from eoffice.onestop.tests.catalogue_helpers import CODE, catalogue, procedure, second
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db
SECOND = "1.001612.000.00.00.H31"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the throttle counts requests in the cache, which outlives a test
    yield
    cache.clear()


@pytest.fixture
def published(cast):
    import_json(catalogue(procedure(), second()), actor=None, agency=cast.office)
    return cast


@pytest.fixture
def admin(cast):
    person("quantri", cast.office, Role.ADMIN, position="Quản trị")
    return login("quantri")


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [p["code"] for p in response.json()["results"]]


# --------------------------------------------------------------------------- public read
def test_anyone_may_list_published_procedures(published):
    Procedure.objects.create(
        agency=published.office, code="1.000003", name="Chưa công khai", field=Procedure.objects.first().field,
        implementing_agency="X", processing_days=1, result="X", published=False,
    )  # fmt: skip
    response = APIClient().get(f"{API}/procedures/")
    assert codes(response) == [CODE, SECOND]  # by field name ("Hoạt động xây dựng" first), then name
    item = response.json()["results"][0]
    assert item["processing_days"] == 7.5 and item["level"] == "province" and item["level_display"] == "Cấp tỉnh"
    assert item["field"] == {"code": "G02-XD", "name": "Hoạt động xây dựng"}
    assert item["url"] == f"http://testserver/api/v1/procedures/{CODE}/"
    assert item["public_url"] == f"http://testserver/thu-tuc/{CODE}/"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "cap giay phep xay dung"}, [CODE]),
        ({"q": "đăng ký"}, [SECOND]),
        ({"q": "dang ky"}, [SECOND]),
        ({"q": "1.001612"}, [SECOND]),
        ({"field": "G02-XD"}, [CODE]),
        ({"online": "full"}, [CODE]),
        ({"online": "none"}, [SECOND]),
        ({"level": "commune"}, []),
        ({"level": "province", "q": "giay phep"}, [CODE]),
    ],
)
def test_the_list_filters(published, params, expected):
    assert codes(APIClient().get(f"{API}/procedures/", params)) == expected


def test_a_bad_filter_value_is_a_clear_400(published):
    response = APIClient().get(f"{API}/procedures/", {"level": "huyen"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"] == "Cấp thực hiện “huyen” không hợp lệ; chọn một trong: central, province, commune."
    assert error["fields"] == {"level": ["Giá trị không hợp lệ."]}


def test_anyone_may_read_a_procedure_with_steps_papers_fees_and_form_urls(published):
    response = APIClient().get(f"{API}/procedures/{CODE}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["agency"] == "Văn phòng UBND thành phố Hải Phòng" and data["result"] == "Giấy phép xây dựng"
    assert [(s["order"], s["unit"], s["days"]) for s in data["steps"]] == [
        (1, "Bộ phận Một cửa", 0.5), (2, "Phòng Kinh tế", 5.0), (3, "TH", 1.5), (4, "Bộ phận Một cửa", 0.5),
    ]  # fmt: skip
    form_url = data["papers"][0]["form_url"]
    paper = Procedure.objects.get(code=CODE).papers.get(order=1)
    assert form_url == f"http://testserver/thu-tuc/{CODE}/mau/{paper.pk}/"
    assert data["papers"][1]["form_url"] is None and data["papers"][1]["copies"] == 1
    assert data["fees"][0] == {
        "kind": "charge", "kind_display": "Lệ phí", "description": "Lệ phí cấp giấy phép xây dựng", "amount": 150000, "note": "",
    }  # fmt: skip
    assert APIClient().get(form_url).status_code == 200


@pytest.mark.parametrize("code", ["1.999999.000.00.00.H31", SECOND])
def test_an_unknown_or_unpublished_procedure_is_a_clear_404(published, code):
    Procedure.objects.filter(code=SECOND).update(published=False)
    response = APIClient().get(f"{API}/procedures/{code}/")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": f"Không tìm thấy thủ tục hành chính có mã “{code}”, hoặc thủ tục chưa được công khai.",
        "fields": {},
    }


def test_the_public_read_is_throttled_for_anonymous_clients(published, settings):
    settings.EOFFICE_PUBLIC_API_RATE = "3/min"
    client = APIClient()
    assert [client.get(f"{API}/procedures/").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(f"{API}/procedures/")
    assert response.status_code == 429
    assert response.json()["error"]["message"] == "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau."


def test_a_forged_forwarded_header_does_not_escape_the_limit(published, settings):
    settings.EOFFICE_PUBLIC_API_RATE = "2/min"
    client = APIClient()
    codes = [client.get(f"{API}/procedures/", HTTP_X_FORWARDED_FOR=f"1.2.3.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]  # one address, whatever the header says


def test_behind_our_proxy_each_citizen_has_their_own_limit(published, settings):
    settings.EOFFICE_PUBLIC_API_RATE = "2/min"
    settings.EOFFICE_TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.5"),)
    client = APIClient()

    def get(citizen):
        return client.get(f"{API}/procedures/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=citizen).status_code

    assert [get("203.0.113.7"), get("203.0.113.7"), get("203.0.113.7")] == [200, 200, 429]
    assert get("203.0.113.8") == 200  # another citizen through the same proxy


def test_the_public_read_is_read_only(published, admin):
    assert APIClient().post(f"{API}/procedures/", {}, format="json").status_code in (401, 403, 405)
    assert admin.delete(f"{API}/procedures/{CODE}/").status_code == 405
    assert Procedure.objects.count() == 2


# --------------------------------------------------------------------------- export and import
def test_the_administrator_exports_the_agency_catalogue_as_json_and_xlsx(published, admin):
    response = admin.get(f"{API}/procedures/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="thu-tuc-hanh-chinh.json"'
    assert json.loads(response.content) == export_json(Procedure.objects.all())
    without_files = json.loads(admin.get(f"{API}/procedures/export.json", {"files": "0"}).content)
    assert "content_base64" not in without_files["procedures"][1]["papers"][0]["form_file"]
    response = admin.get(f"{API}/procedures/export.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content))["Thủ tục"].iter_rows(values_only=True))
    assert rows[0][0] == "Mã thủ tục" and {rows[1][0], rows[2][0]} == {CODE, SECOND}


def test_the_administrator_imports_a_file_all_or_nothing(published, admin):
    data = json.dumps(catalogue(procedure(name="Tên mới"), second("1.000004"))).encode()
    upload = SimpleUploadedFile("danh-muc.json", data, content_type="application/json")
    response = admin.post(f"{API}/procedures/import/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["created"] == ["1.000004"] and response.json()["updated"] == [CODE]
    assert response.json()["summary"].startswith("Đã nhập 2 thủ tục: 1 thêm mới, 1 cập nhật.")
    assert Procedure.objects.get(code=CODE).name == "Tên mới"
    bad = json.dumps(catalogue(procedure(name="Không lưu"), second("1.000005", processing_days=9))).encode()
    response = admin.post(f"{API}/procedures/import/", {"file": SimpleUploadedFile("b.json", bad)}, format="multipart")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"] == "Không nhập được danh mục thủ tục: có 1 lỗi, chưa thủ tục nào được lưu."
    assert error["fields"]["file"][0].startswith("Thủ tục 2 (mã 1.000005): tổng thời gian các bước là 3 ngày")
    assert Procedure.objects.get(code=CODE).name == "Tên mới" and not Procedure.objects.filter(code="1.000005").exists()


def test_the_import_takes_a_json_body_and_an_xlsx_file(published, admin):
    response = admin.post(f"{API}/procedures/import/", catalogue(second("1.000006")), format="json")
    assert response.status_code == 200 and response.json()["created"] == ["1.000006"]
    workbook = admin.get(f"{API}/procedures/export.xlsx").content
    upload = SimpleUploadedFile("danh-muc.xlsx", workbook)
    response = admin.post(f"{API}/procedures/import/", {"file": upload, "dry_run": "true"}, format="multipart")
    assert response.status_code == 200 and response.json()["dry_run"] is True
    assert sorted(response.json()["updated"]) == ["1.000006", SECOND, CODE]


def test_a_disguised_file_is_refused_by_content(published, admin):
    upload = SimpleUploadedFile("danh-muc.xlsx", pdf_bytes(["Danh muc"]))
    response = admin.post(f"{API}/procedures/import/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["file"] == [
        "Nội dung tệp “danh-muc.xlsx” không phải là tệp .xlsx hợp lệ (có thể tệp đã bị đổi tên)."
    ]


@pytest.mark.parametrize("username", ["vanthu", "chanhvp", "truongphong", "vanthu2"])
def test_export_and_import_are_refused_to_everyone_but_the_administrator(published, username):
    client = login(username)
    for path in ("export.json", "export.xlsx"):
        response = client.get(f"{API}/procedures/{path}")
        assert response.status_code == 403
        assert response.json()["error"]["message"] == (
            "Chỉ quản trị viên của cơ quan mới được xuất, nhập danh mục thủ tục hành chính."
        )
    response = client.post(f"{API}/procedures/import/", catalogue(procedure(name="Bị sửa")), format="json")
    assert response.status_code == 403
    assert Procedure.objects.get(code=CODE).name == procedure()["name"]


def test_export_and_import_need_a_login(published):
    for path in ("export.json", "export.xlsx"):
        assert APIClient().get(f"{API}/procedures/{path}").status_code == 401
    assert APIClient().post(f"{API}/procedures/import/", catalogue(procedure()), format="json").status_code == 401


def test_an_administrator_exports_only_their_own_agency(published):
    import_json(catalogue(second("1.000007")), actor=None, agency=published.other)
    person("quantri2", published.other, Role.ADMIN)
    exported = json.loads(login("quantri2").get(f"{API}/procedures/export.json").content)
    assert [p["code"] for p in exported["procedures"]] == ["1.000007"]


def test_the_schema_describes_the_procedure_endpoints():
    paths = APIClient().get(f"{API}/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/v1/procedures/", "/api/v1/procedures/{code}/", "/api/v1/procedures/export.json",
                 "/api/v1/procedures/export.xlsx", "/api/v1/procedures/import/"):  # fmt: skip
        assert path in paths, path
    assert {p["name"] for p in paths["/api/v1/procedures/"]["get"]["parameters"]} >= {"q", "field", "level", "online"}
