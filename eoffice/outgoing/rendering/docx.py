"""The editable Word version of an outgoing document: the same lines as the
PDF, in Times New Roman as ND30 Appendix I names it, laid out with two
borderless tables (header; Nơi nhận beside the signature) so Word and
LibreOffice keep the columns."""

import io
import unicodedata

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from eoffice.outgoing.rendering.layout import (
    MOTTO,
    NATIONAL_TITLE,
    DocumentLayout,
    body_paragraphs,
    circulation_marks,
    confidentiality_stamp,
    drafter_mark,
    format_issue_date,
    format_number_line,
    is_division_heading,
    legal_basis_lines,
    nfc_layout,
    places_lines,
    priority_stamp,
    recipient_lines,
    signer_lines,
    split_article,
)
from eoffice.outgoing.rendering.templates import template_for

FONT = "Times New Roman"
CONTENT_W = Mm(165)
HEADER_LEFT_W, HEADER_RIGHT_W = Mm(70), Mm(95)
PLACES_W, SIGNER_W = Mm(74), Mm(91)
RED = RGBColor(0xE0, 0x00, 0x00)
SIGNATURE_LINES = 5  # empty lines for the signature and the seal


def _points(text: str, *, bold: bool, size: float) -> float:
    """Approximate width in points: Times metrics of the letters without
    their tone marks (a Vietnamese letter is as wide as its base letter)."""
    base = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    base = "".join(ch for ch in base if not unicodedata.combining(ch))
    return stringWidth(base, "Times-Bold" if bold else "Times-Roman", size)


def _set_fonts(run_properties) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _paragraph(container, text="", *, size=14, bold=False, italic=False, align=None, before=0, after=0, color=None):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        paragraph.alignment = align
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic, color=color)
    return paragraph


def _run(paragraph, text, *, size=14, bold=False, italic=False, color=None):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    _set_fonts(run._element.get_or_add_rPr())
    if color is not None:
        run.font.color.rgb = color
    return run


def _first(cell, text="", **kwargs):
    """The cell's own first paragraph, filled like _paragraph()."""
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(kwargs.pop("before", 0)), Pt(kwargs.pop("after", 0))
    align = kwargs.pop("align", None)
    if align is not None:
        paragraph.alignment = align
    if text:
        _run(paragraph, text, **kwargs)
    return paragraph


def _rule(container, *, length, width, first=False):
    """A solid line `length` long, centred in a column `width` wide: the
    bottom border of an empty paragraph narrowed by its indents."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    fmt = paragraph.paragraph_format
    indent = max(int((width - length) / 2), 0)
    fmt.left_indent = fmt.right_indent = indent
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(3)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # The schema fixes the order of pPr children: pBdr comes before spacing, ind, jc.
    successors = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr")
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *successors)
    return paragraph


def _framed(paragraph, text, *, color):
    """A framed mark (dấu) as a bordered run: độ khẩn, độ mật, lưu hành."""
    run = _run(paragraph, f"\u00a0{text}\u00a0", size=13, bold=True, color=color)
    border = OxmlElement("w:bdr")
    hex_color = str(color) if color is not None else "000000"
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "2"), ("w:color", hex_color)):
        border.set(qn(key), value)
    run._element.get_or_add_rPr().append(border)


def _table(document, widths):
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width
    return table


def _page_numbers(section) -> None:
    """Page numbers centred in the top margin, not on page 1 (ND30-PL1 I.7)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = _run(paragraph, "2", size=13)
    paragraph._p.remove(run._element)
    field.append(run._element)
    paragraph._p.append(field)


def _header(document, layout: DocumentLayout, shows_title: bool) -> None:
    top = _table(document, [HEADER_LEFT_W, HEADER_RIGHT_W])
    left, right = top.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    lines = [(line.upper(), False) for line in layout.parent_agency.split("\n") if line.strip()]
    lines += [(line.upper(), True) for line in layout.agency.split("\n") if line.strip()]
    for i, (line, bold) in enumerate(lines):
        (
            _first(left, line, size=12, bold=bold, align=center)
            if i == 0
            else _paragraph(left, line, size=12, bold=bold, align=center)
        )
    widest = max((_points(line, bold=True, size=12) for line, bold in lines if bold), default=100)
    _rule(left, length=Pt(min(widest, HEADER_LEFT_W.pt) * 0.4), width=HEADER_LEFT_W, first=not lines)
    _first(right, NATIONAL_TITLE, size=12, bold=True, align=center)
    _paragraph(right, MOTTO, size=13, bold=True, align=center)
    _rule(right, length=Pt(_points(MOTTO, bold=True, size=13)), width=HEADER_RIGHT_W)

    row = top.add_row().cells
    _first(row[0], format_number_line(layout.number, layout.symbol), size=13, align=center, before=10)
    if not shows_title and layout.subject.strip():
        _paragraph(row[0], f"V/v {layout.subject.strip()}", size=12, align=center, before=6)
    for mark in (confidentiality_stamp(layout), priority_stamp(layout)):
        if mark:
            _framed(_paragraph(row[0], align=center, before=8), mark, color=RED)
    _first(
        row[1], format_issue_date(layout.place, layout.issued_on, year=layout.year), size=13, italic=True, align=center, before=10
    )
    for mark in circulation_marks(layout):
        _framed(_paragraph(row[1], align=center, before=8), mark, color=None)


