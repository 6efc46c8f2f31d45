"""Receiving document packages: what becomes a package waiting for the registry,
what is one document received twice, and what is kept as a failed package."""

import hashlib
import io
from datetime import date, datetime
from pathlib import Path

import pytest

from eoffice.attachments.models import StoredFile
from eoffice.audit.models import AuditEvent
from eoffice.conftest import PDF_BYTES
from eoffice.exchange.data import Organisation
from eoffice.exchange.edxml import VIETNAM
from eoffice.exchange.elements import organ_id_problem
from eoffice.exchange.models import PackageState, ReceivedFile, ReceivedPackage
from eoffice.exchange.reader import Limits
from eoffice.exchange.receiving import receive_package
from eoffice.exchange.tests.documents import OFFICE, a_package

SAMPLES = Path(__file__).parent / "samples"
ELSEWHERE = Organisation(organ_id="000.09.00.H26", organ_name="Sở Nội vụ tỉnh khác")


def receive(data: bytes, **kwargs):
    return receive_package(stream=io.BytesIO(data), transport="directory", reference="goi-tin.edxml", **kwargs)


def test_a_package_for_an_agency_here_waits_for_its_registry_with_its_file(cast):
    data = a_package()
    receipt = receive(data)
    (package,) = receipt.packages
    assert not receipt.duplicate
    assert (package.agency, package.state, package.transport) == (cast.office, PackageState.RECEIVED, "directory")
    assert (package.sender_organ_id, package.sender_name) == ("000.00.13.H31", "Sở Tài chính")
    assert package.document_id == "000.00.13.H31,2026/03/05,125/STC-NS"
    assert package.header["subject"] == "Về việc kiểm tra công trình xây dựng"
    assert package.header["promulgation_date"] == "2026-03-05"
    (received,) = package.files.all()
    assert received.filename == "125-STC-NS.pdf"
    assert received.stored_file.file.read() == PDF_BYTES
    assert package.raw.file.read() == data
    assert AuditEvent.objects.filter(action="exchange.received", object_id=str(package.pk), agency=cast.office).exists()


def test_a_package_addressed_to_two_agencies_here_waits_in_both_registries(cast):
    other = Organisation(organ_id=cast.other.organ_id, organ_name=cast.other.name)
    packages = receive(a_package(recipients=(OFFICE, other, ELSEWHERE))).packages
    assert {p.agency for p in packages} == {cast.office, cast.other}
    assert packages[0].raw == packages[1].raw


def test_the_same_package_twice_is_one_package(cast):
    data = a_package()
    first = receive(data).packages
    again = receive(data)
    assert again.duplicate and again.packages == first
    assert ReceivedPackage.objects.count() == 1


def test_the_same_document_sent_again_in_a_new_package_is_not_a_second_document(cast):
    """A replay: the sender's system sends the document again (a new trace time, new bytes)."""
    (first,) = receive(a_package()).packages
    files = StoredFile.objects.count()
    again = receive(a_package(now=datetime(2026, 3, 6, 8, 0, tzinfo=VIETNAM)))
    assert again.duplicate and again.packages == [first]
    assert (ReceivedPackage.objects.count(), StoredFile.objects.count()) == (1, files)


@pytest.mark.parametrize("business_doc_type", [2, 3])
def test_an_update_or_replacement_with_the_same_document_id_is_linked_to_the_first(cast, business_doc_type):
    (first,) = receive(a_package()).packages
    changed = a_package(
        business_doc_type=business_doc_type, business_doc_reason="Sửa trích yếu", business_document_id=first.document_id
    )
    (update,) = receive(changed).packages
    assert update.pk != first.pk and update.previous == first
    assert (update.business_doc_type, update.state) == (business_doc_type, PackageState.RECEIVED)


def _with(raw: bytes, old: str, new: str, count: int = 1) -> bytes:
    text = raw.decode()
    assert old in text
    return text.replace(old, new, count).encode()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode"

