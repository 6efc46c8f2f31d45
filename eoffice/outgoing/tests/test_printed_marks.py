"""What the issued PDF prints from the agency and the register (Decree 30,
Appendix I): box 12 (ký hiệu người soạn thảo, số lượng bản phát hành) gives the
copies issued, as the register records them, not the number retained (Lưu); the
header gives the parent, then the agency's own header name."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from eoffice.outgoing.drafting.templating import layout_for
from eoffice.outgoing.rendering.layout import archive_line, drafter_mark, recipient_lines
from eoffice.outgoing.tests.conftest import issue_through


def test_the_issued_pdf_prints_the_copies_issued_beside_the_drafters_initials(office):
    document = issue_through(office, copies=2, issued_amount=5, drafter_initials="NVC")
    layout = layout_for(document)
    assert (drafter_mark(layout), archive_line(layout)) == ("NVC (05)", "Lưu: VT, TH (02).")
    with document.issued_file.file.open("rb") as handle:
        printed = "\n".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
    assert "NVC (05)" in printed and "NVC (02)" not in printed


def test_the_header_prints_the_parent_then_the_agencys_own_header_name(office):
    """ND30 Appendix I II.2.a: "VĂN PHÒNG" under "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
    not the city a second time; without a header name, the agency's name."""
    from eoffice.organisation.models import Agency

    city = Agency.objects.create(name="Ủy ban nhân dân thành phố Hải Phòng", short_name="UBND", organ_id="000.00.00.H26")
    Agency.objects.filter(pk=office.office.pk).update(parent=city, header_name="Văn phòng")
    office.office.refresh_from_db()
    document = issue_through(office)
    layout = layout_for(document)
    assert (layout.parent_agency, layout.agency) == ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "VĂN PHÒNG")
    with document.issued_file.file.open("rb") as handle:
        first = PdfReader(BytesIO(handle.read())).pages[0].extract_text()
    assert "ỦY BAN NHÂN DÂN" in first and "VĂN PHÒNG UBND" not in first and "VĂN PHÒNG\n" in first
    Agency.objects.filter(pk=office.office.pk).update(header_name="")
    document.agency.refresh_from_db()
    assert layout_for(document).agency == "VĂN PHÒNG UBND THÀNH PHỐ HẢI PHÒNG"


@pytest.mark.parametrize("agency", ["VĂN PHÒNG", "SỞ XÂY DỰNG", "VĂN PHÒNG ĐOÀN ĐẠI BIỂU QUỐC HỘI VÀ HỘI ĐỒNG NHÂN DÂN"])
def test_the_rule_under_the_agency_is_a_third_to_a_half_of_its_name(agency):
    from eoffice.core.fonts import register_fonts, text_width, wrap_balanced
    from eoffice.outgoing.rendering.pdf import HEADER_LEFT_W, SIZE_AGENCY, _Header, _Positions
    from eoffice.outgoing.rendering.templates import template_for
    from eoffice.outgoing.tests.test_render_pdf import layout_for as sample_layout

    fonts = register_fonts()
    layout = sample_layout("Công văn", agency=agency)
    header = _Header(layout, template_for("Công văn"), fonts, _Positions())
    rules = [op for op in header.ops if op[0] == "rule" and op[1] < HEADER_LEFT_W]  # the left column's
    widest = max(
        text_width(line, fonts.bold, SIZE_AGENCY) for line in wrap_balanced(agency, fonts.bold, SIZE_AGENCY, HEADER_LEFT_W - 4)
    )
    assert len(rules) == 1 and widest / 3 <= rules[0][3] <= widest / 2


def test_a_recalled_document_prints_no_recall_mark(office):
    """Box 11 "ĐÃ THU HỒI" would read as the state-secret stamp "tài liệu thu hồi"."""
    from eoffice.outgoing.issuance.services import outgoing_recall
    from eoffice.outgoing.rendering import render_pdf
    from eoffice.outgoing.rendering.layout import circulation_marks

    document = issue_through(office, circulation="LƯU HÀNH NỘI BỘ")
    document = outgoing_recall(actor=office.actor(office.clerk), document=document, reason="Ban hành sai thẩm quyền.")
    layout = layout_for(document)
    assert circulation_marks(layout) == ["LƯU HÀNH NỘI BỘ"]
    printed = "\n".join(page.extract_text() for page in PdfReader(BytesIO(render_pdf(layout).data)).pages)
    assert "THU HỒI" not in printed and "LƯU HÀNH NỘI BỘ" in printed


