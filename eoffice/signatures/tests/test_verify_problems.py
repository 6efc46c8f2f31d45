"""What verification says about damaged, altered or badly signed PDFs, and what
signing refuses."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter

from eoffice.core.errors import ValidationFailed
from eoffice.signatures.services import sign_pdf
from eoffice.signatures.tests.helpers import PERSONAL_BOX, file_key, make_pdf
from eoffice.signatures.verification import verify_pdf

TEXT = b"Cong van so thu nghiem"


def sign(data, key):
    return sign_pdf(data=data, key=key, field_name="ky", box=PERSONAL_BOX, reason="Ký duyệt", location="Hải Phòng")


def sign_bypassing_checks(data, credential):
    """Sign with pyHanko directly, as another program would: no certificate check."""
    signer = signers.SimpleSigner.load(str(credential.key_path), str(credential.cert_path))
    meta = signers.PdfSignatureMetadata(field_name="ky", subfilter=SigSeedSubFilter.PADES)
    pdf_signer = signers.PdfSigner(meta, signer, new_field_spec=SigFieldSpec("ky", box=(330, 200, 530, 260)))
    return pdf_signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(data))).getvalue()


def test_one_changed_byte_in_the_signed_page_content_is_detected(personal_key):
    signed = sign(make_pdf(), personal_key)
    position = signed.index(TEXT)
    tampered = signed[:position] + b"D" + signed[position + 1 :]  # "Cong" -> "Dong"

    (report,) = verify_pdf(tampered)

    assert not report.intact
    assert not report.ok
    assert report.trusted  # the signer is still who they were: the document is what changed
    assert report.summary.endswith(": văn bản đã bị sửa sau khi ký.")


def test_an_unsigned_update_that_changes_the_page_is_reported_as_not_covering_the_document(personal_key):
    signed = sign(make_pdf(), personal_key)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    extra = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 20 Tf 100 600 Td (DA SUA) Tj ET"))
    writer.add_stream_to_page(0, extra)
    out = BytesIO()
    writer.write(out)

    (report,) = verify_pdf(out.getvalue())

    assert report.intact  # the signed bytes themselves are untouched
    assert not report.covers_whole_document
    assert report.modification_level == "other"
    assert "văn bản đã bị sửa sau khi ký" in report.summary


def test_an_expired_certificate_is_refused_at_signing(pki):
    with pytest.raises(ValidationFailed, match="Chứng thư số đã hết hạn") as error:
        sign(make_pdf(), file_key(pki.expired))
    assert "Trần Thị Hết Hạn" in error.value.message


def test_an_untrusted_certificate_is_refused_at_signing(pki):
    with pytest.raises(ValidationFailed, match="Chứng thư số không được tin cậy") as error:
        sign(make_pdf(), file_key(pki.untrusted))
    assert "Lê Văn Lạ" in error.value.message


def test_a_pdf_signed_with_an_expired_certificate_is_reported_as_such(pki):
    (report,) = verify_pdf(sign_bypassing_checks(make_pdf(), pki.expired))

    assert report.intact
    assert report.expired_at_signing
    assert not report.trusted
    assert "hết hạn" in report.summary


def test_a_pdf_signed_with_an_untrusted_certificate_is_reported_as_such(pki):
    (report,) = verify_pdf(sign_bypassing_checks(make_pdf(), pki.untrusted))

    assert report.intact and report.covers_whole_document
    assert not report.trusted
    assert not report.expired_at_signing
    assert report.summary.endswith(": chứng thư không được tin cậy.")


def test_removing_the_root_from_the_trust_directory_makes_our_own_signatures_untrusted(personal_key, pki, settings, tmp_path):
    signed = sign(make_pdf(), personal_key)
    settings.VAR_DIR = tmp_path  # an installation whose trust directory is empty

    (report,) = verify_pdf(signed)

    assert report.intact and not report.trusted


@pytest.mark.parametrize("data", [b"", b"hello, world", b"%PDF-1.7\n garbage without objects"])
def test_input_that_is_not_a_pdf_is_refused(data):
    with pytest.raises(ValidationFailed, match="Tệp không phải PDF hợp lệ"):
        verify_pdf(data)


def test_a_truncated_signed_pdf_is_refused(personal_key):
    signed = sign(make_pdf(), personal_key)

    with pytest.raises(ValidationFailed):
        verify_pdf(signed[: len(signed) // 3])


def test_a_pdf_without_signatures_has_no_reports():
    assert verify_pdf(make_pdf()) == []


def test_a_signature_of_a_kind_pyhanko_does_not_know_is_still_listed_as_not_checkable(personal_key):
    signed = sign(make_pdf(), personal_key)
    altered = signed.replace(b"/ETSI.CAdES.detached", b"/ETSI.CAdES.unknown!", 1)  # same length

    (report,) = verify_pdf(altered)

    assert report.field_name == "ky"
    assert report.error and not report.ok
    assert report.summary == "Chữ ký trong trường ky thuộc loại không hỗ trợ, không kiểm tra được."


def test_a_damaged_signature_blob_is_reported_not_raised(personal_key):
    signed = sign(make_pdf(), personal_key)
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    damaged = signed[:start] + b"00" * 40 + signed[start + 80 :]  # the CMS header zeroed

    (report,) = verify_pdf(damaged)

    assert report.error and not report.intact and not report.trusted
    assert "không kiểm tra được" in report.summary