BAD = {
    "malformed": (lambda: a_package()[:-40], "không phải XML hợp lệ"),
    "billion laughs": (lambda: (SAMPLES / "billion_laughs.edxml").read_bytes(), "DOCTYPE"),
    "external entity": (lambda: (SAMPLES / "doctype_entity.edxml").read_bytes(), "DOCTYPE"),
    "wrong namespace": (
        lambda: _with(a_package(), "http://www.mic.gov.vn/TBT/QCVN_102_2016", "urn:khac", -1),
        "không phải gói tin edXML",
    ),
    "missing subject": (
        lambda: _with(a_package(), "Về việc kiểm tra công trình xây dựng<", "<"),
        "thiếu thông tin bắt buộc: trích yếu",
    ),
    "document id contradicts the code": (
        lambda: a_package(document_id="000.00.13.H31,2026/03/05,999/STC-NS"),
        "không khớp với số, ký hiệu",
    ),
    "document id contradicts the date": (
        lambda: a_package(document_id="000.00.13.H31,2025/03/05,125/STC-NS"),
        "không khớp với ngày ban hành",
    ),
    "sender identifier breaks QĐ 20/2020": (
        lambda: _with(a_package(), "000.00.13.H31<", "SO-TAI-CHINH<"),
        "mã định danh điện tử “SO-TAI-CHINH” không hợp lệ",
    ),
    "corrupt base64": (lambda: _with(a_package(), "<ContentTransferEncoded>", "<ContentTransferEncoded>!*%$"), "bị hỏng"),
    "an exe declared as a pdf": (lambda: a_package(attachment_data=EXE), "không phải là tệp .pdf hợp lệ"),
    "a declared type that lies": (
        lambda: _with(a_package(), "<ContentType>application/pdf</ContentType>", "<ContentType>image/png</ContentType>"),
        "khai báo loại “image/png” nhưng nội dung là “application/pdf”",
    ),
    "not for an agency here": (lambda: a_package(recipients=(ELSEWHERE,)), "không dùng hệ thống này: Sở Nội vụ tỉnh khác"),
    "no file": (lambda: a_package(attachments=()), "không có tệp văn bản"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_package_is_kept_as_failed_with_its_reason_and_nothing_else(cast, case):
    make, reason = BAD[case]
    data = make()
    (package,) = receive(data).packages
    assert package.state == PackageState.FAILED
    assert reason in package.problem
    assert package.raw.sha256 == hashlib.sha256(data).hexdigest()
    answered = list(package.statuses.all())  # 02 with the reason, when the sender can be answered
    answerable = package.agency and not organ_id_problem(package.sender_organ_id)
    assert [(s.code, s.description) for s in answered] == ([("02", package.problem)] if answerable else [])
    stored = StoredFile.objects.exclude(pk__in=[s.dispatch.envelope_id for s in answered])
    assert list(stored) == [package.raw]  # no file of the package was stored
    assert not ReceivedFile.objects.exists()
    assert ReceivedPackage.objects.count() == 1
    assert AuditEvent.objects.filter(action="exchange.failed", object_id=str(package.pk)).exists()
    assert receive(data).duplicate and ReceivedPackage.objects.count() == 1  # its replay adds nothing


def test_an_attachment_over_the_cap_is_a_failed_package(cast):
    limits = Limits(package_bytes=10 * 1024 * 1024, attachment_bytes=100)
    (package,) = receive(a_package(), limits=limits).packages
    assert package.state == PackageState.FAILED
    assert "vượt quá dung lượng cho phép" in package.problem
    assert not ReceivedFile.objects.exists()


def test_what_could_be_read_of_a_failed_package_is_kept_for_the_administrator(cast):
    (package,) = receive(a_package(attachment_data=EXE)).packages
    assert (package.agency, package.sender_name, package.subject) == (
        cast.office,
        "Sở Tài chính",
        "Về việc kiểm tra công trình xây dựng",
    )
    assert package.header["promulgation_date"] == date(2026, 3, 5).isoformat()
