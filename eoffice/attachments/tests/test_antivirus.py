"""Uploads scanned by clamd when EOFFICE_CLAMD is set: the EICAR test file is refused
with the threat's name, a clean file is stored, and a scanner that does not answer
stores nothing. A small clamd stand-in speaks the INSTREAM protocol; a real clamd is
used too when EOFFICE_TEST_CLAMD names one (its signatures need a download)."""

import os
import socket
import socketserver
import struct
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.conftest import PDF_BYTES
from eoffice.core.errors import StorageUnavailable, ValidationFailed

pytestmark = pytest.mark.django_db

# The antivirus industry's harmless test string, split so this file is not flagged itself.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD" + b"-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd(socketserver.StreamRequestHandler):
    """clamd's INSTREAM: "nINSTREAM\\n", chunks each after its 4-byte length, a zero length."""

    def handle(self):
        assert self.rfile.readline() == b"nINSTREAM\n"
        data = b""
        while size := struct.unpack("!L", self.rfile.read(4))[0]:
            data += self.rfile.read(size)
        found = b"Eicar-Test-Signature FOUND" if EICAR in data else b"OK"
        self.wfile.write(b"stream: " + found + b"\n")


@pytest.fixture
def clamd(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), FakeClamd)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EOFFICE_CLAMD = f"tcp://127.0.0.1:{server.server_address[1]}"
    yield settings
    server.shutdown()
    server.server_close()


def pdf_with(payload: bytes) -> SimpleUploadedFile:
    # A real PDF with the test string in a comment after its end: the type check accepts it.
    return SimpleUploadedFile("cong-van.pdf", PDF_BYTES + b"\n%" + payload + b"\n", content_type="application/pdf")


def test_the_eicar_file_is_refused_with_the_threats_name(clamd):
    with pytest.raises(ValidationFailed, match="mã độc \\(Eicar-Test-Signature\\)"):
        stored_file_create(upload=pdf_with(EICAR))
    assert not StoredFile.objects.exists()


def test_a_clean_file_is_scanned_and_stored(clamd):
    assert stored_file_create(upload=pdf_with(b"sach")).size > 0


def test_a_scanner_that_does_not_answer_stores_nothing(settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EOFFICE_CLAMD = f"tcp://127.0.0.1:{port}"
    with pytest.raises(StorageUnavailable, match="không kết nối được phần mềm diệt virus"):
        stored_file_create(upload=pdf_with(b"sach"))
    assert not StoredFile.objects.exists()


def test_without_a_scanner_nothing_is_scanned(settings):
    settings.EOFFICE_CLAMD = ""
    assert stored_file_create(upload=pdf_with(EICAR)).size > 0


@pytest.mark.skipif(not os.environ.get("EOFFICE_TEST_CLAMD"), reason="no clamd named by EOFFICE_TEST_CLAMD")
def test_a_real_clamd_refuses_eicar(settings):
    settings.EOFFICE_CLAMD = os.environ["EOFFICE_TEST_CLAMD"]
    with pytest.raises(ValidationFailed, match="Eicar"):
        stored_file_create(upload=pdf_with(EICAR))
