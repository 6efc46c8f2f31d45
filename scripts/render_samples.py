"""Render two sample outgoing documents and a PNG of their first pages, to
look at the layout (ND30 Appendix I) without running the application.

Usage: .venv/bin/python scripts/render_samples.py   (writes docs/outgoing/)
"""

import sys
from datetime import date
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eoffice.outgoing.rendering import DocumentLayout, Signer, format_number, render_pdf  # noqa: E402

OUT = ROOT / "docs" / "outgoing"
DPI = 120

DECISION = DocumentLayout(
    type_name="Quyết định",
    parent_agency="",
    agency="ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG",
    place="Hải Phòng",
    symbol="QĐ-UBND",
    number=format_number(5),
    issued_on=date(2026, 1, 5),
    subject="Về việc phê duyệt Kế hoạch chuyển đổi số trong hoạt động của Văn phòng Ủy ban nhân dân thành phố năm 2026",
    issuer_title="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
    legal_bases=(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân thành phố tại Tờ trình số 12/TTr-VP ngày 02 tháng 01 năm 2026",
    ),
    body=(
        "Điều 1. Phê duyệt Kế hoạch chuyển đổi số trong hoạt động của Văn phòng Ủy ban nhân dân thành phố năm 2026 "
        "(chi tiết tại Phụ lục kèm theo Quyết định này), với mục tiêu 100% văn bản đi, văn bản đến được xử lý trên "
        "Hệ thống quản lý văn bản và điều hành, trừ văn bản mật theo quy định.\n"
        "Điều 2. Giao Văn phòng Ủy ban nhân dân thành phố chủ trì, phối hợp với Sở Khoa học và Công nghệ, Sở Tài chính "
        "và các cơ quan, đơn vị liên quan tổ chức thực hiện Kế hoạch; định kỳ hằng quý báo cáo kết quả về Ủy ban nhân "
        "dân thành phố.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc các sở, "
        "Thủ trưởng các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."
    ),
    signer=Signer(
        authority="TM.", on_behalf_of="ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", position="PHÓ CHỦ TỊCH", full_name="Nguyễn Văn An"
    ),
    places=(
        "Như Điều 3",
        "Chủ tịch, các Phó Chủ tịch UBND thành phố",
        "Sở Khoa học và Công nghệ",
        "Cổng Thông tin điện tử thành phố",
    ),
    archive_units="VT, TH",
    copies=2,
    drafter_initials="ntb",
    issued_amount=10,
)

LETTER = DocumentLayout(
    type_name="Công văn",
    parent_agency="ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG",
    agency="VĂN PHÒNG",
    place="Hải Phòng",
    symbol="VP-HCTC",
    subject="triển khai ký số và gửi, nhận văn bản điện tử năm 2026",
    recipients=("Các sở, ban, ngành thành phố", "Ủy ban nhân dân các phường, xã, đặc khu"),
    body=(
        "Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư, "
        "Văn phòng Ủy ban nhân dân thành phố đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:\n"
        "1. Bảo đảm 100% văn bản đi được ký số và gửi qua Hệ thống quản lý văn bản và điều hành, trừ văn bản mật "
        "theo quy định của pháp luật về bảo vệ bí mật nhà nước.\n"
        "2. Rà soát, cập nhật danh sách chứng thư số của lãnh đạo và văn thư cơ quan; gửi về Văn phòng Ủy ban nhân dân "
        "thành phố (qua Phòng Hành chính - Tổ chức) trước ngày 15 tháng 01 năm 2026.\n"
        "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./."
    ),
    signer=Signer(authority="KT.", on_behalf_of="CHÁNH VĂN PHÒNG", position="PHÓ CHÁNH VĂN PHÒNG", full_name="Trần Thị Bình"),
    places=("Như trên", "Chủ tịch UBND thành phố (để báo cáo)", "Lãnh đạo Văn phòng"),
    archive_units="HCTC",
    copies=2,
    drafter_initials="LVC",
    priority=1,
    year=2026,
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, layout in (("quyet-dinh", DECISION), ("cong-van", LETTER)):
        rendered = render_pdf(layout)
        pdf_path = OUT / f"{name}.pdf"
        pdf_path.write_bytes(rendered.data)
        document = pypdfium2.PdfDocument(str(pdf_path))
        document.init_forms()  # so that filled form fields would show
        try:
            page = document[0]
            page.render(scale=DPI / 72, may_draw_forms=True).to_pil().save(OUT / f"{name}-page1.png")
        finally:
            document.close()
        print(f"{pdf_path.relative_to(ROOT)}: {rendered.pages} trang, chữ ký tại {rendered.signer_box}")


if __name__ == "__main__":
    main()
