"""Control characters pasted from Word (\\x07 cell marks, \\x0b line breaks, \\x1c
separators…) are cleaned where text enters, from the web form and the API alike, and
every XLSX writer copes with text stored before that."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from eoffice.core.tests.api_helpers import API, login
from eoffice.core.text import clean
from eoffice.core.xlsx import register_workbook
from eoffice.incoming.models import IncomingDocument

pytestmark = pytest.mark.django_db
PASTED = "Về việc\x07 báo cáo\x1c tình hình\x0bquý I\r\nnăm 2026\x85"
FORM = {
    "type_name": "Công văn",
    "code_number": "77",
    "code_notation": "STC-NS",
    "issued_date": "02/03/2026",
    "organ_name": "Sở Tài chính\x07",
    "arrival_date": "03/03/2026",
    "priority": "0",
    "confidentiality": "0",
    "source": "paper",
    "language": "Tiếng Việt",
}


def test_clean_keeps_lines_only_where_asked_and_drops_every_control():
    assert clean(PASTED) == "Về việc báo cáo tình hình\nquý I\nnăm 2026\n"
    assert clean(PASTED, multiline=False) == "Về việc báo cáo tình hình quý I năm 2026 "
    assert clean("Hoa\u0300 bi\u0300nh\x00\x7f\x9f\ttab") == "Hoà bình\ttab"


def test_the_registration_form_stores_clean_text(client, cast):
    client.force_login(cast.clerk)
    response = client.post(reverse("incoming-register"), {**FORM, "subject": PASTED})
    assert response.status_code == 302, response.content.decode()[:2000]
    document = IncomingDocument.objects.get()
    assert document.subject == "Về việc báo cáo tình hình quý I năm 2026"
    assert document.organ_name == "Sở Tài chính"


def test_the_api_stores_clean_text_and_the_register_exports(cast):
    clerk = login("vanthu")
    body = {
        "type_name": "Công văn",
        "code_number": "78",
        "code_notation": "STC-NS",
        "issued_date": "2026-03-02",
        "organ_name": "Sở Tài chính",
        "subject": PASTED,
        "arrival_date": "2026-03-03",
    }
    assert clerk.post(f"{API}/incoming/", body, format="json").status_code == 201
    assert clerk.post(f"{API}/incoming/", {**body, "code_number": "79"}, format="multipart").status_code == 201
    assert {d.subject for d in IncomingDocument.objects.all()} == {"Về việc báo cáo tình hình quý I năm 2026"}


def test_text_stored_before_cleaning_still_exports(client, cast):
    clerk = login("vanthu")
    body = {"type_name": "Công văn", "code_number": "80", "code_notation": "STC-NS", "issued_date": "2026-03-02"}
    body.update({"organ_name": "Sở Tài chính", "subject": "Báo cáo", "arrival_date": "2026-03-03"})
    assert clerk.post(f"{API}/incoming/", body, format="json").status_code == 201
    IncomingDocument.objects.update(subject="Báo\x07 cáo\x1c quý I", organ_name='=HYPERLINK("http://x")')  # old rows
    response = clerk.get(f"{API}/incoming/register.xlsx", {"year": 2026})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = [cell.value for cell in sheet[5]]
    assert any("Báo cáo quý I" in str(v) for v in values)
    formula_cell = next(cell for cell in sheet[5] if str(cell.value).startswith("=HYPERLINK"))
    assert formula_cell.data_type == "s"
    client.force_login(cast.clerk)
    assert client.get(reverse("incoming-register-xlsx"), {"year": 2026}).status_code == 200


def test_the_register_writer_takes_any_text():
    data = register_workbook(sheet_title="Sổ", heading="Sổ\x07", columns=[("A", 10)], rows=[["a\x00b\x1fc"], ["=1+1"]])
    sheet = load_workbook(BytesIO(data)).active
    assert sheet["A1"].value == "Sổ" and sheet["A5"].value == "abc"
    assert sheet["A6"].value == "=1+1" and sheet["A6"].data_type == "s"
