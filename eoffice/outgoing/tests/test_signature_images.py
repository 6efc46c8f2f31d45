"""Decree 30, Appendix I, II.7.d and II.8.a: the signer's place shows the image of
the handwritten signature (blue, transparent PNG) centred between position and
name; the agency's signature is the image of its seal (red, actual size) over the
left third of the signature image. Checked on the issued PDF's widgets and on
the page as a viewer draws it."""

from io import BytesIO

import pypdfium2
import pytest
from pypdf import PdfReader

from eoffice.outgoing.rendering.pdf import AGENCY_BOX
from eoffice.outgoing.tests.conftest import issue_through
from eoffice.signatures import placeholders
from eoffice.signatures.images import MM
from eoffice.signatures.models import SigningKey

pytestmark = pytest.mark.django_db


def _with_images(office, *, seal_mm=38):
    SigningKey.objects.filter(user=office.leader).update(image=placeholders.signature_png("leader"))
    SigningKey.objects.filter(user__isnull=True, agency=office.office).update(
        image=placeholders.seal_png(office.office.name), image_width_mm=seal_mm
    )


def _widgets(data: bytes) -> dict:
    """Signature widgets by field name: page index, rect and appearance stream."""
    found = {}
    for index, page in enumerate(PdfReader(BytesIO(data)).pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig" or annot.get("/Parent", {}).get("/FT") == "/Sig":
                name = annot.get("/T") or annot["/Parent"]["/T"]
                found[name] = (index, [float(v) for v in annot["/Rect"]], annot["/AP"]["/N"].get_object())
    return found


def _image_in(appearance) -> dict:
    xobjects = appearance["/Resources"]["/XObject"]
    return next(x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")


def _issued_pdf(office) -> tuple[object, bytes]:
    document = issue_through(office)
    with document.issued_file.file.open("rb") as handle:
        return document, handle.read()


def test_the_seal_at_actual_size_covers_the_left_third_of_the_signature_image(office):
    _with_images(office, seal_mm=38)
    document, data = _issued_pdf(office)
    widgets = _widgets(data)
    page_s, (sx1, sy1, sx2, sy2), signature_ap = widgets["eoffice_signer"]
    page_a, (ax1, ay1, ax2, ay2), seal_ap = widgets["eoffice_agency"]
    assert page_s == page_a
    assert sx2 - sx1 == pytest.approx(40 * MM, abs=0.5)  # the signature's default printed width
    assert ax2 - ax1 == pytest.approx(38 * MM, abs=0.5) and ay2 - ay1 == pytest.approx(38 * MM, abs=0.5)
    assert ax2 - sx1 == pytest.approx((sx2 - sx1) / 3, abs=0.5)  # a third of the signature, on its left
    assert (ay1 + ay2) / 2 == pytest.approx((sy1 + sy2) / 2, abs=0.5)
    for appearance in (signature_ap, seal_ap):
        assert "/SMask" in _image_in(appearance)  # the transparent background is kept
    # No text block at the top right of the first page when the seal is shown.
    assert ay2 < AGENCY_BOX[2]
    assert document.boxes["agency"] == pytest.approx([page_a, ax1, ay1, ax2, ay2], abs=0.01)


def test_the_signature_sits_centred_between_the_position_and_the_name(office):
    _with_images(office)
    document, data = _issued_pdf(office)
    page, (x1, y1, x2, y2), _ = _widgets(data)["eoffice_signer"]
    text = PdfReader(BytesIO(data)).pages[page].extract_text()
    assert document.signer.full_name in text
    from eoffice.outgoing.drafting.templating import layout_for
    from eoffice.outgoing.rendering import render_pdf

    area = render_pdf(layout_for(document)).signer_box
    assert (x1 + x2) / 2 == pytest.approx((area[1] + area[3]) / 2, abs=0.5)
    assert (y1 + y2) / 2 == pytest.approx((area[2] + area[4]) / 2, abs=0.5)
    assert area[1] <= x1 and x2 <= area[3] and area[2] <= y1 and y2 <= area[4]


def _pixels(data: bytes, page: int, rect: list[float]) -> list[tuple[int, int, int]]:
    document = pypdfium2.PdfDocument(data)
    document.init_forms()  # widgets (signatures, filled fields) are drawn only with the form environment
    bitmap = document[page].render(scale=1, may_draw_forms=True).to_pil().convert("RGB")
    height = bitmap.height
    x1, y1, x2, y2 = (round(v) for v in rect)
    return [bitmap.getpixel((x, height - y)) for x in range(x1, x2) for y in range(y1 + 1, y2)]


def test_a_viewer_draws_a_blue_signature_and_a_red_seal(office):
    _with_images(office)
    _, data = _issued_pdf(office)
    widgets = _widgets(data)
    page, signature, _ = widgets["eoffice_signer"]
    # The right two thirds of the signature (the seal covers the left third).
    right_part = [signature[0] + (signature[2] - signature[0]) / 2, signature[1], signature[2], signature[3]]
    blue = [p for p in _pixels(data, page, right_part) if p[2] > 120 and p[0] < 90]
    _, seal, _ = widgets["eoffice_agency"]
    red = [p for p in _pixels(data, page, seal) if p[0] > 150 and p[1] < 90 and p[2] < 90]
    assert len(blue) > 50 and len(red) > 500


def test_without_images_the_signatures_keep_the_text_blocks(office):
    """A key with no image uploaded yet: the signer's framed text, the agency's
    information block at the top right (the II.8.b form)."""
    _, data = _issued_pdf(office)
    widgets = _widgets(data)
    _, agency_rect, appearance = widgets["eoffice_agency"]
    assert agency_rect == pytest.approx(list(AGENCY_BOX[1:]), abs=0.5)
    assert not any(x.get_object()["/Subtype"] == "/Image" for x in appearance["/Resources"].get("/XObject", {}).values())


def test_a_three_page_decision_carries_signature_and_seal_on_its_last_page(office):
    """A Quyết định whose text runs onto a third page: the signature block, and
    so the signature and seal images, follow it there, the seal still over the
    signature's left third; nothing of them on the first pages."""
    _with_images(office)
    articles = "\n".join(
        f"Điều {n}. " + "Giao các cơ quan, đơn vị tổ chức thực hiện nhiệm vụ được phân công. " * 8 for n in range(1, 12)
    )
    bases = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nTheo đề nghị của Trưởng phòng Tổng hợp."
    document = issue_through(office, type_name="Quyết định", body=articles + "/.", recipients_text="", legal_bases=bases)
    with document.issued_file.file.open("rb") as handle:
        data = handle.read()
    assert document.page_amount >= 3 and len(PdfReader(BytesIO(data)).pages) == document.page_amount
    widgets = _widgets(data)
    (page_s, (sx1, _, sx2, _), _), (page_a, (_, _, ax2, _), _) = widgets["eoffice_signer"], widgets["eoffice_agency"]
    assert page_s == page_a == document.page_amount - 1
    assert ax2 - sx1 == pytest.approx((sx2 - sx1) / 3, abs=0.5)
