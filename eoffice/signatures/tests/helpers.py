"""Test helpers: PDFs like the outgoing renderer's, and unsaved SigningKey rows."""

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from eoffice.signatures.models import Backend, SigningKey

OFFICE = "Văn phòng UBND thành phố Hải Phòng"
OFFICE_ID = "000.01.00.H26"
SIGNER = "Nguyễn Văn Á"
PASSPHRASE = "mật-khẩu-thử"
PERSONAL_BOX = (0, 330, 200, 530, 260)
AGENCY_BOX = (0, 400, 760, 580, 810)


def file_key(credential, *, personal=True, **fields) -> SigningKey:
    values = {
        "label": "khóa thử",
        "backend": Backend.FILE,
        "key_path": str(credential.key_path),
        "cert_path": str(credential.cert_path),
        "chain_paths": "\n".join(str(path) for path in credential.chain_paths),
    }
    key = SigningKey(**{**values, **fields})
    key.user_id = 1 if personal else None  # never saved: only "personal or agency" matters
    return key


def make_pdf(lines=("Cong van so thu nghiem",), *, fields=True) -> bytes:
    """An A4 page with uncompressed content (so a test can alter one byte of the
    text) and, like the outgoing renderer, the three empty number/date fields."""
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    page.setFont("Times-Roman", 13)
    if fields:
        page.drawString(100, 780, "So:")
        page.drawString(170, 780, "/QD-UBND")
        page.drawString(300, 780, "ngay")
        page.drawString(360, 780, "thang")
        for name, x, width in (("eoffice_number", 125, 40), ("eoffice_day", 330, 22), ("eoffice_month", 395, 22)):
            page.acroForm.textfield(
                name=name, x=x, y=775, width=width, height=18, fontName="Times-Roman", fontSize=13, borderWidth=0
            )
    for index, line in enumerate(lines):
        page.drawString(100, 700 - 18 * index, line)
    page.showPage()
    page.save()
    return buffer.getvalue()
