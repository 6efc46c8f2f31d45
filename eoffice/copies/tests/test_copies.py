"""Sao văn bản (ND30 Art.25–27, Appendix I Part II): the forms, the shared
series, the copy form block on paper, the agency's signature on an electronic copy."""

import datetime as dt
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from eoffice.audit.models import AuditEvent
from eoffice.conftest import incoming_data
from eoffice.copies import services
from eoffice.copies.models import DocumentCopy
from eoffice.copies.selectors import copies_visible_to
from eoffice.copies.services import CopyRequest, copy_make
from eoffice.copies.tests.conftest import paper_incoming, paper_request, source
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.incoming.receiving.services import incoming_register
from eoffice.outgoing.rendering.layout import format_issue_date
from eoffice.signatures import placeholders
from eoffice.signatures.models import SigningKey
from eoffice.signatures.verification import verify_pdf

pytestmark = pytest.mark.django_db


def _data(copy) -> bytes:
    with copy.file.file.open("rb") as handle:
        return handle.read()


def _page_text(data: bytes, index: int) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return document[index].get_textpage().get_text_range()
    finally:
        document.close()


def _flattened_text(data: bytes) -> str:
    """Page 1's text with its signature appearances printed in (as paper shows them)."""
    document = pdfium.PdfDocument(data)
    assert pdfium_c.FPDFPage_Flatten(document[0].raw, pdfium_c.FLAT_PRINT) == pdfium_c.FLATTEN_SUCCESS
    buffer = io.BytesIO()
    document.save(buffer)
    return _page_text(buffer.getvalue(), 0)


def _top_of(data: bytes, index: int, needle: str) -> float:
    """The top (points from the bottom) of the first occurrence of `needle` on the page."""
    document = pdfium.PdfDocument(data)
    try:
        text = document[index].get_textpage()
        found = text.search(needle).get_next()
        assert found, f"{needle!r} not on page {index + 1}"
        return text.get_charbox(found[0])[3]
    finally:
        document.close()


def _lowest(data: bytes, index: int) -> float:
    document = pdfium.PdfDocument(data)
    try:
        return min(obj.get_bounds()[1] for obj in document[index].get_objects())
    finally:
        document.close()


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_a_paper_true_copy_prints_the_copy_form_under_the_last_content(issued, office):
    """Mẫu 3.1: on the same sheet, right after the copied document's last line,
    under a full-width rule: SAO Y, the agency, "Số: 01/SY-VP", place and date,
    Nơi nhận ending with "Lưu: VT.", the signer's title and name."""
    original = issued.issued_file.file.open("rb").read()
    copy = copy_make(actor=office.actor(office.clerk), source=source(office, "outgoing", issued), request=paper_request(office))
    data = _data(copy)
    assert copy.code == "01/SY-VP" and copy.number == 1
    last = _pages(original) - 1
    assert _pages(data) == _pages(original)  # room on the last page: the same sheet
    text = " ".join(_page_text(data, last).split())
    for expected in ("SAO Y", "VĂN PHÒNG UBND THÀNH PHỐ HẢI PHÒNG", "Số: 01/SY-VP", "Nơi nhận:", "- Sở Xây dựng;", "- Lưu: VT."):
        assert expected in text
    assert format_issue_date("Hải Phòng", copy.copied_on) in text
    assert "CHÁNH VĂN PHÒNG" in text.split("SAO Y")[1] and str(office.leader) in text.split("SAO Y")[1]
    assert _top_of(data, last, "SAO Y") < _lowest(original, last)  # below all that was there


def test_with_no_room_left_the_copy_form_goes_on_a_sheet_of_its_own(office):
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 780, "Trang dau")
    canvas.drawString(100, 60, "Dong cuoi cung o chan trang")
    canvas.save()
    scan = SimpleUploadedFile("day-trang.pdf", buffer.getvalue(), content_type="application/pdf")
    document = incoming_register(actor=office.actor(office.clerk), data=incoming_data(source="paper"), files=[scan])
    copy = copy_make(actor=office.actor(office.clerk), source=source(office, "incoming", document), request=paper_request(office))
    data = _data(copy)
    assert _pages(data) == 2
    assert "SAO Y" not in _page_text(data, 0) and "Số: 01/SY-VP" in _page_text(data, 1)


@pytest.mark.parametrize("form", ["SY", "TrS"])
def test_a_damaged_scan_is_refused_with_a_message_and_takes_no_number(office, form):
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 780, "Trang dau")
    canvas.save()
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    scan = SimpleUploadedFile("hong.pdf", truncated, content_type="application/pdf")
    document = incoming_register(actor=office.actor(office.clerk), data=incoming_data(source="paper"), files=[scan])
    request = paper_request(office, form=form, pages="1" if form == "TrS" else "")
    with pytest.raises(ValidationFailed, match="không đọc được như PDF"):
        copy_make(actor=office.actor(office.clerk), source=source(office, "incoming", document), request=request)
    assert not DocumentCopy.objects.exists()