@pytest.mark.parametrize(("type_name", "required"), [("Công văn", True), ("Tờ trình", False), ("Báo cáo", False)])
def test_kinh_gui_is_required_of_a_letter_only(office, type_name, required):
    """ND30 Appendix I II.9.b: a Tờ trình or Báo cáo has "Kính gửi" only when it
    goes to a superior body; a Công văn always has it."""
    from eoffice.core.errors import ValidationFailed
    from eoffice.outgoing.drafting.services import outgoing_create
    from eoffice.outgoing.review.services import outgoing_submit
    from eoffice.outgoing.tests.conftest import draft_data

    body = "Nội dung đã soạn đầy đủ, không còn đoạn mẫu./."
    data = draft_data(type_name=type_name, recipients_text="", body=body, legal_bases="")
    document = outgoing_create(actor=office.actor(office.specialist), data=data, signer=office.leader)
    if required:
        with pytest.raises(ValidationFailed) as refusal:
            outgoing_submit(actor=office.actor(office.specialist), document=document)
        assert refusal.value.fields == {"recipients_text": ["Công văn cần ghi “Kính gửi”."]}
    else:
        outgoing_submit(actor=office.actor(office.specialist), document=document)
        assert not recipient_lines(layout_for(document))


def test_a_giay_moi_has_no_kinh_gui_and_refuses_one_rather_than_drop_it(office):
    """Mẫu 1.7: the invitees follow "… trân trọng kính mời:" in the body."""
    from eoffice.core.errors import ValidationFailed
    from eoffice.outgoing.drafting.services import outgoing_create
    from eoffice.outgoing.tests.conftest import draft_data

    body = "Văn phòng trân trọng kính mời: đại diện lãnh đạo Sở Xây dựng\nTới dự cuộc họp giao ban./."
    with pytest.raises(ValidationFailed) as refusal:
        outgoing_create(
            actor=office.actor(office.specialist), data=draft_data(type_name="Giấy mời", body=body), signer=office.leader
        )
    assert "trân trọng kính mời" in refusal.value.fields["recipients_text"][0]
    with pytest.raises(ValidationFailed) as refusal:
        outgoing_create(actor=office.actor(office.specialist), data=draft_data(type_name="Kế hoạch"), signer=office.leader)
    assert refusal.value.fields["recipients_text"] == [
        "Kế hoạch không có phần “Kính gửi”: để trống ô này, ghi nơi nhận ở “Nơi nhận”."
    ]
    data = draft_data(type_name="Giấy mời", body=body, recipients_text="")
    document = outgoing_create(actor=office.actor(office.specialist), data=data, signer=office.leader)
    assert not recipient_lines(layout_for(document))


