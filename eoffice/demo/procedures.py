"""The demo's catalogue of administrative procedures (thủ tục hành chính):
about thirty procedures of the city, read from procedures.json through the
real import (onestop.catalogue.import_json). The form papers of a few
procedures get a small generated DOCX form ("Mẫu đơn …") so that the public
download link works.

Procedure codes follow the shape of the national database (1.00xxxx.000.00.00
plus a province suffix); "H31" for Hải Phòng is an ASSUMPTION, and the national
numbers are illustrative, not the official ones."""

import base64
import copy
import json
from io import BytesIO
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from eoffice.core.text import fold
from eoffice.onestop.catalogue.services import ImportReport, import_json
from eoffice.organisation.models import Unit

CATALOGUE_FILE = Path(__file__).with_name("procedures.json")
TRACKING_UNIT = "MC"  # the Bộ phận Một cửa (catalog.UNITS) tracks the steps of other bodies
# The procedures whose forms get a generated DOCX file.
WITH_FORM_FILES = {
    "1.009994.000.00.00.H31",  # Cấp giấy phép xây dựng mới (công trình cấp đặc biệt, I, II)
    "1.001612.000.00.00.H31",  # Đăng ký thành lập doanh nghiệp tư nhân
    "1.004873.000.00.00.H31",  # Đăng ký biến động đất đai
    "1.000894.000.00.00.H31",  # Đăng ký khai sinh có yếu tố nước ngoài
}


def demo_catalogue() -> dict:
    """The catalogue as stored in procedures.json (no form files)."""
    return json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))


def form_docx(title: str, procedure_name: str = "") -> bytes:
    """A one-page form: national heading, title, blanks to fill in."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for text, bold in (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True), ("", False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title.upper())
    run.bold = True
    run.font.size = Pt(14)
    if procedure_name:
        document.add_paragraph(f"(Dùng cho thủ tục: {procedure_name})").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Kính gửi: ......................................................................")
    for label in ("Họ và tên người đề nghị", "Số định danh cá nhân", "Địa chỉ liên hệ", "Số điện thoại", "Nội dung đề nghị"):
        document.add_paragraph(f"{label}: ...........................................................................")
    document.add_paragraph("Tôi xin cam đoan những nội dung trên là đúng sự thật và chịu trách nhiệm trước pháp luật.")
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.add_run("NGƯỜI ĐỀ NGHỊ\n(Ký, ghi rõ họ tên)").bold = True
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_form_files(catalogue: dict, codes=WITH_FORM_FILES) -> dict:
    """A copy of `catalogue` whose form papers in `codes` carry a generated DOCX."""
    catalogue = copy.deepcopy(catalogue)
    for procedure in catalogue["procedures"]:
        if procedure["code"] not in codes:
            continue
        for paper in procedure["papers"]:
            if paper.get("form_name"):
                content = form_docx(paper["form_name"], procedure["name"])
                paper["form_file"] = {"extension": "docx", "content_base64": base64.b64encode(content).decode("ascii")}
    return catalogue


def with_owners(catalogue: dict, agency) -> dict:
    """A copy of `catalogue` where every step of another body (a Sở, the city's
    leaders, a commune) is owned by the Office's one-stop unit, which tracks it
    (một cửa liên thông): a procedure is published only when every step has a
    unit here (onestop/catalogue/publication.py)."""
    catalogue = copy.deepcopy(catalogue)
    units = Unit.objects.filter(agency=agency)
    ours = {fold(name) for pair in units.values_list("name", "abbreviation") for name in pair}
    tracker = units.get(abbreviation=TRACKING_UNIT).name
    for procedure in catalogue["procedures"]:
        for step in procedure["steps"]:
            if fold(step.get("unit") or "") not in ours:
                step["owner"] = tracker
    return catalogue


def load_procedures(agency) -> ImportReport:
    """Import the demo catalogue for `agency` (the one-stop unit's agency).
    Step units that are units of the agency (e.g. "Phòng Kinh tế" of the
    Office) are linked; the others keep their published name and are owned by
    the one-stop unit, so every procedure is published."""
    return import_json(with_owners(with_form_files(demo_catalogue()), agency), actor=None, agency=agency)
