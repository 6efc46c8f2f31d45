"""The PDF of an outgoing document, laid out per ND30 Appendix I with
ReportLab. The header and the signature block are drawn by flowables that
record where they land, so the integrator can sign into the right places
(signer_box: box 7c; agency_box: box 14) and fill the number and date
fields at issuance without invalidating the signer's signature."""

import io
from dataclasses import dataclass, field
from typing import cast
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer

from eoffice.core.fonts import FontNames, greedy_lines, register_fonts, text_width, wrap_balanced
from eoffice.outgoing.rendering.layout import (
    MONTH_BLANK,
    MOTTO,
    NATIONAL_TITLE,
    Box,
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
from eoffice.outgoing.rendering.templates import DocTemplate, template_for

PAGE_W, PAGE_H = A4
MARGIN_TOP = MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT, MARGIN_RIGHT = 30 * mm, 15 * mm
CONTENT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
HEADER_LEFT_W = 70 * mm  # agency column; the rest holds Quốc hiệu and the date
SIGNER_X = 0.45 * CONTENT_W  # the signature column starts here; Nơi nhận left of it
SIGNATURE_SPACE = 28 * mm  # room for the signature image and the seal
SIGNER_BOX_W = 80 * mm
AGENCY_BOX = (0, PAGE_W - MARGIN_RIGHT - 80 * mm, PAGE_H - MARGIN_TOP + 1 * mm, PAGE_W - MARGIN_RIGHT, PAGE_H - 3 * mm)
STAMP_H = 8 * mm
# ND30-PL1 III.2.b: urgency stamps are 20, 40 and 30 mm wide, bright red.
STAMP_WIDTHS = {"KHẨN": 20 * mm, "THƯỢNG KHẨN": 40 * mm, "HỎA TỐC": 30 * mm}
RED = Color(0.88, 0.0, 0.0)

# Sizes from the example column of ND30-PL1 §V.
SIZE_NATIONAL, SIZE_MOTTO, SIZE_AGENCY, SIZE_NUMBER, SIZE_DATE = 12, 13, 12, 13, 13
SIZE_LETTER_SUBJECT, SIZE_TITLE, SIZE_BODY, SIZE_SIGNER = 12, 14, 14, 14
SIZE_PLACES_LABEL, SIZE_PLACES, SIZE_PAGE_NO, SIZE_STAMP, SIZE_CONTACT = 12, 11, 13, 13, 11
LINE = 1.15  # single line spacing of Times New Roman
ASCENT, DESCENT = 0.89, 0.22
BODY_LEADING = 17  # between single and 1.5 lines at 14 pt
INDENT = 1.27 * 72 / 2.54  # first-line indent 1.27 cm
# Only digits go in the fields, so a standard font is enough. One font for all
# three: ReportLab writes a second /Font key into /DR for a second form font.
FIELD_FONT = "Times-Roman"


@dataclass
class RenderedPdf:
    data: bytes
    pages: int
    signer_box: Box
    agency_box: Box
    # eoffice_number, eoffice_day, eoffice_month on an unnumbered document.
    fields: dict[str, Box] = field(default_factory=dict)


@dataclass
class _Positions:
    signer_box: Box | None = None
    fields: dict[str, Box] = field(default_factory=dict)


class _Drawing(Flowable):
    """Draws a list of operations measured from its top edge, and knows where
    on which page it was drawn."""

    def __init__(self):
        super().__init__()
        self.ops: list[tuple] = []
        self.depth = 0.0

    def drawOn(self, canvas, x, y, _sW=0):
        self.origin = (canvas.getPageNumber() - 1, x, y)
        super().drawOn(canvas, x, y, _sW)

    def box(self, x1: float, y1: float, x2: float, y2: float) -> Box:
        """Absolute page coordinates of a rectangle given in own coordinates."""
        page, ox, oy = self.origin
        return (page, round(ox + x1, 2), round(oy + y1, 2), round(ox + x2, 2), round(oy + y2, 2))

    def text(self, x: float, depth: float, text: str, font: str, size: float, *, align="center", color=black):
        self.ops.append(("text", x, depth, text, font, size, align, color))

    def rule(self, x_center: float, depth: float, length: float):
        self.ops.append(("rule", x_center, depth, length))

    def stamp(self, x_center: float, depth: float, text: str, font: str, width: float, color):
        """A framed mark (dấu) STAMP_H high whose top is at `depth`."""
        self.ops.append(("frame", x_center, depth, width, color))
        self.text(x_center, depth + STAMP_H / 2 + SIZE_STAMP * 0.33, text, font, SIZE_STAMP, color=color)

    def wrap(self, available_width, available_height):
        return CONTENT_W, self.depth

    def draw(self):
        canvas = self.canv
        for op in self.ops:
            kind = op[0]
            if kind == "text":
                _, x, depth, text, font, size, align, color = op
                canvas.setFillColor(color)
                canvas.setFont(font, size)
                draw = {"center": canvas.drawCentredString, "left": canvas.drawString}[align]
                draw(x, self.depth - depth, text)
            elif kind == "rule":
                _, x_center, depth, length = op
                canvas.setStrokeColor(black)
                canvas.setLineWidth(0.6)
                canvas.line(x_center - length / 2, self.depth - depth, x_center + length / 2, self.depth - depth)
            elif kind == "frame":
                _, x_center, depth, width, color = op
                canvas.setStrokeColor(color)
                canvas.setLineWidth(1)
                canvas.rect(x_center - width / 2, self.depth - depth - STAMP_H, width, STAMP_H)
        canvas.setFillColor(black)
        self.draw_fields()

    def draw_fields(self):
        pass


class _Header(_Drawing):
    """Page 1 header: agency and number on the left, Quốc hiệu, Tiêu ngữ and
    the date on the right (boxes 1–4, 5b, 10a, 10b, 11)."""

    def __init__(self, layout: DocumentLayout, template: DocTemplate, fonts: FontNames, positions: _Positions):
        super().__init__()
        self.layout, self.fonts, self.positions = layout, fonts, positions
        # (name, x1, x2, baseline depth, kind, alignment /Q, font size)
        self.field_specs: list[tuple[str, float, float, float, str, int, float]] = []
        self._build(template)

    def _build(self, template: DocTemplate) -> None:
        f, layout = self.fonts, self.layout
        left_x, right_x = HEADER_LEFT_W / 2, HEADER_LEFT_W + (CONTENT_W - HEADER_LEFT_W) / 2
        right_w = CONTENT_W - HEADER_LEFT_W

        depth = SIZE_NATIONAL * ASCENT
        self.text(right_x, depth, NATIONAL_TITLE, f.bold, SIZE_NATIONAL)
        depth += SIZE_MOTTO * LINE
        self.text(right_x, depth, MOTTO, f.bold, SIZE_MOTTO)
        right_rule = depth + SIZE_MOTTO * DESCENT + 3.5
        self.rule(right_x, right_rule, text_width(MOTTO, f.bold, SIZE_MOTTO))

        depth = SIZE_AGENCY * ASCENT - SIZE_AGENCY * LINE
        for line in wrap_balanced(layout.parent_agency.upper(), f.regular, SIZE_AGENCY, HEADER_LEFT_W - 4):
            depth += SIZE_AGENCY * LINE
            self.text(left_x, depth, line, f.regular, SIZE_AGENCY)
        agency_lines = wrap_balanced(layout.agency.upper(), f.bold, SIZE_AGENCY, HEADER_LEFT_W - 4)
        for line in agency_lines:
            depth += SIZE_AGENCY * LINE
            self.text(left_x, depth, line, f.bold, SIZE_AGENCY)
        left_rule = depth + SIZE_AGENCY * DESCENT + 3.5
        widest = max((text_width(line, f.bold, SIZE_AGENCY) for line in agency_lines), default=60)
        # Appendix I II.2: a rule a third to a half as long as the name, however short the name.
        self.rule(left_x, left_rule, widest * 0.4)

        number_depth = max(left_rule, right_rule) + SIZE_NUMBER * LINE + 6
        self._number_line(left_x, number_depth)
        date_size: float = SIZE_DATE
        date_line = format_issue_date(layout.place, layout.issued_on, year=layout.year)
        while date_size > 11 and text_width(date_line, f.italic, date_size) > right_w - 4:
            date_size -= 0.5  # a long place name ("Thành phố Hồ Chí Minh") still fits the column
        self._date_line(right_x, number_depth, date_line, date_size)

        left_depth = number_depth + SIZE_NUMBER * DESCENT
        if not template.shows_title and layout.subject.strip():
            left_depth += 6 - SIZE_LETTER_SUBJECT * (LINE - ASCENT)
            vv = wrap_balanced(f"V/v {layout.subject.strip()}", f.regular, SIZE_LETTER_SUBJECT, HEADER_LEFT_W - 8)
            for line in vv:
                left_depth += SIZE_LETTER_SUBJECT * LINE
                self.text(left_x, left_depth, line, f.regular, SIZE_LETTER_SUBJECT)
            left_depth += SIZE_LETTER_SUBJECT * DESCENT
        for mark in (confidentiality_stamp(layout), priority_stamp(layout)):
            if mark:
                width = STAMP_WIDTHS.get(mark, text_width(mark, f.bold, SIZE_STAMP) + 8 * mm)
                self.stamp(left_x, left_depth + 3 * mm, mark, f.bold, width, RED)
                left_depth += 3 * mm + STAMP_H
        right_depth = number_depth + date_size * DESCENT
        for mark in circulation_marks(layout):
            self.stamp(right_x, right_depth + 3 * mm, mark, f.bold, text_width(mark, f.bold, SIZE_STAMP) + 8 * mm, black)
            right_depth += 3 * mm + STAMP_H
        self.depth = max(left_depth, right_depth) + 4

    def _number_line(self, x_center: float, depth: float) -> None:
        layout, font = self.layout, self.fonts.regular
        line = format_number_line(layout.number, layout.symbol)
        self.text(x_center, depth, line, font, SIZE_NUMBER)
        if layout.unnumbered:
            # The whole line: at issuance it is set again as typed, "Số: 05/QĐ-VP".
            half = (HEADER_LEFT_W - 4) / 2
            self.field_specs.append(("eoffice_number", x_center - half, x_center + half, depth, "line", 1, SIZE_NUMBER))

    def _date_line(self, x_center: float, depth: float, line: str, size: float) -> None:
        font = self.fonts.italic
        self.text(x_center, depth, line, font, size)
        if not self.layout.unnumbered:
            return
        # The whole line carries the day (and year) at issuance; the month's field,
        # in its blank, keeps the month as a value and prints nothing of its own.
        half = (CONTENT_W - HEADER_LEFT_W - 4) / 2
        self.field_specs.append(("eoffice_day", x_center - half, x_center + half, depth, "line", 1, size))
        start = x_center - text_width(line, font, size) / 2
        space = text_width(" ", font, size)
        month_at = line.rindex(f"tháng{MONTH_BLANK}năm") + len("tháng")
        x1 = start + text_width(line[:month_at], font, size) + space
        x2 = x1 + text_width(MONTH_BLANK, font, size) - 2 * space
        self.field_specs.append(("eoffice_month", x1, x2, depth, "date", 1, size))

    def draw_fields(self):
        form = self.canv.acroForm
        for name, x1, x2, depth, kind, quadding, size in self.field_specs:
            baseline = self.depth - depth
            # 1.16 em high with the baseline 0.3 em up: text centred vertically in
            # the field (what viewers and the filler do) sits on the line's baseline.
            # A whole line reaches 1.1 em up, over the stacked marks of "Số", "ngày".
            y1, y2 = baseline - size * 0.3, baseline + size * (1.1 if kind == "line" else 0.86)
            page, ax1, ay1, ax2, ay2 = self.box(x1, y1, x2, y2)
            form.textfield(
                name=name,
                x=ax1,
                y=ay1,
                width=ax2 - ax1,
                height=ay2 - ay1,
                fontName=FIELD_FONT,
                fontSize=size,
                textColor=black,
                fillColor=None,
                borderColor=None,
                borderWidth=0,
                maxlen=11 if kind == "line" else 2,  # the value is the number or the day alone
                fieldFlags="",  # editable: the registry fills it at issuance
                annotationFlags="print",
            )
            # ReportLab has no argument for the alignment (/Q) of a text field.
            widget = self.canv._doc.idToObject[form.fields[-1].name]
            widget["Q"] = quadding
            self.positions.fields[name] = (page, ax1, ay1, ax2, ay2)


class _Rule(Flowable):
    """The short solid line under a typed document's subject."""

    def __init__(self, length: float):
        super().__init__()
        self.length = length

    def wrap(self, available_width, available_height):
        self.available = available_width
        return available_width, 14

    def draw(self):
        self.canv.setLineWidth(0.6)
        start = (self.available - self.length) / 2
        self.canv.line(start, 8, start + self.length, 8)


class _SignatureBlock(_Drawing):
    """Signer on the right (box 7), Nơi nhận and the drafter mark on the left
    (boxes 9b, 12), "Nơi nhận:" level with the first signer line."""

    def __init__(self, layout: DocumentLayout, fonts: FontNames, positions: _Positions):
        super().__init__()
        self.positions = positions
        f = fonts
        center, width = SIGNER_X + (CONTENT_W - SIGNER_X) / 2, CONTENT_W - SIGNER_X
        pitch = SIZE_SIGNER * LINE
        parts = [part for line in signer_lines(layout.signer) for part in wrap_balanced(line, f.bold, SIZE_SIGNER, width)]
        first = 8 + SIZE_SIGNER * ASCENT  # baseline of the authority line
        for i, part in enumerate(parts):
            self.text(center, first + i * pitch, part, f.bold, SIZE_SIGNER)
        above = first + (len(parts) - 1) * pitch + SIZE_SIGNER * DESCENT if parts else 8
        name_top = above + SIGNATURE_SPACE
        name = " ".join(layout.signer.full_name.split())
        if name:
            self.text(center, name_top + SIZE_SIGNER * ASCENT, name, f.bold, SIZE_SIGNER)
        # Depths (from the top) of the empty space between position and name.
        self.signature = (center - SIGNER_BOX_W / 2, above + 2, center + SIGNER_BOX_W / 2, name_top - 2)
        right_depth = name_top + SIZE_SIGNER * (ASCENT + DESCENT)

        left_depth = first
        self.text(0, left_depth, "Nơi nhận:", f.bold_italic, SIZE_PLACES_LABEL, align="left")
        lines = places_lines(layout) + [mark for mark in [drafter_mark(layout)] if mark]
        dash = text_width("- ", f.regular, SIZE_PLACES)
        for line in lines:
            for i, part in enumerate(greedy_lines(line.split(), f.regular, SIZE_PLACES, SIGNER_X - 6 * mm - dash)):
                left_depth += SIZE_PLACES * LINE
                self.text(dash if i else 0, left_depth, part, f.regular, SIZE_PLACES, align="left")
        self.depth = max(right_depth, left_depth + SIZE_PLACES * DESCENT) + 4

    def draw(self):
        super().draw()
        x1, top, x2, bottom = self.signature
        self.positions.signer_box = self.box(x1, self.depth - bottom, x2, self.depth - top)


def _styles(fonts: FontNames) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=SIZE_BODY, leading=BODY_LEADING, alignment=TA_JUSTIFY)
    return {
        "body": ParagraphStyle("body", parent=base, firstLineIndent=INDENT, spaceAfter=6),
        "basis": ParagraphStyle("basis", parent=base, fontName=fonts.italic, firstLineIndent=INDENT, spaceAfter=3),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.bold, alignment=TA_CENTER, spaceBefore=14),
        "subject": ParagraphStyle("subject", parent=base, fontName=fonts.bold, alignment=TA_CENTER),
        "centred": ParagraphStyle("centred", parent=base, fontName=fonts.bold, alignment=TA_CENTER, spaceBefore=6, spaceAfter=6),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.bold, firstLineIndent=INDENT, spaceAfter=6),
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT, spaceAfter=0),
    }


