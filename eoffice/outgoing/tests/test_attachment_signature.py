"""ND30 PL1 II.8.b: a document sent with a PDF in a file of its own: the
registry's agency signature goes on that file too, top right of its first
page, without an image, with the number and symbol and the ISO 8601 time."""

import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from eoffice.conftest import PDF_BYTES, make_pdf
from eoffice.outgoing.issuance.edxml import edxml_document
from eoffice.outgoing.tests.conftest import issue_through
from eoffice.signatures import placeholders
from eoffice.signatures.models import SigningKey
from eoffice.signatures.verification import verify_pdf

pytestmark = pytest.mark.django_db


def _flattened_first_page(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    assert pdfium_c.FPDFPage_Flatten(document[0].raw, pdfium_c.FLAT_PRINT) == pdfium_c.FLATTEN_SUCCESS
    buffer = io.BytesIO()
    document.save(buffer)
    return " ".join(pdfium.PdfDocument(buffer.getvalue())[0].get_textpage().get_text_range().split())


def test_a_pdf_in_a_file_of_its_own_carries_the_agencys_information_block(office):
    SigningKey.objects.filter(user__isnull=True).update(image=placeholders.seal_png(office.office.name))
    sheet = SimpleUploadedFile("so-do.png", placeholders.seal_png("Sơ đồ"), content_type="image/png")
    document = issue_through(office, files=[(make_pdf("phu-luc-I.pdf"), True), (sheet, False)])
    appendix, other = document.attachments.order_by("pk")
    with appendix.stored_file.file.open("rb") as handle:
        data = handle.read()
    reports = verify_pdf(data)
    assert [r.field_name for r in reports] == ["eoffice_agency"] and reports[0].ok
    page = PdfReader(io.BytesIO(data)).pages[0]
    widget = next(a.get_object() for a in page["/Annots"] if a.get_object().get("/T") == "eoffice_agency")
    x1, _, _, y2 = (float(v) for v in widget["/Rect"])
    assert x1 > float(page.mediabox.width) / 2 and y2 > float(page.mediabox.height) - 20  # top right
    xobjects = widget["/AP"]["/N"].get_object()["/Resources"].get("/XObject", {})
    assert not any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())  # no seal image
    text = _flattened_first_page(data)
    assert f"{document.code_number}/{document.code_notation}" in text and "+07:00" in text
    # The upload stays linked, whole; a file PAdES cannot sign goes as uploaded.
    with appendix.uploaded_file.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    assert other.uploaded_file is None and not other.stored_file.is_pdf
    # What the recipients receive is the signed file.
    sent = edxml_document(document, document.recipients.first())
    assert data in [a.data for a in sent.attachments]