def test_an_electronic_copy_carries_the_agencys_signature_without_image_top_right(office):
    """Part II, I.3: box 14, no image even when the agency's key has its seal;
    the form, the copying agency and the ISO 8601 time in the block."""
    SigningKey.objects.filter(user__isnull=True).update(image=placeholders.seal_png(office.office.name))
    document = paper_incoming(office)
    request = CopyRequest(form="SY", medium="electronic")
    copy = copy_make(actor=office.actor(office.clerk), source=source(office, "incoming", document), request=request)
    data = _data(copy)
    reports = verify_pdf(data)
    assert [r.field_name for r in reports] == ["eoffice_copy_1"] and reports[0].ok
    page = PdfReader(io.BytesIO(data)).pages[0]
    widget = next(a.get_object() for a in page["/Annots"] if a.get_object().get("/T") == "eoffice_copy_1")
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert x1 > float(page.mediabox.width) / 2 and y2 > float(page.mediabox.height) - 20  # top right of page 1
    appearance = widget["/AP"]["/N"].get_object()
    assert not any(x.get_object()["/Subtype"] == "/Image" for x in appearance["/Resources"].get("/XObject", {}).values())
    stamp = " ".join(_flattened_text(data).split())
    assert "SAO Y" in stamp and office.office.name in stamp and "+07:00" in stamp
    assert copy.signer is None and copy.medium == "electronic"


def test_an_electronic_original_is_not_true_copied_to_electronic_form_but_may_be_extracted(issued, office):
    actor = office.actor(office.clerk)
    with pytest.raises(ValidationFailed, match="không sao y, sao lục sang định dạng điện tử"):
        copy_make(actor=actor, source=source(office, "outgoing", issued), request=CopyRequest(form="SY", medium="electronic"))
    extract = copy_make(
        actor=actor, source=source(office, "outgoing", issued), request=CopyRequest(form="TrS", medium="electronic", pages="1")
    )
    assert extract.code == "01/TrS-VP"  # the refused request took no number
    assert _pages(_data(extract)) == 1 and verify_pdf(_data(extract))[0].ok


@pytest.mark.parametrize(
    ("pages", "message"), [("", "cần ghi các trang"), ("2", "có 1 trang"), ("1-a", "như 1-3,5"), ("0", "có 1 trang")]
)
def test_an_extract_names_pages_the_document_has(issued, office, pages, message):
    request = CopyRequest(form="TrS", medium="paper", pages=pages, signer=office.leader)
    with pytest.raises(ValidationFailed, match=message):
        copy_make(actor=office.actor(office.clerk), source=source(office, "outgoing", issued), request=request)
    assert not DocumentCopy.objects.exists()


def test_the_three_forms_share_one_series_that_restarts_on_the_first_of_january(issued, office, monkeypatch):
    actor = office.actor(office.clerk)
    true_copy = copy_make(actor=actor, source=source(office, "outgoing", issued), request=paper_request(office))
    with pytest.raises(ValidationFailed, match="Sao lục được làm từ một bản sao y"):
        copy_make(actor=actor, source=source(office, "outgoing", issued), request=paper_request(office, form="SL"))
    of_copy = copy_make(actor=actor, source=source(office, "original", true_copy), request=paper_request(office, form="SL"))
    extract = copy_make(
        actor=actor, source=source(office, "outgoing", issued), request=paper_request(office, form="TrS", pages="1")
    )
    assert [c.code for c in (true_copy, of_copy, extract)] == ["01/SY-VP", "02/SL-VP", "03/TrS-VP"]
    with pytest.raises(ValidationFailed, match="Sao lục được làm từ bản sao y"):
        source(office, "original", of_copy)
    next_year = dt.datetime(true_copy.copied_on.year + 1, 1, 1, 8, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(services, "_now", lambda: next_year)
    january = copy_make(actor=actor, source=source(office, "outgoing", issued), request=paper_request(office))
    assert january.code == "01/SY-VP" and january.register.year == next_year.year


def test_a_paper_copy_needs_a_leader_to_sign_it(issued, office):
    for signer in (None, office.specialist):
        with pytest.raises(ValidationFailed, match="lãnh đạo"):
            copy_make(
                actor=office.actor(office.clerk),
                source=source(office, "outgoing", issued),
                request=paper_request(office, signer=signer),
            )


def test_only_the_registry_copies_what_it_may_see_and_never_a_secret(issued, office):
    with pytest.raises(NotAllowed, match="văn thư"):
        copy_make(actor=office.actor(office.specialist), source=source(office, "outgoing", issued), request=paper_request(office))
    with pytest.raises(Http404):
        source(office, "outgoing", issued, user=office.outsider)
    secret = paper_incoming(office, confidentiality=1, code_number="7")
    with pytest.raises(NotAllowed, match="bí mật nhà nước"):
        source(office, "incoming", secret)


def test_a_copy_is_audited_and_seen_by_the_registry_and_leaders_only(issued, office):
    copy = copy_make(actor=office.actor(office.clerk), source=source(office, "outgoing", issued), request=paper_request(office))
    event = AuditEvent.objects.get(action="copies.make")
    assert event.object_id == str(copy.pk) and "01/SY-VP" in event.summary and issued.subject in event.data["source"]
    assert list(copies_visible_to(office.actor(office.leader))) == [copy]
    assert list(copies_visible_to(office.actor(office.specialist))) == []
    assert list(copies_visible_to(office.actor(office.outsider))) == []
