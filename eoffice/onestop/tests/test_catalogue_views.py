"""The public procedure pages (/thu-tuc/): no login, search with or without
diacritics, filters, pages, everything the public listing shows, 404s, forms."""

import re
from urllib.parse import quote

import pytest
from django.test import Client

from eoffice.onestop.catalogue.services import import_json
from eoffice.onestop.models import Procedure
from eoffice.onestop.tests.catalogue_helpers import CODE, FORM_DOCX, catalogue, procedure, second

pytestmark = pytest.mark.django_db
SECOND = "1.001612.000.00.00.H31"
DETAIL = f"/thu-tuc/{CODE}/"


@pytest.fixture
def published(cast):
    """Two published procedures of the office (imported as the operator would)."""
    import_json(catalogue(procedure(), second()), actor=None, agency=cast.office)
    return cast


def text_of(response) -> str:
    """The page's visible text, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def names(response) -> list[str]:
    return [p.name for p in response.context["page"]]


# --------------------------------------------------------------------------- the list
def test_the_list_is_public_and_shows_the_portal_without_the_staff_menu(published):
    response = Client().get("/thu-tuc/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Cổng thông tin thủ tục hành chính" in page and "Văn phòng UBND thành phố Hải Phòng" in page
    assert "Tra cứu hồ sơ" in page and "Đăng nhập cán bộ" in page
    assert "Đăng ký thành lập doanh nghiệp tư nhân" in page and "7,5 ngày làm việc" in page
    # Works without JavaScript: the only script is the one that sends each form once.
    assert re.findall(r"<script[^>]*>", response.content.decode()) == ['<script src="/static/eoffice/forms.js" defer>']


def test_a_logged_in_clerk_sees_the_public_page_without_the_staff_menu(published):
    client = Client()
    client.force_login(published.clerk)
    page = text_of(client.get("/thu-tuc/"))
    assert "Hộp thư" not in page and "Đăng xuất" not in page and "Văn bản đến" not in page


@pytest.mark.parametrize(
    "query", ["cap giay phep xay dung", "Cấp giấy phép xây dựng", "CẤP GIẤY PHÉP", "giấy phép xây", "1.009994"]
)
def test_the_search_ignores_diacritics_and_case(published, query):
    response = Client().get("/thu-tuc/", {"q": query})
    assert names(response) == [procedure()["name"]]


def test_dang_ky_with_and_without_diacritics_finds_the_same(published):
    with_marks = names(Client().get("/thu-tuc/", {"q": "đăng ký"}))
    assert with_marks == ["Đăng ký thành lập doanh nghiệp tư nhân"]
    assert names(Client().get("/thu-tuc/", {"q": "dang ky"})) == with_marks


def test_the_search_matches_word_beginnings_and_says_when_nothing_is_found(published):
    response = Client().get("/thu-tuc/", {"q": "ang ky"})  # inside "đăng": not a word beginning
    assert names(response) == []
    assert "Không có thủ tục phù hợp" in text_of(response)


def test_the_list_filters_by_field_and_level(published):
    import_json(
        catalogue(second("1.000635", level="commune", name="Cấp bản sao trích lục hộ tịch")), actor=None, agency=published.office
    )
    assert names(Client().get("/thu-tuc/", {"linh_vuc": "G02-XD"})) == [procedure()["name"]]
    assert names(Client().get("/thu-tuc/", {"cap": "commune"})) == ["Cấp bản sao trích lục hộ tịch"]
    assert names(Client().get("/thu-tuc/", {"cap": "commune", "q": "dang ky"})) == []
    # An unknown filter value is ignored rather than failing.
    assert len(names(Client().get("/thu-tuc/", {"cap": "huyen"}))) == 3


def test_unpublished_procedures_are_not_listed(published):
    Procedure.objects.filter(code=SECOND).update(published=False)
    assert names(Client().get("/thu-tuc/")) == [procedure()["name"]]


def test_the_list_is_paginated_and_keeps_the_search(cast):
    many = [second(f"1.0{n:05d}", name=f"Thủ tục đăng ký số {n:02d}") for n in range(1, 26)]
    import_json(catalogue(*many), actor=None, agency=cast.office)
    first = Client().get("/thu-tuc/", {"q": "dang ky"})
    assert len(names(first)) == 20 and "Có 25 thủ tục." in text_of(first)
    assert "?q=dang+ky&amp;page=2" in first.content.decode()
    second_page = Client().get("/thu-tuc/", {"q": "dang ky", "page": 2})
    assert names(second_page) == [f"Thủ tục đăng ký số {n}" for n in range(21, 26)]


# --------------------------------------------------------------------------- the detail page
def test_the_detail_page_shows_everything_the_public_listing_requires(published):
    response = Client().get(DETAIL)
    assert response.status_code == 200
    page = text_of(response)
    for expected in [
        CODE,
        "Hoạt động xây dựng",
        "Cấp tỉnh",
        "Sở Xây dựng",
        "Văn phòng UBND thành phố Hải Phòng",  # cơ quan tiếp nhận
        "Chủ đầu tư",
        "Trực tiếp; bưu chính; trực tuyến",
        "7,5 ngày làm việc",
        "Toàn trình",
        "Giấy phép xây dựng",
        "Quyết định số 1412/QĐ-UBND",
        # steps with units and days
        "1 Tiếp nhận hồ sơ Bộ phận Một cửa 0,5 ngày",
        "2 Thẩm định hồ sơ Phòng Kinh tế 5 ngày",
        "3 Ký giấy phép TH 1,5 ngày",
        "Tổng thời gian giải quyết 7,5 ngày làm việc",
        # papers with originals and copies
        "2 Giấy tờ về quyền sử dụng đất 0 1",
        "3 Bản vẽ thiết kế nếu có 2 0",
        "Tải mẫu: Mẫu số 01",
        # fees
        "Lệ phí Lệ phí cấp giấy phép xây dựng 150.000 đồng",
        "Phí Phí thẩm định Theo quy định Theo Nghị quyết HĐND",
        "Phù hợp quy hoạch xây dựng",
        "Luật Xây dựng số 50/2014/QH13",
        "Nghị định số 15/2021/NĐ-CP",
    ]:
        assert expected in page, expected
    html = response.content.decode()
    assert f'href="/thu-tuc/{CODE}/nop-ho-so/"' in html and "Nộp hồ sơ trực tuyến" in page
    paper = Procedure.objects.get(code=CODE).papers.get(order=1)
    assert f'href="/thu-tuc/{CODE}/mau/{paper.pk}/"' in html


def test_a_procedure_not_offered_online_has_no_online_button(published):
    page = text_of(Client().get(f"/thu-tuc/{SECOND}/"))
    assert "Nộp hồ sơ trực tuyến" not in page and "chưa tiếp nhận hồ sơ trực tuyến" in page
    assert "Lệ phí đăng ký doanh nghiệp 50.000 đồng Miễn khi nộp qua mạng" in page


def test_a_step_linked_to_a_unit_without_published_text_shows_the_unit_name(published):
    step = Procedure.objects.get(code=CODE).steps.get(order=3)
    step.unit_name = ""
    step.save()
    assert "3 Ký giấy phép Phòng Tổng hợp 1,5 ngày" in text_of(Client().get(DETAIL))


def test_the_code_in_the_address_may_be_lower_case(published):
    assert Client().get(DETAIL.lower()).status_code == 200


@pytest.mark.parametrize("code", ["1.999999.000.00.00.H31", "khong-co", SECOND])
def test_an_unknown_or_unpublished_procedure_is_a_vietnamese_404(published, code):
    Procedure.objects.filter(code=SECOND).update(published=False)
    response = Client().get(f"/thu-tuc/{quote(code)}/")
    assert response.status_code == 404
    page = text_of(response)
    assert f"Không tìm thấy thủ tục hành chính có mã “{code}”, hoặc thủ tục chưa được công khai." in page
    assert "Cổng thông tin thủ tục hành chính" in page


# --------------------------------------------------------------------------- form files
def test_the_form_file_downloads_without_login(published):
    paper = Procedure.objects.get(code=CODE).papers.get(order=1)
    response = Client().get(f"/thu-tuc/{CODE}/mau/{paper.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == FORM_DOCX
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "M%E1%BA%ABu%20s%E1%BB%91%2001.docx" in disposition


def test_no_form_download_for_unpublished_procedures_papers_without_file_or_another_procedure(published):
    papers = Procedure.objects.get(code=CODE).papers
    with_file, without_file = papers.get(order=1), papers.get(order=2)
    assert Client().get(f"/thu-tuc/{CODE}/mau/{without_file.pk}/").status_code == 404
    assert Client().get(f"/thu-tuc/{SECOND}/mau/{with_file.pk}/").status_code == 404
    Procedure.objects.filter(code=CODE).update(published=False)
    response = Client().get(f"/thu-tuc/{CODE}/mau/{with_file.pk}/")
    assert response.status_code == 404
    assert "Không tìm thấy mẫu đơn, tờ khai này" in text_of(response)


def test_the_pages_answer_only_reads(published):
    assert Client().post("/thu-tuc/").status_code == 405
    assert Client().post(DETAIL).status_code == 405
