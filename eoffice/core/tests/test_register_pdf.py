"""A register printed to be signed and bound (ND30 Art.16 §2b, Art.22 §3b):
cover and first page, then the Appendix IV columns with their headings on
every page, dates and symbols never broken, pages numbered from the rows."""

from datetime import date
from io import BytesIO
from types import SimpleNamespace

from pypdf import PdfReader

from eoffice.core.register_pdf import cover_for, register_pdf

COLUMNS = [("Ngày đến", 12), ("Số đến", 8), ("Số, ký hiệu văn bản", 18), ("Tên loại và trích yếu nội dung văn bản", 50)]
AGENCY = SimpleNamespace(
    name="Văn phòng UBND thành phố Hải Phòng", parent_id=1, parent=SimpleNamespace(name="Ủy ban nhân dân thành phố Hải Phòng")
)


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def test_the_cover_and_first_page_name_the_register_and_what_it_spans():
    dates = [date(2026, 1, 2), date(2026, 12, 7)]
    cover = cover_for(AGENCY, title="SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", year=2026, dates=dates, numbers=[1, 166])
    text = pages(register_pdf(cover, COLUMNS, [["02/01/2026", 1, "20/STC-QLNS", "Công văn: Về việc thanh lý"]]))
    for page in text[:2]:
        assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" in page and "VĂN PHÒNG UBND THÀNH PHỐ HẢI PHÒNG" in page
        assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in page and "Năm: 2026" in page
        assert "Từ ngày 02/01/2026 đến ngày 07/12/2026" in page and "Từ số 1 đến số 166" in page and "Quyển số: 01" in page
    assert "Công văn: Về việc thanh lý" in text[2]


def test_an_empty_register_leaves_the_span_to_fill_by_hand():
    cover = cover_for(
        SimpleNamespace(name="Sở Xây dựng", parent_id=None), title="SỔ ĐĂNG KÝ VĂN BẢN ĐI", year=2027, dates=[], numbers=[]
    )
    first = pages(register_pdf(cover, COLUMNS, []))[0]
    assert "Từ ngày …… đến ngày ……" in first and "Năm: 2027" in first


def test_every_page_repeats_the_headings_and_is_numbered_from_the_rows():
    rows = [
        [f"{day % 28 + 1:02d}/03/2026", n, f"{n}/SXD-QLXD", "Công văn: Về việc " + "kiểm tra trật tự xây dựng " * 3]
        for n, day in enumerate(range(120), start=1)
    ]
    cover = cover_for(AGENCY, title="SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", year=2026, dates=[date(2026, 3, 1)], numbers=[1])
    text = pages(register_pdf(cover, COLUMNS, rows))
    table_pages = text[2:]
    assert len(table_pages) >= 3
    for number, page in enumerate(table_pages, start=1):
        assert "Tên loại và trích yếu nội dung văn bản" in page and "(4)" in page
        assert page.split("\n")[0].strip() == str(number)  # drawn first, at the foot
    printed = "\n".join(table_pages)
    assert all(f"{n}/SXD-QLXD" in printed for n in (1, 60, 120))  # never broken across lines
    assert "15/03/2026" in printed
