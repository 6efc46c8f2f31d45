"""The editable DOCX of an outgoing document, read back with python-docx."""

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from eoffice.outgoing.rendering import places_lines, render_docx, signer_lines
from eoffice.outgoing.rendering.layout import body_paragraphs
from eoffice.outgoing.tests.test_render_pdf import SEVEN, layout_for


def read(layout) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(layout)))


def cell_paragraphs(document):
    return [p for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]


def all_paragraphs(document):
    return cell_paragraphs(document) + list(document.paragraphs)


def paragraph(document, text: str):
    matches = [p for p in all_paragraphs(document) if p.text == text]
    assert matches, f"{text!r} not in the document"
    return matches[0]


def close(length, expected) -> bool:
    return abs(length - expected) < Mm(0.1)


def test_the_page_is_a4_with_the_decree_margins():
    section = read(layout_for("Công văn")).sections[0]
    assert close(section.page_width, Mm(210)) and close(section.page_height, Mm(297))
    assert close(section.top_margin, Mm(20)) and close(section.bottom_margin, Mm(20))
    assert close(section.left_margin, Mm(30)) and close(section.right_margin, Mm(15))


@pytest.mark.parametrize("type_name", SEVEN)
def test_every_run_is_times_new_roman(type_name):
    document = read(layout_for(type_name))
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [run for p in all_paragraphs(document) for run in p.runs]
    assert runs and {run.font.name for run in runs} == {"Times New Roman"}
    fonts = {run._element.rPr.find(qn("w:rFonts")).get(qn("w:hAnsi")) for run in runs}
    assert fonts == {"Times New Roman"}  # the slot Word uses for Vietnamese letters


def test_the_number_and_date_lines_share_the_header_table():
    document = read(layout_for("Quyết định"))
    number = paragraph(document, "Số: 07/QĐ-VP")
    date = paragraph(document, "Hải Phòng, ngày 03 tháng 02 năm 2026")
    assert number.runs[0].font.size == Pt(13) and not number.runs[0].font.italic
    assert date.runs[0].font.italic and date.runs[0].font.size == Pt(13)
    row = document.tables[0].rows[1].cells  # one row: the same level on the page
    assert (row[0].paragraphs[0].text, row[1].paragraphs[0].text) == (number.text, date.text)


def test_an_unnumbered_docx_leaves_blanks_for_the_registry():
    document = read(layout_for("Quyết định", number="", issued_on=None, year=2026))
    texts = [p.text for p in cell_paragraphs(document)]
    assert any(t.startswith("Số:  ") and t.endswith("/QĐ-VP") for t in texts)
    assert any(t.startswith("Hải Phòng, ngày  ") and t.endswith("năm 2026") for t in texts)


def test_a_letter_has_its_subject_after_v_v_under_the_number():
    layout = layout_for("Công văn")
    document = read(layout)
    vv = paragraph(document, f"V/v {layout.subject}")
    assert vv.runs[0].font.size == Pt(12)
    under_number = [p.text for p in document.tables[0].rows[1].cells[0].paragraphs]
    assert under_number[:2] == ["Số: 07/VP-HCTC", vv.text]
    assert "CÔNG VĂN" not in [p.text for p in document.paragraphs]


def test_a_decision_prints_its_title_subject_and_proclamation_instead():
    layout = layout_for("Quyết định")
    document = read(layout)
    texts = [p.text for p in document.paragraphs]
    assert texts.index("QUYẾT ĐỊNH") < texts.index(layout.subject) < texts.index("QUYẾT ĐỊNH:")
    assert not any(t.startswith("V/v ") for t in [p.text for p in all_paragraphs(document)])
    assert paragraph(document, "QUYẾT ĐỊNH").runs[0].font.bold


def test_places_are_listed_in_size_eleven_under_an_italic_bold_label():
    layout = layout_for("Công văn")
    document = read(layout)
    label = paragraph(document, "Nơi nhận:")
    assert label.runs[0].font.size == Pt(12) and label.runs[0].font.bold and label.runs[0].font.italic
    lines = places_lines(layout)
    for line in lines:
        assert paragraph(document, line).runs[0].font.size == Pt(11)
    assert paragraph(document, "NVA (02)").runs[0].font.size == Pt(11)


def test_the_signature_block_has_the_signer_lines_then_the_name():
    layout = layout_for("Công văn")
    document = read(layout)
    cell = document.tables[-1].rows[0].cells[1]
    texts = [p.text for p in cell.paragraphs]
    expected = signer_lines(layout.signer)
    assert texts[: len(expected)] == expected and texts[-1] == "Trần Thị Bình"
    assert texts[len(expected) : -1] and not any(texts[len(expected) : -1])  # room for the signature
    assert all(p.runs[0].font.bold for p in cell.paragraphs if p.text)


@pytest.mark.parametrize("type_name", SEVEN)
def test_the_body_paragraphs_keep_their_text_justified_and_indented(type_name):
    layout = layout_for(type_name)
    document = read(layout)
    texts = [p.text for p in document.paragraphs]
    expected = body_paragraphs(layout.body)
    start = texts.index(expected[0])
    assert texts[start : start + len(expected)] == expected
    for p in document.paragraphs[start : start + len(expected)]:
        assert p.alignment in (WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER)
        if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY:
            assert p.paragraph_format.first_line_indent == Cm(1.27)
            assert p.paragraph_format.space_after >= Pt(6)


def test_an_article_number_is_bold_and_its_text_is_not():
    document = read(layout_for("Quyết định", body="Điều 1. Phê duyệt kế hoạch năm 2026./."))
    runs = paragraph(document, "Điều 1. Phê duyệt kế hoạch năm 2026./.").runs
    assert (runs[0].text, runs[0].font.bold) == ("Điều 1.", True)
    assert runs[1].font.bold is False


def test_several_recipients_follow_kinh_gui_with_dashes():
    layout = layout_for("Tờ trình")
    texts = [p.text for p in read(layout).paragraphs]
    start = texts.index("Kính gửi:")
    assert texts[start + 1 : start + 3] == ["- Sở Tài chính;", "- Sở Nội vụ thành phố Hải Phòng."]


def test_page_numbers_are_a_field_in_the_header_of_pages_after_the_first():
    section = read(layout_for("Công văn")).sections[0]
    assert section.different_first_page_header_footer
    fields = section.header._element.findall(".//" + qn("w:fldSimple"))
    assert [field.get(qn("w:instr")) for field in fields] == ["PAGE"]
    assert not section.first_page_header.paragraphs[0].text
