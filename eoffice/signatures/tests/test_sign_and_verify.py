"""The outgoing document's life: personal signature, number and date filled in at
issuance, the agency's signature on top, then verification."""

import datetime as dt
import sys
from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase.pdfmetrics import stringWidth

from eoffice.core.errors import ValidationFailed
from eoffice.signatures.filling import fill_fields
from eoffice.signatures.services import sign_pdf
from eoffice.signatures.tests.helpers import AGENCY_BOX, OFFICE, PERSONAL_BOX, SIGNER, make_pdf
from eoffice.signatures.verification import trust_roots, validation_context, verify_pdf

NUMBER = {"eoffice_number": "05", "eoffice_day": "07", "eoffice_month": "01"}


def personal(data, key):
    return sign_pdf(data=data, key=key, field_name="ky_ca_nhan", box=PERSONAL_BOX, reason="Ký duyệt", location="Hải Phòng")


def issue(data, key):
    filled = fill_fields(data=data, values=NUMBER)
    return sign_pdf(
        data=filled,
        key=key,
        field_name="ky_co_quan",
        box=AGENCY_BOX,
        reason="Phát hành",
        location="Hải Phòng",
        stamp_lines=["{signer}", "Số: 05/QĐ-UBND", "{signing_time}"],
    )


@pytest.fixture
def issued(personal_key, agency_key):
    return issue(personal(make_pdf(), personal_key), agency_key)


def test_a_document_signed_personally_then_by_the_agency_has_two_intact_trusted_signatures(issued):
    reports = verify_pdf(issued)

    assert [r.field_name for r in reports] == ["ky_ca_nhan", "ky_co_quan"]
    assert [r.signer_name for r in reports] == [SIGNER, OFFICE]
    assert all(r.intact and r.trusted and r.covers_whole_document and r.ok for r in reports)
    assert [r.signer_organisation for r in reports] == [OFFICE, OFFICE]


def test_the_personal_signature_reports_that_only_form_filling_and_signing_followed(issued):
    personal_report, agency_report = verify_pdf(issued)

    assert personal_report.modification_level == "form_filling"
    assert agency_report.modification_level == "none"
    assert agency_report.summary == f"Chữ ký của {OFFICE} lúc {agency_report.signing_time:%H:%M %d/%m/%Y}: toàn vẹn, tin cậy."
    assert "toàn vẹn" in personal_report.summary and "tin cậy" in personal_report.summary


def test_pyhankos_own_validator_agrees_including_docmdp(issued):
    reader = PdfFileReader(BytesIO(issued))
    statuses = [validate_pdf_signature(sig, signer_validation_context=validation_context()) for sig in reader.embedded_signatures]

    assert len(statuses) == 2
    assert all(s.intact and s.valid and s.trusted and s.docmdp_ok and s.bottom_line for s in statuses)


def test_each_step_appends_to_the_bytes_already_signed(personal_key):
    original = make_pdf()
    signed = personal(original, personal_key)
    filled = fill_fields(data=signed, values=NUMBER)

    assert signed.startswith(original)
    assert filled.startswith(signed)


def test_the_filled_number_and_date_are_read_back_by_pypdf(issued):
    reader = PdfReader(BytesIO(issued))

    assert reader.get_form_text_fields() == NUMBER


def test_filling_a_field_that_does_not_exist_is_refused(personal_key):
    signed = personal(make_pdf(), personal_key)

    with pytest.raises(ValidationFailed) as error:
        fill_fields(data=signed, values={"eoffice_so": "05"})
    assert "eoffice_so" in error.value.fields


def test_a_number_cannot_be_filled_twice(personal_key):
    filled = fill_fields(data=personal(make_pdf(), personal_key), values=NUMBER)

    with pytest.raises(ValidationFailed):
        fill_fields(data=filled, values={"eoffice_number": "06"})


def test_the_signing_time_is_vietnam_time(personal_key):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    (report,) = verify_pdf(personal(make_pdf(), personal_key))

    assert report.signing_time.utcoffset() == dt.timedelta(hours=7)
    assert before <= report.signing_time <= dt.datetime.now(dt.UTC)
    assert f"lúc {report.signing_time:%H:%M %d/%m/%Y}" in report.summary


def test_the_signature_dictionary_dates_the_signature_with_plus_seven_hours(personal_key):
    signed = personal(make_pdf(), personal_key)
    (signature,) = PdfFileReader(BytesIO(signed)).embedded_signatures

    assert str(signature.sig_object["/M"]).endswith("+07'00'")


def test_the_agency_stamp_shows_the_callers_lines_and_the_iso_signing_time(agency_key):
    signed = sign_pdf(
        data=make_pdf(),
        key=agency_key,
        field_name="ky_co_quan",
        box=AGENCY_BOX,
        reason="Phát hành",
        location="Hải Phòng",
        stamp_lines=["Số: 05/QĐ-UBND", "{signing_time}"],
    )
    (report,) = verify_pdf(signed)
    shown = _stamp_text(signed, "ky_co_quan")

    assert "Số: 05/QĐ-UBND" in shown
    assert report.signing_time.isoformat() in shown
    assert report.signing_time.isoformat().endswith("+07:00")


def test_the_personal_stamp_names_the_signer_in_vietnamese(personal_key):
    shown = _stamp_text(personal(make_pdf(), personal_key), "ky_ca_nhan")

    assert SIGNER in shown