def _typed_lines(data: bytes) -> str:
    """The first page's text as printed: the filled fields' appearances merged
    into the page (as a printer does), then extracted."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(data)
    page = document[0]
    assert pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) == pdfium_c.FLATTEN_SUCCESS
    buffer = BytesIO()
    document.save(buffer)
    return pypdfium2.PdfDocument(buffer.getvalue())[0].get_textpage().get_text_range()


def test_the_number_and_date_print_as_a_person_types_them(office):
    """Point 5: no gap between "Số:" and the number or around the day and month:
    the whole line is set again at issuance, over the blank line signed."""
    document = issue_through(office)
    with document.issued_file.file.open("rb") as handle:
        printed = _typed_lines(handle.read())
    issued = document.issued_date
    day, month = f"{issued.day:02d}", f"{issued.month:02d}" if issued.month <= 2 else str(issued.month)
    assert f"Số: {document.code_number}/{document.code_notation}" in printed
    assert f"Hải Phòng, ngày {day} tháng {month} năm {issued.year}" in printed
    reader = PdfReader(BytesIO(document.issued_file.file.open("rb").read()))
    fields = {name: field.get("/V") for name, field in reader.get_fields().items() if name.startswith("eoffice_")}
    assert (fields["eoffice_number"], fields["eoffice_day"], fields["eoffice_month"]) == (document.code_number, day, month)
    # Each whole line first lays a white ground over its field: the blank line beneath never shows.
    for annot in reader.pages[0]["/Annots"]:
        annot = annot.get_object()
        if annot.get("/T") in ("eoffice_number", "eoffice_day"):
            x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
            ground = b"1 g 0 0 %g %g re f" % (x2 - x1, y2 - y1)
            assert ground in annot["/AP"]["/N"].get_object().get_data()


def test_signed_in_december_issued_in_january_prints_the_year_of_issue(office, monkeypatch):
    """Signed on 31/12, issued on 02/01: the date line (its year too) and the
    register are those of the issue."""
    import datetime as dt

    from django.utils import timezone

    from eoffice.outgoing.drafting.services import outgoing_create
    from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
    from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
    from eoffice.outgoing.tests.conftest import draft_data

    c = office
    document = outgoing_create(actor=c.actor(c.specialist), data=draft_data(), signer=c.leader, recipients=[c.other])
    outgoing_submit(actor=c.actor(c.specialist), document=document)
    for reviewer in (c.head, c.checker):
        outgoing_approve(actor=c.actor(reviewer), document=document)
    next_year = timezone.localdate().year + 1
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now().replace(year=next_year - 1, month=12, day=31))
    outgoing_sign(actor=c.actor(c.leader), document=document)
    issue_day = dt.datetime(next_year, 1, 2, 8, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: issue_day)
    document = outgoing_issue(actor=c.actor(c.clerk), document=document)
    with document.issued_file.file.open("rb") as handle:
        printed = _typed_lines(handle.read())
    # The line signed in December ("năm {last year}", blank day) stays in the page
    # content under the white ground; what prints is the line of the issue.
    assert f"Hải Phòng, ngày 02 tháng 01 năm {next_year}" in printed
    assert document.register.year == next_year and document.number == 1


CONTACT = "Địa chỉ: Số 18 Hoàng Diệu, Hải Phòng; Điện thoại: 0225.3800.001; Email: vp@haiphong.example.vn"


@pytest.mark.parametrize(("type_name", "printed"), [("Công văn", True), ("Giấy mời", True), ("Quyết định", False)])
def test_box_13_prints_the_contact_details_at_the_foot_of_page_one(type_name, printed):
    """Appendix I box 13: address, phone, fax, e-mail, website, size 11, at the
    foot of page 1 under a full-width line, on the forms that carry it."""
    from eoffice.outgoing.rendering import render_docx, render_pdf
    from eoffice.outgoing.rendering.pdf import CONTENT_W, MARGIN_BOTTOM, MARGIN_LEFT
    from eoffice.outgoing.rendering.templates import template_for
    from eoffice.outgoing.tests.test_render_pdf import layout_for as sample_layout
    from eoffice.outgoing.tests.test_render_pdf import positioned_text

    contact = CONTACT if template_for(type_name).shows_contact else ""
    layout = sample_layout(type_name, contact=contact, body="Đoạn văn.\n" * 80)  # two pages
    data = render_pdf(layout).data
    pages = positioned_text(data)
    footer = [run for run in pages[0] if run[0].startswith("Địa chỉ")]
    assert bool(footer) == printed
    assert not any("Địa chỉ" in run[0] for run in pages[1])  # page 1 only
    if printed:
        text, _, y, size = footer[0]
        assert text == CONTACT and size == 11 and y < MARGIN_BOTTOM
        content = PdfReader(BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
        segments = [[float(v) for v in m] for m in re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", content)]
        rule = [x1, y1, x2, y2] = next(seg for seg in segments if seg[1] == seg[3] and seg[1] < MARGIN_BOTTOM)
        assert rule == pytest.approx([MARGIN_LEFT, y1, MARGIN_LEFT + CONTENT_W, y1]) and y < y1  # full width, above the text
        from docx import Document

        footer_text = Document(BytesIO(render_docx(layout))).sections[0].first_page_footer.paragraphs[-1].text
        assert footer_text == CONTACT


def test_the_agency_gives_its_contact_line_from_what_it_knows():
    from eoffice.organisation.models import Agency

    agency = Agency(name="Sở Xây dựng", address="Số 1  Hoàng Văn Thụ", phone="0225.3800.101", website="https://sxd.example.vn/")
    assert agency.contact_line == "Địa chỉ: Số 1 Hoàng Văn Thụ; Điện thoại: 0225.3800.101; Website: sxd.example.vn"
    assert Agency(name="Sở Tài chính").contact_line == ""
