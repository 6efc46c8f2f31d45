"""The rendering suite over all 29 types of ND30 Appendix III: for each, the
blocks its form has and only those, in Appendix I order, at their places and
sizes (ND30-PL1 §IV, §V)."""

from datetime import date

import pytest

from eoffice.core.choices import DOCUMENT_TYPES
from eoffice.core.errors import ValidationFailed
from eoffice.outgoing.drafting import templating
from eoffice.outgoing.drafting.validation import check_draft_data
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.rendering import render_pdf, template_for
from eoffice.outgoing.rendering.layout import MOTTO, NATIONAL_TITLE
from eoffice.outgoing.rendering.pdf import MARGIN_LEFT, PAGE_W
from eoffice.outgoing.tests.test_render_pdf import (
    assert_in_order,
    expected_text,
    extract,
    find,
    layout_for,
    positioned_text,
    squeeze,
)

ALL_TYPES = [name for name, _ in DOCUMENT_TYPES]
CONTACT = "Địa chỉ: 18 Hoàng Diệu, Hồng Bàng, Hải Phòng; Điện thoại: 0225.3842000"
MIDDLE = MARGIN_LEFT + (PAGE_W - MARGIN_LEFT - 15 * 72 / 25.4) / 2  # the text area's centre line


def test_there_are_29_types():
    assert len(ALL_TYPES) == 29


@pytest.mark.parametrize("type_name", ALL_TYPES)
def test_every_type_prints_its_components_in_appendix_one_order(type_name):
    layout = layout_for(type_name, contact=CONTACT)
    assert_in_order(squeeze(extract(render_pdf(layout).data)), expected_text(layout))


@pytest.mark.parametrize("type_name", ALL_TYPES)
def test_every_type_has_the_blocks_of_its_form_and_no_other(type_name):
    template = template_for(type_name)
    recipients = ("Sở Tài chính",) if template.uses_recipients else ()
    layout = layout_for(type_name, contact=CONTACT if template.shows_contact else "", recipients=recipients)
    text = squeeze(extract(render_pdf(layout).data))
    assert ("Kính gửi: Sở Tài chính" in text) == template.uses_recipients  # box 9a: letters, Tờ trình, Báo cáo
    assert (f"{type_name.upper()} " in text) == template.shows_title  # box 5a
    assert ("V/v " in text) == (not template.shows_title)  # box 5b: a letter's subject
    assert (CONTACT in text) == template.shows_contact  # box 13
    if template.proclamation:
        assert squeeze(template.proclamation) in text and layout.issuer_title in text
    assert "Nơi nhận:" in text and "- Lưu: VT, HCTC (02)." in text  # box 9b, every form


@pytest.mark.django_db
def test_box_13_goes_to_the_forms_that_carry_it_and_only_those(cast):
    """The model's layout: the agency's contact line for Công văn, Thư công, Giấy
    mời and Giấy giới thiệu (Mẫu 1.5, 1.7, 1.8), none for the other 25 types."""
    cast.office.address, cast.office.phone = "18 Hoàng Diệu, Hồng Bàng, Hải Phòng", "0225.3842000"
    carried = set()
    for type_name in ALL_TYPES:
        document = OutgoingDocument(
            agency=cast.office, drafting_unit=cast.tonghop, drafter=cast.specialist, signer=cast.leader, type_name=type_name
        )
        if templating.layout_for(document).contact == CONTACT:
            carried.add(type_name)
    assert carried == {"Công văn", "Thư công", "Giấy mời", "Giấy giới thiệu"}


@pytest.mark.parametrize("type_name", ALL_TYPES)
def test_a_kinh_gui_is_refused_where_the_form_has_none_rather_than_dropped(type_name):
    data = {"type_name": type_name, "subject": "Thử", "body": "Nội dung./.", "recipients_text": "Sở Tài chính"}
    try:
        check_draft_data(data, today=date(2026, 2, 3))
        problems: dict = {}
    except ValidationFailed as refused:
        problems = refused.fields
    assert ("recipients_text" in problems) == (not template_for(type_name).uses_recipients)


@pytest.mark.parametrize("type_name", ALL_TYPES)
def test_every_type_prints_each_block_at_its_place_and_size(type_name):
    layout = layout_for(type_name)
    runs = positioned_text(render_pdf(layout).data)[0] + positioned_text(render_pdf(layout).data)[-1]
    national, motto, agency = find(runs, NATIONAL_TITLE), find(runs, MOTTO), find(runs, "VĂN PHÒNG")
    assert (national[3], motto[3], agency[3]) == (12, 13, 12)  # box 1 and 2 sizes
    assert national[1] > MIDDLE - 60 > agency[1] and national[2] > motto[2]  # Quốc hiệu right, agency left, motto below
    number = find(runs, "Số: 07/" + layout.symbol)
    date = find(runs, "Hải Phòng, ngày 03 tháng 02 năm 2026")
    assert number[3] == date[3] == 13 and number[1] < date[1]  # boxes 3 and 4 on one line, left and right
    assert abs(number[2] - date[2]) < 3
    places = find(runs, "Nơi nhận:")
    name = find(runs, layout.signer.full_name)
    assert places[3] == 12 and name[3] == 14 and places[1] < MIDDLE < name[1]  # box 9b left, box 7b right
    if template_for(type_name).shows_title:
        title = find(runs, type_name.upper())
        assert title[3] == 14 and number[2] > title[2] > places[2]