def _recipients(document, layout: DocumentLayout) -> None:
    lines = recipient_lines(layout)
    if len(lines) == 1:
        _paragraph(document, lines[0], align=WD_ALIGN_PARAGRAPH.CENTER, before=10, after=6)
    elif lines:
        label = _points("Kính gửi", bold=False, size=14)
        widest = max(_points(line, bold=False, size=14) for line in lines[1:])
        start = max(Cm(1.27).pt, (CONTENT_W.pt - label - min(widest, CONTENT_W.pt * 0.6)) / 2)
        _paragraph(document, lines[0], before=10).paragraph_format.left_indent = Pt(start)
        for line in lines[1:]:
            _paragraph(document, line).paragraph_format.left_indent = Pt(start + label)
        document.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _body(document, layout: DocumentLayout) -> None:
    centre_next = False
    for text in body_paragraphs(layout.body):
        if is_division_heading(text) or (centre_next and text.upper() == text):
            _paragraph(document, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
            centre_next = is_division_heading(text)
            continue
        centre_next = False
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        head, rest = split_article(text)
        heading = not head and text.upper() == text and any(ch.isalpha() for ch in text) and len(text) < 120
        if head:
            _run(paragraph, head, bold=True)
        if rest or not head:
            _run(paragraph, rest if head else text, bold=heading)


def _signature(document, layout: DocumentLayout) -> None:
    table = _table(document, [PLACES_W, SIGNER_W])
    left, right = table.rows[0].cells
    _first(left, "Nơi nhận:", size=12, bold=True, italic=True, before=6)
    for line in places_lines(layout) + [mark for mark in [drafter_mark(layout)] if mark]:
        _paragraph(left, line, size=11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(signer_lines(layout.signer)):
        (_first if i == 0 else _paragraph)(right, line, bold=True, align=center, before=6 if i == 0 else 0)
    for _ in range(SIGNATURE_LINES):
        _paragraph(right, align=center)
    name = " ".join(layout.signer.full_name.split())
    if name:
        _paragraph(right, name, bold=True, align=center)


def render_docx(layout: DocumentLayout) -> bytes:
    """The document as DOCX: A4, ND30 margins, Times New Roman."""
    layout = nfc_layout(layout)
    template = template_for(layout.type_name)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _page_numbers(section)
    if layout.contact:  # box 13: page 1's footer, under a full-width line
        _rule(section.first_page_footer, length=CONTENT_W, width=CONTENT_W, first=True)
        _paragraph(section.first_page_footer, layout.contact, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.core_properties.title = f"{layout.type_name}: {layout.subject}"[:250]
    document.core_properties.author = " ".join(layout.agency.split())
    document.core_properties.language = "vi-VN"

    _header(document, layout, template.shows_title)
    if template.shows_title:
        _paragraph(document, layout.type_name.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=14)
        if layout.subject.strip():
            _paragraph(document, " ".join(layout.subject.split()), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        subject_width = min(_points(layout.subject, bold=True, size=14), CONTENT_W.pt * 0.8)
        _rule(document, length=Pt(max(subject_width * 0.4, 50)), width=CONTENT_W).paragraph_format.space_after = Pt(10)
    if layout.issuer_title.strip():
        _paragraph(document, layout.issuer_title.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    for line in legal_basis_lines(layout.legal_bases):
        basis = _paragraph(document, line, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=3)
        basis.paragraph_format.first_line_indent = Cm(1.27)
    if template.proclamation:
        _paragraph(document, template.proclamation, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    _recipients(document, layout)
    _body(document, layout)
    _signature(document, layout)
    # Word wants the body to end with a paragraph, not a table.
    end = _paragraph(document)
    end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    end.paragraph_format.line_spacing = Pt(1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
