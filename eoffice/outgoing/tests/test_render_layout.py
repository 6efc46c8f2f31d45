"""The text lines of an outgoing document (ND30 Appendix I), without fonts."""

import re
import unicodedata
from datetime import date

import pytest

from eoffice.core.choices import DOCUMENT_TYPES
from eoffice.outgoing.drafting.templating import issuer_title, letter_subject
from eoffice.outgoing.rendering import (
    TEMPLATES,
    DocumentLayout,
    Signer,
    drafter_mark,
    format_issue_date,
    format_number,
    format_number_line,
    legal_basis_lines,
    places_lines,
    recipient_lines,
    signer_lines,
    template_for,
)
from eoffice.outgoing.rendering.layout import body_paragraphs, nfc_layout, split_article


def layout(**overrides) -> DocumentLayout:
    values = dict(
        type_name="Công văn",
        parent_agency="",
        agency="VĂN PHÒNG",
        place="Hải Phòng",
        symbol="VP-TH",
        subject="triển khai",
        body="Nội dung.",
        signer=Signer(),
    )
    return DocumentLayout(**(values | overrides))


@pytest.mark.parametrize(
    ("issued_on", "expected"),
    [
        (date(2026, 1, 5), "Hải Phòng, ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 5), "Hải Phòng, ngày 05 tháng 02 năm 2026"),
        (date(2026, 6, 29), "Hải Phòng, ngày 29 tháng 6 năm 2026"),
        (date(2026, 3, 9), "Hải Phòng, ngày 09 tháng 3 năm 2026"),
        (date(2026, 12, 15), "Hải Phòng, ngày 15 tháng 12 năm 2026"),
        (date(2026, 10, 10), "Hải Phòng, ngày 10 tháng 10 năm 2026"),
    ],
)
def test_days_below_ten_and_the_months_january_and_february_get_a_leading_zero(issued_on, expected):
    assert format_issue_date("Hải Phòng", issued_on) == expected


def test_an_unissued_date_leaves_blanks_for_day_and_month_and_prints_the_year():
    line = format_issue_date("Hải Phòng", None, year=2026)
    assert re.fullmatch(r"Hải Phòng, ngày {4,}tháng {4,}năm 2026", line)


def test_an_unissued_date_without_a_year_prints_this_year():
    assert format_issue_date("Hà Nội", None).endswith(f"năm {date.today().year}")


@pytest.mark.parametrize(("n", "expected"), [(1, "01"), (9, "09"), (10, "10"), (123, "123")])
def test_numbers_below_ten_get_a_leading_zero(n, expected):
    assert format_number(n) == expected


def test_there_is_no_document_number_zero():
    with pytest.raises(ValueError):
        format_number(0)


def test_the_number_line_joins_number_and_symbol_with_a_slash():
    assert format_number_line("05", "QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert format_number_line("12/2026", "QĐ-UBND") == "Số: 12/2026/QĐ-UBND"


def test_an_unnumbered_number_line_leaves_a_blank_before_the_symbol():
    assert re.fullmatch(r"Số: {8,}/QĐ-UBND", format_number_line("", "QĐ-UBND"))


def test_places_end_with_semicolons_and_the_archive_line_with_a_full_stop():
    lines = places_lines(layout(places=("- Như trên;", "Sở Tài chính.", "  "), archive_units="TH", copies=2))
    assert lines == ["- Như trên;", "- Sở Tài chính;", "- Lưu: VT, TH (02)."]


def test_without_places_the_list_is_only_the_archive_line():
    assert places_lines(layout(archive_units="VT, TH", copies=12)) == ["- Lưu: VT, TH (12)."]


def test_the_archive_line_without_copies_has_no_count():
    assert places_lines(layout()) == ["- Lưu: VT."]


@pytest.mark.parametrize(
    ("signer", "expected"),
    [
        (Signer("TM.", "ủy ban nhân dân", "CHỦ TỊCH", "A"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (Signer("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "A"), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        (Signer("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "A"), ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        (Signer("", "", "Chủ tịch", "A"), ["CHỦ TỊCH"]),
        (Signer("Q", "", "GIÁM ĐỐC", "A"), ["Q. GIÁM ĐỐC"]),
        (
            Signer("TM.", "ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "A"),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
    ],
)
def test_signer_lines_put_the_authority_before_whom_the_signer_acts_for(signer, expected):
    assert signer_lines(signer) == expected


def test_one_recipient_stands_on_the_kinh_gui_line():
    assert recipient_lines(layout(recipients=("Sở Tài chính",))) == ["Kính gửi: Sở Tài chính"]


def test_several_recipients_are_dashed_lines_ending_with_a_full_stop():
    lines = recipient_lines(layout(recipients=("Sở Tài chính;", "- Sở Nội vụ", "Sở Xây dựng.")))
    assert lines == ["Kính gửi:", "- Sở Tài chính;", "- Sở Nội vụ;", "- Sở Xây dựng."]


def test_legal_bases_end_with_semicolons_and_the_last_with_a_full_stop():
    lines = legal_basis_lines(("Căn cứ Luật A.", "Căn cứ Nghị định B", "Theo đề nghị của C;"))
    assert lines == ["Căn cứ Luật A;", "Căn cứ Nghị định B;", "Theo đề nghị của C."]


def test_the_drafter_mark_is_initials_in_capitals_and_the_copies_issued():
    assert drafter_mark(layout(drafter_initials="nva", copies=2)) == "NVA (02)"
    assert drafter_mark(layout(drafter_initials="NVA", copies=2, issued_amount=15)) == "NVA (15)"
    assert drafter_mark(layout(copies=2)) == ""


def test_every_line_of_the_body_is_a_paragraph():
    assert body_paragraphs("Một  hai.\n\n  Ba.\r\nBốn./.") == ["Một hai.", "Ba.", "Bốn./."]


def test_an_article_sets_its_number_in_bold_and_a_short_title_line_whole():
    assert split_article("Điều 1. Phê duyệt kế hoạch năm 2026.") == ("Điều 1.", " Phê duyệt kế hoạch năm 2026.")
    assert split_article("Điều 2. Phạm vi điều chỉnh") == ("Điều 2. Phạm vi điều chỉnh", "")
    assert split_article("Theo Điều 3. của Luật") == ("", "Theo Điều 3. của Luật")


def test_every_one_of_the_29_document_types_has_a_template():
    assert {name for name, _ in DOCUMENT_TYPES} <= set(TEMPLATES)


def test_a_letter_prints_no_title_and_addresses_its_recipients():
    letter = template_for("Công văn")
    assert not letter.shows_title and letter.uses_recipients
    assert template_for("Thông báo").shows_title


def test_decisions_and_resolutions_proclaim_after_their_legal_bases():
    assert template_for("Quyết định").proclamation == "QUYẾT ĐỊNH:"
    assert template_for("Nghị quyết").proclamation == "QUYẾT NGHỊ:"
    assert template_for("Quyết định").starter_legal_bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert template_for("Kế hoạch").proclamation == ""


def test_starter_bodies_end_with_the_closing_mark():
    for name in ("Quyết định", "Công văn", "Tờ trình", "Báo cáo", "Kế hoạch", "Thông báo", "Giấy mời"):
        assert TEMPLATES[name].starter_body.endswith("/."), name
    assert "chịu trách nhiệm thi hành Quyết định này./." in TEMPLATES["Quyết định"].starter_body


def test_an_unknown_type_falls_back_to_the_generic_typed_template():
    generic = template_for("Tờ khai")
    assert generic.model == "1.4" and generic.shows_title and not generic.proclamation


def test_decomposed_input_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Trần Thị Bình")
    normalised = nfc_layout(layout(subject=decomposed, signer=Signer(full_name=decomposed), places=(decomposed,)))
    nfc = unicodedata.normalize("NFC", decomposed)
    assert (normalised.subject, normalised.signer.full_name, normalised.places) == (nfc, nfc, (nfc,))


@pytest.mark.parametrize(
    ("title", "agency", "expected"),
    [
        ("Chủ tịch", "Ủy ban nhân dân thành phố Hải Phòng", "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"),
        ("Chánh Văn phòng", "Văn phòng UBND thành phố Hải Phòng", "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"),
        ("Giám đốc", "Sở Xây dựng", "GIÁM ĐỐC SỞ XÂY DỰNG"),
    ],
)
def test_the_issuer_title_names_the_agency_once(title, agency, expected):
    assert issuer_title(title, agency) == expected


@pytest.mark.parametrize("subject", ["Về việc cấp phép xây dựng", "V/v cấp phép xây dựng", "cấp phép xây dựng"])
def test_a_letter_subject_prints_v_v_once(subject):
    assert letter_subject(subject) in ("cấp phép xây dựng", "Cấp phép xây dựng")
    assert not letter_subject(subject).lower().startswith(("v/v", "về việc"))


def test_a_committee_decision_names_the_committee_above_its_bases():
    from types import SimpleNamespace

    from eoffice.outgoing.drafting.templating import _issuer_title

    document = SimpleNamespace(
        type_name="Quyết định",
        on_behalf_of="Ủy ban nhân dân\nKT. Chủ tịch",
        signer_position="Phó Chủ tịch",
        agency=SimpleNamespace(name="Ủy ban nhân dân thành phố Hải Phòng"),
    )
    assert _issuer_title(document) == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