def test_an_invisible_signature_is_possible(personal_key):
    signed = sign_pdf(data=make_pdf(), key=personal_key, field_name="an", box=None, reason="", location="")

    assert [r.field_name for r in verify_pdf(signed)] == ["an"]


def test_signing_something_that_is_not_a_pdf_is_refused(personal_key):
    with pytest.raises(ValidationFailed, match="PDF"):
        personal(b"not a pdf at all", personal_key)


def test_trust_roots_come_from_the_trust_directory_and_the_extra_one(settings, tmp_path, pki):
    assert [c.subject.native["common_name"] for c in trust_roots()] == ["eOffice Test Root CA"]

    (tmp_path / "other-root.crt").write_bytes(pki.untrusted.cert_path.read_bytes())
    (tmp_path / "notes.txt").write_text("not a certificate")
    settings.EOFFICE_TRUST_DIR = str(tmp_path)
    assert sorted(c.subject.native["common_name"] for c in trust_roots()) == ["Lê Văn Lạ", "eOffice Test Root CA"]


def _stamp_text(data: bytes, field_name: str) -> str:
    """The text of a signature's appearance, from the /ActualText pyHanko writes
    around each line (the glyphs themselves are codes of the embedded subset)."""
    reader = PdfReader(BytesIO(data))
    (widget,) = [a.get_object() for a in reader.pages[0]["/Annots"] if a.get_object().get("/T") == field_name]
    texts = []
    _collect_actual_text(widget["/AP"]["/N"].get_object(), reader, texts)
    return "\n".join(texts)


def _collect_actual_text(stream, reader, texts: list) -> None:
    for operands, operator in ContentStream(stream, reader).operations:
        if operator == b"BDC" and len(operands) == 2 and "/ActualText" in operands[1]:
            texts.append(str(operands[1]["/ActualText"]))
    for xobject in stream.get("/Resources", {}).get("/XObject", {}).values():
        _collect_actual_text(xobject.get_object(), reader, texts)


def test_without_the_opentype_extra_the_stamp_falls_back_to_times_roman_without_tone_marks(personal_key, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyhanko.pdf_utils.font.opentype", None)  # as if fontTools were missing

    signed = personal(make_pdf(), personal_key)

    (report,) = verify_pdf(signed)
    assert report.ok
    reader = PdfReader(BytesIO(signed))
    (widget,) = [a.get_object() for a in reader.pages[0]["/Annots"] if a.get_object().get("/T") == "ky_ca_nhan"]
    assert b"Nguyen Van A" in _all_stream_bytes(widget["/AP"]["/N"].get_object())


def _all_stream_bytes(stream) -> bytes:
    data = stream.get_data()
    for xobject in stream.get("/Resources", {}).get("/XObject", {}).values():
        data += _all_stream_bytes(xobject.get_object())
    return data


def test_a_signature_field_cannot_be_signed_twice(personal_key, agency_key):
    signed = personal(make_pdf(), personal_key)

    with pytest.raises(ValidationFailed, match="đã có chữ ký trong trường ky_ca_nhan"):
        personal(signed, agency_key)


def test_an_unreachable_timestamp_server_is_reported_in_vietnamese(personal_key, settings):
    settings.EOFFICE_TSA_URL = "http://127.0.0.1:9/tsa"  # nothing listens on the discard port

    with pytest.raises(ValidationFailed, match="dấu thời gian"):
        personal(make_pdf(), personal_key)


def test_a_right_aligned_field_puts_the_number_against_its_right_edge():
    writer = IncrementalPdfFileWriter(BytesIO(make_pdf()))
    (field,) = [f.get_object() for f in writer.root["/AcroForm"]["/Fields"] if f.get_object()["/T"] == "eoffice_number"]
    field["/Q"] = generic.NumberObject(2)  # as the renderer sets it: the number ends against the "/"
    writer.update_container(field)
    out = BytesIO()
    writer.write(out)

    filled = fill_fields(data=out.getvalue(), values={"eoffice_number": "05"})

    reader = PdfReader(BytesIO(filled))
    (widget,) = [a.get_object() for a in reader.pages[0]["/Annots"] if a.get_object().get("/T") == "eoffice_number"]
    operations = ContentStream(widget["/AP"]["/N"].get_object(), reader).operations
    (x, _y) = next(operands for operands, operator in operations if operator == b"Td")
    assert float(x) == pytest.approx(40 - stringWidth("05", "Times-Roman", 13))


def test_a_page_reuses_the_reports_until_the_trust_list_changes(issued, settings, monkeypatch, tmp_path):
    from eoffice.signatures import verification

    settings.CACHES = {**settings.CACHES, "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    calls = []
    real = verification.verify_pdf
    monkeypatch.setattr(verification, "verify_pdf", lambda data: calls.append(1) or real(data))
    first = verification.verify_pdf_kept(issued)
    assert verification.verify_pdf_kept(issued) == first and len(calls) == 1 and all(r.trusted for r in first)
    settings.VAR_DIR = tmp_path  # no trust roots any more: checked again, and no longer trusted
    assert not any(r.trusted for r in verification.verify_pdf_kept(issued)) and len(calls) == 2
    with pytest.raises(ValidationFailed):
        verification.verify_pdf_kept(b"%PDF-1.4 broken")