def _html(text: str) -> str:
    return escape(text)


def _recipients(layout: DocumentLayout, fonts: FontNames, styles) -> list[Flowable]:
    lines = recipient_lines(layout)
    if not lines:
        return []
    if len(lines) == 1:
        return [Spacer(1, 10), Paragraph(_html(lines[0]), ParagraphStyle("kg", parent=styles["left"], alignment=TA_CENTER))]
    # The dashes line up under the colon of "Kính gửi:" (ND30-PL1 II.9.d).
    label = text_width("Kính gửi", fonts.regular, SIZE_BODY)
    widest = max(text_width(line, fonts.regular, SIZE_BODY) for line in lines[1:])
    start = max(INDENT, (CONTENT_W - label - min(widest, CONTENT_W * 0.6)) / 2)
    items = ParagraphStyle("kg-items", parent=styles["left"], leftIndent=start + label)
    flowables: list[Flowable] = [
        Spacer(1, 10),
        Paragraph(_html(lines[0]), ParagraphStyle("kg", parent=styles["left"], leftIndent=start)),
    ]
    flowables += [Paragraph(_html(line), items) for line in lines[1:]]
    return flowables + [Spacer(1, 8)]


def _body(layout: DocumentLayout, styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    centre_next = False
    for paragraph in body_paragraphs(layout.body):
        if is_division_heading(paragraph):
            flowables.append(Paragraph(_html(paragraph), styles["centred"]))
            centre_next = True
            continue
        if centre_next and paragraph.upper() == paragraph:
            flowables.append(Paragraph(_html(paragraph), styles["centred"]))
            centre_next = False
            continue
        centre_next = False
        head, rest = split_article(paragraph)
        if head:
            flowables.append(Paragraph(f"<b>{_html(head)}</b>{_html(rest)}", styles["body"]))
        elif paragraph.upper() == paragraph and any(ch.isalpha() for ch in paragraph) and len(paragraph) < 120:
            flowables.append(Paragraph(_html(paragraph), styles["heading"]))  # "I. KẾT QUẢ THỰC HIỆN"
        else:
            flowables.append(Paragraph(_html(paragraph), styles["body"]))
    return flowables


def _story(layout: DocumentLayout, template: DocTemplate, fonts: FontNames, positions: _Positions) -> list[Flowable]:
    styles = _styles(fonts)
    story: list[Flowable] = [_Header(layout, template, fonts, positions)]
    if template.shows_title:
        story.append(Paragraph(_html(layout.type_name.upper()), styles["title"]))
        subject = wrap_balanced(layout.subject, fonts.bold, SIZE_TITLE, CONTENT_W * 0.8)
        if subject:
            story.append(Paragraph("<br/>".join(_html(line) for line in subject), styles["subject"]))
            widest = max(text_width(line, fonts.bold, SIZE_TITLE) for line in subject)
            story.append(_Rule(min(max(widest * 0.4, 50), widest)))
        else:
            story.append(_Rule(50))
    if layout.issuer_title.strip():
        lines = wrap_balanced(layout.issuer_title.upper(), fonts.bold, SIZE_BODY, CONTENT_W)
        story.append(Paragraph("<br/>".join(_html(line) for line in lines), styles["centred"]))
    story += [Paragraph(_html(line), styles["basis"]) for line in legal_basis_lines(layout.legal_bases)]
    if template.proclamation:
        story.append(Paragraph(_html(template.proclamation), styles["centred"]))
    story += _recipients(layout, fonts, styles)
    body = _body(layout, styles) or [Spacer(1, 6)]
    signature = _SignatureBlock(layout, fonts, positions)
    return story + body[:-1] + [KeepTogether([body[-1], signature])]


def _page_furniture(layout: DocumentLayout):
    """What each page carries outside the text: from page 2 on, the number centred
    in the top margin (ND30-PL1 I.7); on page 1, box 13 under a full-width line
    at the foot of the page."""

    def draw(canvas, doc) -> None:
        fonts = register_fonts()
        if doc.page > 1:
            canvas.setFont(fonts.regular, SIZE_PAGE_NO)
            canvas.drawCentredString(MARGIN_LEFT + CONTENT_W / 2, PAGE_H - 12 * mm, str(doc.page))
        elif layout.contact:
            lines = greedy_lines(layout.contact.split(), fonts.regular, SIZE_CONTACT, CONTENT_W)[:2]
            top = MARGIN_BOTTOM - 2 * mm
            canvas.setLineWidth(0.6)
            canvas.line(MARGIN_LEFT, top, MARGIN_LEFT + CONTENT_W, top)
            canvas.setFont(fonts.regular, SIZE_CONTACT)
            for i, line in enumerate(lines):
                canvas.drawCentredString(MARGIN_LEFT + CONTENT_W / 2, top - SIZE_CONTACT * (ASCENT + LINE * i) - 2, line)

    return draw


def render_pdf(layout: DocumentLayout) -> RenderedPdf:
    """The document as a PDF (A4, Liberation Serif embedded as subsets). An
    unnumbered document carries the fields eoffice_number, eoffice_day and
    eoffice_month for the registry to fill at issuance."""
    layout = nfc_layout(layout)
    fonts = register_fonts()
    template = template_for(layout.type_name)
    positions = _Positions()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{layout.type_name} {format_number_line(layout.number, layout.symbol).replace('  ', '')}".strip(),
        subject=layout.subject,
        author=layout.agency,
        creator="eOffice",
        keywords=f"Phông chữ: {fonts.family}",  # which serif was embedded (ND30 names Times New Roman)
        lang="vi-VN",
        initialFontName=fonts.regular,  # no unused, unembedded Helvetica in the resources
        initialFontSize=SIZE_BODY,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="content")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_furniture(layout))])
    doc.build(_story(layout, template, fonts, positions))
    data = buffer.getvalue()
    return RenderedPdf(
        data=data,
        pages=doc.page,
        signer_box=cast(Box, positions.signer_box),  # the signature block sets it while drawing
        agency_box=AGENCY_BOX,
        fields=dict(positions.fields),
    )
