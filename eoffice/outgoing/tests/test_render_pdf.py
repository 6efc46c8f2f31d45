"""The PDF of an outgoing document: components in ND30 Appendix I order,
every letter printable, page numbers, the signing boxes and the fields the
registry fills at issuance."""

import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from eoffice.core.choices import DOCUMENT_TYPES
from eoffice.core.fonts import wrap_balanced
from eoffice.outgoing.rendering import (
    DocumentLayout,
    FontMissing,
    Signer,
    drafter_mark,
    format_issue_date,
    format_number_line,
    legal_basis_lines,
    missing_glyphs,
    places_lines,
    recipient_lines,
    register_fonts,
    render_pdf,
    signer_lines,
    template_for,
)
from eoffice.outgoing.rendering.layout import MOTTO, NATIONAL_TITLE, body_paragraphs
from eoffice.outgoing.rendering.pdf import MARGIN_TOP, PAGE_H, PAGE_W

SEVEN = ["Quyết định", "Công văn", "Tờ trình", "Báo cáo", "Kế hoạch", "Thông báo", "Giấy mời"]
FILLER = "Ủy ban nhân dân thành phố Hải Phòng"


def layout_for(type_name: str, **overrides) -> DocumentLayout:
    """A filled-in document of the type, from its template's skeleton."""
    template = template_for(type_name)
    abbreviation = dict(DOCUMENT_TYPES)[type_name]
    decision = bool(template.proclamation)
    values = dict(
        type_name=type_name,
        parent_agency="ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG",
        agency="VĂN PHÒNG",
        place="Hải Phòng",
        symbol=f"{abbreviation}-VP" if abbreviation else "VP-HCTC",
        subject=("Về việc thử nghiệm" if template.shows_title else "thử nghiệm")
        + f" trình bày {type_name.lower()} trên hệ thống quản lý văn bản và điều hành",
        body=template.starter_body.replace("…", FILLER),
        signer=Signer("KT.", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Trần Thị Bình"),
        number="07",
        issued_on=date(2026, 2, 3),
        issuer_title="CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" if decision else "",
        legal_bases=tuple(basis.replace("…", "Nghị định số 30/2020/NĐ-CP") for basis in template.starter_legal_bases),
        recipients=("Sở Tài chính", "Sở Nội vụ thành phố Hải Phòng") if template.uses_recipients else (),
        places=("Như trên", "Lãnh đạo Văn phòng Ủy ban nhân dân thành phố"),
        archive_units="HCTC",
        copies=2,
        drafter_initials="NVA",
    )
    return DocumentLayout(**(values | overrides))


def expected_text(layout: DocumentLayout) -> list[str]:
    """The components in the order Appendix I presents them."""
    template = template_for(layout.type_name)
    parts = [NATIONAL_TITLE, MOTTO, layout.parent_agency, layout.agency]
    parts += [
        format_number_line(layout.number, layout.symbol),
        format_issue_date(layout.place, layout.issued_on, year=layout.year),
    ]
    if template.shows_title:
        parts += [layout.type_name.upper(), layout.subject]
    else:
        parts.append(f"V/v {layout.subject}")
    parts += [layout.issuer_title] if layout.issuer_title else []
    parts += legal_basis_lines(layout.legal_bases)
    parts += [template.proclamation] if template.proclamation else []
    parts += recipient_lines(layout) + body_paragraphs(layout.body)
    parts += signer_lines(layout.signer) + [layout.signer.full_name]
    return parts + ["Nơi nhận:"] + places_lines(layout) + [drafter_mark(layout)]


def squeeze(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def extract(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def positioned_text(data: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Per page: (text, x, y, font size) of every text run drawn."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        runs: list[tuple[str, float, float, float]] = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((text.strip(), x, y, size))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def find(runs, text: str):
    matches = [run for run in runs if squeeze(run[0]) == squeeze(text)]
    assert matches, f"{text!r} not drawn"
    return matches[0]


@pytest.mark.parametrize("type_name", SEVEN)
def test_the_extracted_text_is_what_went_in_in_appendix_one_order(type_name):
    layout = layout_for(type_name)
    assert squeeze(extract(render_pdf(layout).data)) == squeeze(" ".join(expected_text(layout)))


@pytest.mark.parametrize("type_name", SEVEN)
def test_the_main_components_come_in_reading_order(type_name):
    layout = layout_for(type_name)
    text = squeeze(extract(render_pdf(layout).data))
    title = f"{type_name.upper()} {layout.subject}" if template_for(type_name).shows_title else f"V/v {layout.subject}"
    paragraphs = body_paragraphs(layout.body)
    components = [MOTTO, "VĂN PHÒNG", "Số: 07/", "Hải Phòng, ngày 03 tháng 02 năm 2026", title]
    components += [paragraphs[0], paragraphs[-1], "KT. CHÁNH VĂN PHÒNG", "Trần Thị Bình", "Nơi nhận:", "- Lưu: VT, HCTC (02)."]
    assert_in_order(text, components)


def assert_in_order(text: str, components: list[str]) -> None:
    """Each component is in `text` after the one before it."""
    position = 0
    for component in components:
        found = text.find(squeeze(component), position)
        assert found >= position, f"{component!r} missing or out of order"
        position = found + len(squeeze(component))


@pytest.mark.parametrize("type_name", SEVEN)
def test_every_character_of_the_document_is_in_the_embedded_font(type_name):
    layout = layout_for(type_name)
    assert missing_glyphs("".join(expected_text(layout))) == set()
    assert missing_glyphs(extract(render_pdf(layout).data)) == set()


def test_long_agency_names_break_into_balanced_lines():
    bold = register_fonts().bold
    assert wrap_balanced("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", bold, 12, 190) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"]
    assert wrap_balanced("SỞ NỘI VỤ\nTHÀNH PHỐ", bold, 12, 190) == ["SỞ NỘI VỤ", "THÀNH PHỐ"]
    assert wrap_balanced("VĂN PHÒNG", bold, 12, 190) == ["VĂN PHÒNG"]


def test_a_character_outside_the_font_is_reported_missing():
    assert missing_glyphs("Hải Phòng \U0001f600") == {"\U0001f600"}


def test_decomposed_vietnamese_input_comes_out_precomposed():
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    text = extract(render_pdf(layout_for("Công văn", signer=Signer("", "", "GIÁM ĐỐC", name))).data)
    assert "Nguyễn Thị Hường" in unicodedata.normalize("NFC", text)
    assert "Nguyễn Thị Hường" in text  # printed with precomposed glyphs, not base letter + mark


def test_the_liberation_serif_faces_are_embedded_as_subsets():
    reader = PdfReader(io.BytesIO(render_pdf(layout_for("Quyết định")).data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    used = [font.get_object() for font in fonts.values()]
    assert {font["/BaseFont"].split("+")[-1] for font in used} == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    for font in used:
        assert "+" in font["/BaseFont"] and "/ToUnicode" in font  # a subset, text extractable
        assert "/FontFile2" in font["/FontDescriptor"]


def long_layout() -> DocumentLayout:
    paragraph = "Các cơ quan, đơn vị rà soát, cập nhật quy trình xử lý văn bản điện tử, bảo đảm đúng thời hạn. " * 4
    return layout_for("Công văn", body="\n".join(f"{i}. {paragraph}" for i in range(1, 19)))


def test_a_long_body_flows_onto_three_pages_numbered_from_the_second():
    rendered = render_pdf(long_layout())
    assert rendered.pages == 3
    top = PAGE_H - MARGIN_TOP
    for index, runs in enumerate(positioned_text(rendered.data)):
        in_margin = [text for text, _x, y, _size in runs if y > top]
        assert in_margin == ([] if index == 0 else [str(index + 1)])


def test_the_page_number_is_centred_in_the_text_area():
    runs = positioned_text(render_pdf(long_layout()).data)[1]
    text, x, y, size = find(runs, "2")
    assert size == 13
    assert abs(x - (30 + (210 - 15 - 30) / 2) * 72 / 25.4) < 8  # the digit starts just left of the centre


def test_the_signer_box_lies_between_the_position_and_the_name():
    rendered = render_pdf(layout_for("Quyết định"))
    page, x1, y1, x2, y2 = rendered.signer_box
    runs = positioned_text(rendered.data)[page]
    _, _, position_y, _ = find(runs, "PHÓ CHÁNH VĂN PHÒNG")
    _, name_x, name_y, size = find(runs, "Trần Thị Bình")
    assert name_y + size * 0.7 < y1 < y2 < position_y
    assert y2 - y1 > 20 * 72 / 25.4  # room for a signature image
    assert 0 < x1 < name_x < x2 < PAGE_W


def test_the_signer_box_follows_the_signature_onto_the_last_page():
    rendered = render_pdf(long_layout())
    page, *_ = rendered.signer_box
    assert page == rendered.pages - 1
    find(positioned_text(rendered.data)[page], "Trần Thị Bình")


def test_the_agency_box_is_in_the_top_right_margin_of_page_one_clear_of_text():
    rendered = render_pdf(layout_for("Công văn"))
    page, x1, y1, x2, y2 = rendered.agency_box
    assert page == 0
    assert PAGE_W / 2 < x1 < x2 <= PAGE_W and PAGE_H - MARGIN_TOP <= y1 < y2 <= PAGE_H
    assert all(not (x1 <= x <= x2 and y1 <= y <= y2) for _, x, y, _ in positioned_text(rendered.data)[0])


def unnumbered_layout() -> DocumentLayout:
    return layout_for("Quyết định", number="", issued_on=None, year=2026)


def test_an_unnumbered_pdf_carries_the_three_fields_for_the_registry():
    reader = PdfReader(io.BytesIO(render_pdf(unnumbered_layout()).data))
    fields = reader.get_fields()
    assert set(fields) == {"eoffice_number", "eoffice_day", "eoffice_month"}
    assert all(field.get("/V", "") == "" and field["/FT"] == "/Tx" for field in fields.values())


def test_the_fields_are_invisible_editable_and_printed():
    reader = PdfReader(io.BytesIO(render_pdf(unnumbered_layout()).data))
    widgets = {str(a.get_object()["/T"]): a.get_object() for a in reader.pages[0]["/Annots"]}
    for widget in widgets.values():
        assert widget.get("/Ff", 0) & 1 == 0  # not read-only
        assert widget["/F"] & 4  # printed once filled
        assert "/BS" not in widget and "/BG" not in widget.get("/MK", {})  # no border, no background
    assert widgets["eoffice_number"]["/Q"] == 1 and widgets["eoffice_day"]["/Q"] == 1  # whole lines, centred


def test_the_number_field_covers_the_whole_number_line():
    """At issuance the line is set again as typed ("Số: 05/QĐ-VP"), over a white
    ground: the field spans the line, with room above for the stacked marks."""
    rendered = render_pdf(unnumbered_layout())
    runs = positioned_text(rendered.data)[0]
    line = format_number_line("", "QĐ-VP")
    _, start, baseline, size = find(runs, line)
    width = _line_width(line, size)
    page, x1, y1, x2, y2 = rendered.fields["eoffice_number"]
    assert page == 0 and y1 < baseline - 0.22 * size and y2 > baseline + size
    assert x1 < start and start + width < x2
    assert x2 - x1 >= _line_width("Số: 1234/2026/QĐ-VP", size)


def test_the_day_field_covers_the_date_line_and_the_month_field_its_blank():
    rendered = render_pdf(unnumbered_layout())
    runs = positioned_text(rendered.data)[0]
    line = format_issue_date("Hải Phòng", None, year=2026)
    _, start, baseline, size = find(runs, line)
    day, month = rendered.fields["eoffice_day"], rendered.fields["eoffice_month"]
    assert day[0] == month[0] == 0
    assert day[1] < start and start + _line_width(line, size, italic=True) < day[3]
    assert day[2] < baseline - 0.22 * size and day[4] > baseline + size
    assert start + _line_width("Hải Phòng, ngày tháng", size, italic=True) < month[1] < month[3]
    assert month[3] < start + _line_width(line, size, italic=True) - _line_width("năm 2026", size, italic=True)
    assert month[2] < baseline < month[4] and month[3] - month[1] >= _standard_width("12", size)


def test_the_fields_in_the_pdf_are_where_rendered_pdf_says():
    rendered = render_pdf(unnumbered_layout())
    reader = PdfReader(io.BytesIO(rendered.data))
    for annotation in reader.pages[0]["/Annots"]:
        widget = annotation.get_object()
        rect = tuple(round(float(v), 1) for v in widget["/Rect"])
        assert rect == tuple(round(v, 1) for v in rendered.fields[str(widget["/T"])][1:])


def test_a_numbered_pdf_prints_number_and_date_and_has_no_fields():
    rendered = render_pdf(layout_for("Quyết định"))
    reader = PdfReader(io.BytesIO(rendered.data))
    assert not reader.get_fields() and rendered.fields == {}
    assert "Số: 07/QĐ-VP" in extract(rendered.data)


def test_stamps_and_marks_are_printed():
    layout = layout_for("Công văn", priority=3, confidentiality=2, circulation="LƯU HÀNH NỘI BỘ")
    text = extract(render_pdf(layout).data)
    for mark in ("HỎA TỐC", "TỐI MẬT", "LƯU HÀNH NỘI BỘ"):
        assert mark in text


def test_a_long_place_name_keeps_the_date_on_one_line_in_its_column():
    layout = layout_for("Công văn", place="Thành phố Hồ Chí Minh", issued_on=date(2026, 12, 25))
    runs = positioned_text(render_pdf(layout).data)[0]
    text, x, _y, size = find(runs, "Thành phố Hồ Chí Minh, ngày 25 tháng 12 năm 2026")
    assert x + _line_width(text, size, italic=True) <= PAGE_W - 15 * 72 / 25.4 + 0.5


def test_a_missing_font_directory_names_the_debian_package(settings, tmp_path):
    settings.EOFFICE_FONT_DIR = str(tmp_path)
    with pytest.raises(FontMissing, match="fonts-liberation2"):
        register_fonts()


def test_the_old_liberation_fonts_without_vietnamese_are_refused(settings):
    old = Path("/usr/share/fonts/truetype/liberation")
    if not (old / "LiberationSerif-Regular.ttf").is_file():
        pytest.skip("fonts-liberation is not installed")
    settings.EOFFICE_FONT_DIR = str(old)
    with pytest.raises(FontMissing, match="fonts-liberation2"):
        register_fonts()


def test_the_pdf_says_which_serif_it_embeds():
    info = PdfReader(io.BytesIO(render_pdf(layout_for("Công văn")).data)).metadata
    assert info["/Keywords"] == "Phông chữ: Liberation Serif"


@pytest.mark.parametrize(
    "names",
    [
        ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),  # Windows' names
        ("Times New Roman.ttf", "Times New Roman Bold.ttf", "Times New Roman Italic.ttf", "Times New Roman Bold Italic.ttf"),
    ],
)
def test_times_new_roman_installed_by_the_administrator_is_embedded(settings, tmp_path, names):
    """Liberation Serif is the default; four Times New Roman files in
    EOFFICE_FONT_DIR are embedded instead and the metadata says so. (The test
    copies Liberation under Times New Roman's file names: the real font is not
    free to ship.)"""
    from eoffice.core.fonts import FILES, font_files

    liberation = Path("/usr/share/fonts/truetype/liberation2")
    for face, name in zip(("regular", "bold", "italic", "bold_italic"), names, strict=True):
        (tmp_path / name).write_bytes((liberation / FILES[face]).read_bytes())
    settings.EOFFICE_FONT_DIR = str(tmp_path)
    fonts = register_fonts()
    assert fonts.family == "Times New Roman"
    assert font_files()[1]["bold"].name == names[1]  # (ReportLab shares parsed faces of identical bytes)
    info = PdfReader(io.BytesIO(render_pdf(layout_for("Công văn")).data)).metadata
    assert info["/Keywords"] == "Phông chữ: Times New Roman"


def test_three_of_the_four_times_new_roman_files_are_not_enough(settings, tmp_path):
    for name in ("times.ttf", "timesbd.ttf", "timesi.ttf"):
        (tmp_path / name).write_bytes(b"")
    settings.EOFFICE_FONT_DIR = str(tmp_path)
    with pytest.raises(FontMissing, match="timesbi.ttf"):
        register_fonts()


def _line_width(text: str, size: float, *, italic: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    names = register_fonts()
    return stringWidth(text, names.italic if italic else names.regular, size)


def _standard_width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, "Times-Roman", size)
