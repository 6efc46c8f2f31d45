"""Nộp hồ sơ trực tuyến from the public page /thu-tuc/<code>/nop-ho-so/: a
dossier "chờ tiếp nhận" with its files, the code and the receipt for the
browser that filed it; and every bad input refused with a clear message, the
typed values kept and nothing saved."""

import io
import struct
import zlib
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import Client

from eoffice.attachments.models import StoredFile
from eoffice.audit.models import AuditEvent
from eoffice.conftest import PDF_BYTES
from eoffice.onestop.models import Channel, Dossier, OneStopSettings, OnlineLevel, RequiredPaper, Status
from eoffice.onestop.public import submission as public_submission
from eoffice.onestop.public.forms import PublicUploadHandler
from eoffice.onestop.tests.factories import applicant_data

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 500
FILES_LOST = "vui lòng chọn lại tệp trước khi gửi"


def png_bytes() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Đơn đề nghị cấp giấy phép xây dựng")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def c(onestop, clock, media):
    return onestop


def url(procedure) -> str:
    return f"/thu-tuc/{procedure.code}/nop-ho-so/"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def form_data(procedure, *, skip=(), **changes) -> dict:
    """The applicant's fields and one valid file per paper (PDF, DOCX, PNG), except the orders in `skip`."""
    data = applicant_data()
    data.update({"website": ""})
    contents = [("don-de-nghi.pdf", PDF_BYTES), ("to-khai.docx", docx_bytes()), ("ban-ve.png", png_bytes())]
    for paper, (name, content) in zip(procedure.papers.order_by("order"), contents, strict=True):
        if paper.order not in skip:
            data[f"paper_{paper.pk}"] = upload(name, content)
    data.update(changes)
    return data


def post(client, procedure, data, address="10.0.0.7"):
    return client.post(url(procedure), data, REMOTE_ADDR=address)


def text(response) -> str:
    return response.content.decode()


def assert_refused_keeping_input(response, *messages, status=400):
    """Refused with each message, the typed values still in the form, the files to choose again, nothing saved."""
    assert response.status_code == status
    page = text(response)
    for message in messages:
        assert message in page, message
    assert 'value="Trần Thị Mai"' in page and 'value="0912 345 678"' in page and "Lạch Tray" in page
    assert FILES_LOST in page
    assert not Dossier.objects.exists()
    assert not StoredFile.objects.exists()


