"""Making a copy from the document's page and through /api/v1/copies/; the register of copies."""

import io

import openpyxl
import pytest
from pypdf import PdfReader

from eoffice.copies.models import DocumentCopy
from eoffice.copies.services import copy_make
from eoffice.copies.tests.conftest import paper_incoming, paper_request, source
from eoffice.core.tests.api_helpers import API, login

pytestmark = pytest.mark.django_db


def test_the_registry_copies_from_the_documents_page(client, issued, office):
    client.force_login(office.clerk)
    page = client.get(f"/van-ban-di/{issued.pk}/")
    assert f"/sao-van-ban/tao/?outgoing={issued.pk}" in page.content.decode()
    form = client.get(f"/sao-van-ban/tao/?outgoing={issued.pk}")
    assert form.status_code == 200 and issued.subject in form.content.decode()
    typed = {
        "form": "SY",
        "medium": "paper",
        "places": "Sở Xây dựng",
        "amount": 3,
        "signer": office.leader.pk,
        "note": "Gửi kèm hồ sơ",
    }
    refused = client.post(f"/sao-van-ban/tao/?outgoing={issued.pk}", typed | {"medium": "electronic"})
    assert refused.status_code == 400 and "chỉ sao sang định dạng giấy" in refused.content.decode()
    assert "Gửi kèm hồ sơ" in refused.content.decode()  # what was typed is kept
    made = client.post(f"/sao-van-ban/tao/?outgoing={issued.pk}", typed, follow=True)
    copy = DocumentCopy.objects.get()
    assert made.redirect_chain[-1][0] == f"/sao-van-ban/{copy.pk}/" and "01/SY-VP" in made.content.decode()
    pdf = client.get(f"/sao-van-ban/{copy.pk}/tep/")
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_pages_refuse_who_may_not_copy_and_what_may_not_be_copied(client, issued, office):
    client.force_login(office.specialist)
    assert client.get(f"/sao-van-ban/tao/?outgoing={issued.pk}").status_code == 404
    assert "/sao-van-ban/tao/" not in client.get(f"/van-ban-di/{issued.pk}/").content.decode()
    client.force_login(office.clerk)
    assert client.get("/sao-van-ban/tao/").status_code == 404
    assert client.get("/sao-van-ban/tao/?outgoing=abc").status_code == 404
    secret = paper_incoming(office, confidentiality=1, code_number="9")
    refused = client.get(f"/sao-van-ban/tao/?incoming={secret.pk}")
    assert refused.status_code == 403 and "bí mật nhà nước" in refused.content.decode()
    client.force_login(office.outsider)
    assert client.get(f"/sao-van-ban/tao/?outgoing={issued.pk}").status_code == 404


def test_the_register_of_copies_as_page_xlsx_and_pdf(client, issued, office):
    actor = office.actor(office.clerk)
    first = copy_make(actor=actor, source=source(office, "outgoing", issued), request=paper_request(office))
    scan = paper_incoming(office)
    copy_make(actor=actor, source=source(office, "incoming", scan), request=paper_request(office, form="TrS", pages="1"))
    year = first.copied_on.year
    client.force_login(office.leader)
    page = client.get(f"/sao-van-ban/?year={year}").content.decode()
    assert page.index("01/SY-VP") < page.index("02/TrS-VP") and "(trang 1)" in page and issued.subject in page
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/sao-van-ban/xlsx/?year={year}").content)).active
    codes = [row[0] for row in sheet.iter_rows(values_only=True) if row[0] in ("01/SY-VP", "02/TrS-VP")]
    assert codes == ["01/SY-VP", "02/TrS-VP"]
    printed = PdfReader(io.BytesIO(client.get(f"/sao-van-ban/pdf/?year={year}").content))
    assert "SỔ ĐĂNG KÝ BẢN SAO VĂN BẢN" in printed.pages[0].extract_text()
    client.force_login(office.specialist)
    assert client.get("/sao-van-ban/").status_code == 404
    assert client.get(f"/sao-van-ban/{first.pk}/").status_code == 404


def test_copies_through_the_api(issued, office):
    clerk = login("vanthu")
    body = {"form": "SY", "medium": "paper", "outgoing": issued.pk, "signer": "chanhvp", "places": "Sở Xây dựng"}
    made = clerk.post(f"{API}/copies/", body, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["code"] == "01/SY-VP" and made.json()["copied_from"].startswith("Công văn số ")
    copy_id = made.json()["id"]
    of_copy = clerk.post(
        f"{API}/copies/", {"form": "SL", "medium": "paper", "original": copy_id, "signer": "chanhvp"}, format="json"
    )
    assert of_copy.status_code == 201 and of_copy.json()["code"] == "02/SL-VP"
    assert [c["code"] for c in clerk.get(f"{API}/copies/").json()["results"]] == ["02/SL-VP", "01/SY-VP"]
    assert clerk.get(f"{API}/copies/{copy_id}/file/")["Content-Type"] == "application/pdf"
    xlsx = clerk.get(f"{API}/copies/register.xlsx/")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("body", "status", "text"),
    [
        ({"form": "SY", "medium": "paper", "signer": "chanhvp", "outgoing": None}, 400, "đúng một văn bản"),
        ({"form": "XX", "medium": "paper", "outgoing": 0}, 400, "form"),
        ({"form": "SY", "medium": "paper", "outgoing": 1, "incoming": 1}, 400, "đúng một văn bản"),
        ({"form": "SY", "medium": "paper", "outgoing": 999999}, 404, ""),
        ({"form": "SY", "medium": "paper", "signer": "chuyenvien"}, 400, "lãnh đạo"),
        ({"form": "TrS", "medium": "paper", "signer": "chanhvp", "pages": "9"}, 400, "có 1 trang"),
    ],
)
def test_bad_api_input_gets_a_vietnamese_answer_and_takes_no_number(issued, office, body, status, text):
    if "outgoing" not in body and "incoming" not in body:
        body = body | {"outgoing": issued.pk}
    body = {key: value for key, value in body.items() if value is not None}  # None: leave the field out
    answer = login("vanthu").post(f"{API}/copies/", body, format="json")
    assert answer.status_code == status and text in answer.content.decode()
    assert not DocumentCopy.objects.exists()


def test_the_api_refuses_a_specialist_and_hides_copies_from_outsiders(issued, office):
    refused = login("chuyenvien").post(
        f"{API}/copies/", {"form": "SY", "medium": "paper", "outgoing": issued.pk, "signer": "chanhvp"}, format="json"
    )
    assert refused.status_code == 403 and "văn thư" in refused.json()["error"]["message"]
    copy = copy_make(actor=office.actor(office.clerk), source=source(office, "outgoing", issued), request=paper_request(office))
    outsider = login("vanthu2")
    assert outsider.get(f"{API}/copies/{copy.pk}/").status_code == 404
    assert outsider.get(f"{API}/copies/").json()["results"] == []
