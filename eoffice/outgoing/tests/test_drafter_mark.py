"""Box 12 (ký hiệu người soạn thảo, số lượng bản phát hành) prints the number of
copies issued, as the register records it, not the number retained (Lưu)."""

from io import BytesIO

from pypdf import PdfReader

from eoffice.outgoing.drafting.templating import layout_for
from eoffice.outgoing.rendering.layout import archive_line, drafter_mark
from eoffice.outgoing.tests.conftest import issue_through


def test_the_issued_pdf_prints_the_copies_issued_beside_the_drafters_initials(office):
    document = issue_through(office, copies=2, issued_amount=5, drafter_initials="NVC")
    layout = layout_for(document)
    assert (drafter_mark(layout), archive_line(layout)) == ("NVC (05)", "Lưu: VT, TH (02).")
    with document.issued_file.file.open("rb") as handle:
        printed = "\n".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
    assert "NVC (05)" in printed and "NVC (02)" not in printed