def stored_paths(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


# --------------------------------------------------------------------------- the happy path
def test_the_form_lists_the_procedures_papers(client, c):
    response = client.get(url(c.procedure))
    assert response.status_code == 200
    page = text(response)
    for paper in c.procedure.papers.all():
        assert paper.name in page and f'name="paper_{paper.pk}"' in page
    assert 'name="extra_files"' in page and 'name="website"' in page and "csrfmiddlewaretoken" in page


def test_a_complete_submission_files_a_dossier_waiting_for_the_counter(client, c, media):
    data = form_data(c.procedure, extra_files=[upload("anh-hien-trang.png", png_bytes() + b"\x00")])
    response = post(client, c.procedure, data)
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/nop-ho-so/{dossier.code}/"
    assert (dossier.status, dossier.channel, dossier.code) == (Status.SUBMITTED, Channel.ONLINE, "000.01.00.H26-260302-0001")
    assert (dossier.applicant_name, dossier.phone, dossier.received_at, dossier.due_at) == (
        "Trần Thị Mai",
        "0912345678",
        None,
        None,
    )
    papers = list(dossier.papers.select_related("file", "required_paper").order_by("id"))
    assert [p.required_paper_id for p in papers] == [*c.procedure.papers.order_by("order").values_list("pk", flat=True), None]
    assert [p.file.extension for p in papers] == ["pdf", "docx", "png", "png"]
    assert papers[-1].name == "Tài liệu kèm theo: anh-hien-trang.png"
    assert len(stored_paths(media)) == 4
    event = AuditEvent.objects.get(action="onestop.submitted")
    assert (event.ip_address, event.object_id) == ("10.0.0.7", str(dossier.pk))


def test_the_submitted_page_and_receipt_are_for_the_browser_that_filed(client, c):
    post(client, c.procedure, form_data(c.procedure))
    dossier = Dossier.objects.get()
    page = client.get(f"/nop-ho-so/{dossier.code}/")
    assert page.status_code == 200
    for shown in ("Đã nộp hồ sơ", dossier.code, "Chờ tiếp nhận", "4 số cuối", f"/tra-cuu-ho-so/?ma={dossier.code}"):
        assert shown in text(page), shown
    receipt = client.get(f"/nop-ho-so/{dossier.code}/giay-tiep-nhan.pdf")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF") and "giay-tiep-nhan-" in receipt["Content-Disposition"]
    stranger = Client()
    assert stranger.get(f"/nop-ho-so/{dossier.code}/").status_code == 404
    assert stranger.get(f"/nop-ho-so/{dossier.code}/giay-tiep-nhan.pdf").status_code == 404


def test_an_optional_paper_may_be_left_out(client, c):
    RequiredPaper.objects.filter(procedure=c.procedure, order=3).update(required=False)
    assert post(client, c.procedure, form_data(c.procedure, skip=(3,))).status_code == 302
    assert Dossier.objects.get().papers.count() == 2


def test_a_partly_online_procedure_takes_submissions(client, c):
    c.procedure.online = OnlineLevel.PARTIAL
    c.procedure.save()
    assert post(client, c.procedure, form_data(c.procedure)).status_code == 302


# --------------------------------------------------------------------------- bad input
def test_an_oversized_file_is_refused_by_name(client, c, settings, media):
    settings.EOFFICE_PUBLIC_UPLOAD_MAX_MB = 1
    big = PDF_BYTES + b"%" * (1024 * 1024)
    paper = c.procedure.papers.get(order=3)
    response = post(client, c.procedure, form_data(c.procedure, **{f"paper_{paper.pk}": upload("ban-ve-lon.pdf", big)}))
    assert_refused_keeping_input(response, "Tệp “ban-ve-lon.pdf” vượt quá dung lượng cho phép (1 MB một tệp).")
    assert stored_paths(media) == []


def test_files_over_the_total_or_the_count_are_refused(client, c, settings):
    settings.EOFFICE_PUBLIC_UPLOAD_MAX_FILES = 4
    extras = [upload(f"anh-{n}.png", png_bytes() + bytes([n])) for n in range(2)]
    response = post(client, c.procedure, form_data(c.procedure, extra_files=extras))
    assert_refused_keeping_input(response, "Gửi tối đa 4 tệp cho một hồ sơ")
    settings.EOFFICE_PUBLIC_UPLOAD_MAX_FILES, settings.EOFFICE_PUBLIC_UPLOAD_TOTAL_MB = 20, 1
    extras = [upload("phu-luc.pdf", PDF_BYTES + b"%" * (700 * 1024)), upload("phu-luc-2.pdf", PDF_BYTES + b"%" * (700 * 1024))]
    response = post(client, c.procedure, form_data(c.procedure, extra_files=extras))
    assert_refused_keeping_input(response, "Tổng dung lượng các tệp vượt quá 1 MB")


def test_a_program_renamed_pdf_is_refused_by_name(client, c):
    paper = c.procedure.papers.get(order=1)
    response = post(client, c.procedure, form_data(c.procedure, **{f"paper_{paper.pk}": upload("don-de-nghi.pdf", EXE)}))
    assert_refused_keeping_input(response, "Nội dung tệp “don-de-nghi.pdf” không phải là tệp .pdf hợp lệ")


@pytest.mark.parametrize("name", ["cai-dat.exe", "bang-tinh.xlsx", "ghi-chu.txt"])
def test_types_other_than_pdf_jpeg_png_docx_are_refused(client, c, name):
    response = post(client, c.procedure, form_data(c.procedure, extra_files=[upload(name, b"x" * 100)]))
    assert_refused_keeping_input(response, f"Không nhận tệp “{name}”: chỉ nhận tệp PDF, JPEG, PNG, DOCX.")


def test_a_missing_required_paper_is_named_with_every_other_problem(client, c):
    response = post(client, c.procedure, form_data(c.procedure, skip=(2,), phone="0912", id_number="12345"))
    assert response.status_code == 400
    page = text(response)
    assert "Cần đính kèm “Giấy chứng nhận quyền sử dụng đất” (giấy tờ bắt buộc)." in page
    assert "Số điện thoại phải gồm 9 đến 11 chữ số." in page and "Số CMND/CCCD phải gồm 9 hoặc 12 chữ số." in page
    assert 'value="0912"' in page and 'value="12345"' in page and FILES_LOST in page
    assert not Dossier.objects.exists() and not StoredFile.objects.exists()


def test_an_unknown_or_unpublished_procedure_is_a_404(client, c):
    assert client.get("/thu-tuc/9.999999/nop-ho-so/").status_code == 404
    c.procedure.published = False
    c.procedure.save()
    response = post(client, c.procedure, form_data(c.procedure))
    assert response.status_code == 404 and "chưa được công khai" in text(response)
    assert not Dossier.objects.exists()


def test_a_procedure_not_offered_online_sends_the_citizen_to_the_counter(client, c):
    c.procedure.online = OnlineLevel.NONE
    c.procedure.save()
    page = client.get(url(c.procedure))
    assert page.status_code == 200 and "không nhận hồ sơ trực tuyến" in text(page) and 'name="paper_' not in text(page)
    response = post(client, c.procedure, form_data(c.procedure))
    assert response.status_code == 400 and "nộp hồ sơ trực tiếp tại Bộ phận một cửa" in text(response)
    assert not Dossier.objects.exists() and not StoredFile.objects.exists()


def test_a_filled_honeypot_is_refused(client, c):
    response = post(client, c.procedure, form_data(c.procedure, website="http://spam.example"))
    assert_refused_keeping_input(response, "Không gửi được hồ sơ")


def test_the_form_is_csrf_protected(c):
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(url(c.procedure)).status_code == 200
    assert post(strict, c.procedure, form_data(c.procedure)).status_code == 403
    assert not Dossier.objects.exists()
    token = strict.cookies["csrftoken"].value
    assert post(strict, c.procedure, form_data(c.procedure, csrfmiddlewaretoken=token)).status_code == 302


def test_five_submissions_an_hour_per_address_and_refusals_do_not_count(client, c):
    post(client, c.procedure, form_data(c.procedure, phone="12"))  # refused: not counted
    for n in range(5):
        assert post(client, c.procedure, form_data(c.procedure, name=f"Người nộp {n}")).status_code == 302
    response = post(client, c.procedure, form_data(c.procedure))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    page = text(response)
    assert "quá nhiều hồ sơ" in page and 'value="Trần Thị Mai"' in page and FILES_LOST in page
    assert Dossier.objects.count() == 5
    assert post(client, c.procedure, form_data(c.procedure), address="10.0.0.8").status_code == 302


def test_a_failure_after_the_files_are_stored_leaves_nothing_behind(client, c, media):
    """The dossier code cannot be made (a pattern saved around the admin's check):
    the files already stored roll back with the dossier, their bytes are deleted,
    and the next submission of the same files stores them afresh under code 0001."""
    OneStopSettings.objects.create(agency=c.office)
    OneStopSettings.objects.filter(agency=c.office).update(code_pattern="{agency}-{seq}")
    response = post(client, c.procedure, form_data(c.procedure))
    assert_refused_keeping_input(response, "Mẫu mã hồ sơ của cơ quan không hợp lệ")
    assert stored_paths(media) == []
    OneStopSettings.objects.filter(agency=c.office).update(code_pattern="{agency}-{yymmdd}-{seq:04d}")
    assert post(client, c.procedure, form_data(c.procedure)).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.code.endswith("-0001")
    assert all(paper.file.file.storage.exists(paper.file.file.name) for paper in dossier.papers.select_related("file"))
    assert len(stored_paths(media)) == 3


def test_submit_with_files_rolls_back_when_the_service_fails(c, media, monkeypatch):
    def fail(**kwargs):
        assert StoredFile.objects.count() == 3 and len(stored_paths(media)) == 3  # stored, then given up
        raise RuntimeError("database went away")

    monkeypatch.setattr(public_submission, "dossier_submit_online", fail)
    data = form_data(c.procedure)
    files = {p.pk: data[f"paper_{p.pk}"] for p in c.procedure.papers.all()}
    with pytest.raises(RuntimeError):
        public_submission.submit_with_files(procedure=c.procedure, applicant=applicant_data(), files=files, extras=[])
    assert not StoredFile.objects.exists() and stored_paths(media) == []


def test_the_upload_handler_drops_an_oversized_file_and_keeps_the_typed_fields(settings):
    """The handler stops reading a file past the limit (nothing kept in memory or
    on disk) while the other fields and files still arrive."""
    settings.EOFFICE_PUBLIC_UPLOAD_MAX_MB = 1
    boundary = "ranh-gioi"
    parts = [
        ("name", None, "Trần Thị Mai".encode()),
        ("paper_1", "lon.pdf", PDF_BYTES + b"%" * (1024 * 1024)),
        ("paper_2", "nho.pdf", PDF_BYTES),
        ("address", None, "Số 12 Lạch Tray".encode()),
    ]
    body = b""
    for field, filename, content in parts:
        disposition = f'form-data; name="{field}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    meta = {"CONTENT_TYPE": f"multipart/form-data; boundary={boundary}", "CONTENT_LENGTH": str(len(body))}
    handler = PublicUploadHandler()
    fields, files = MultiPartParser(meta, io.BytesIO(body), [handler, MemoryFileUploadHandler()], "utf-8").parse()
    assert (fields["name"], fields["address"]) == ("Trần Thị Mai", "Số 12 Lạch Tray")
    assert list(files) == ["paper_2"] and files["paper_2"].read() == PDF_BYTES
    assert handler.refused == {"paper_1": ["Tệp “lon.pdf” vượt quá dung lượng cho phép (1 MB một tệp)."]}


def test_a_docx_that_unpacks_past_the_cap_is_refused_by_name(client, c, settings, media):
    settings.EOFFICE_UNZIPPED_XML_MAX_MB = 2
    paper = c.procedure.papers.get(order=2)
    bomb = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("a" * (3 * 1024 * 1024))  # 3 MB of XML in a few kB
    document.save(bomb)
    response = post(client, c.procedure, form_data(c.procedure, **{f"paper_{paper.pk}": upload("to-khai.docx", bomb.getvalue())}))
    assert_refused_keeping_input(response, "Tệp “to-khai.docx” bị từ chối: phần nội dung giải nén ra 3 MB, vượt giới hạn 2 MB.")
    assert not StoredFile.objects.exists()


def test_an_applicant_with_an_address_gets_an_acknowledgement_when_mail_is_configured(
    client, c, settings, media, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EOFFICE_EMAIL_HOST = "mail.haiphong.gov.vn"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, c.procedure, form_data(c.procedure, email="thu.hoang@example.vn"))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["thu.hoang@example.vn"] and message.subject == f"Đã nhận hồ sơ trực tuyến {dossier.code}"
    assert f"/tra-cuu-ho-so/?ma={dossier.code}" in message.body and dossier.procedure.name in message.body


def test_no_mail_is_sent_unless_a_mail_server_is_configured(client, c, media, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, c.procedure, form_data(c.procedure, email="thu.hoang@example.vn")).status_code == 302
    assert mailoutbox == []
