"""Reading a package from a stream: attachments decoded piece by piece into
spool files, with caps on the package, each file and the header text."""

import hashlib
import io
import os
import tracemalloc
from dataclasses import replace
from datetime import datetime

import pytest

from eoffice.core.errors import ValidationFailed
from eoffice.exchange.edxml import VIETNAM, build_envelope, parse_envelope, read_envelope
from eoffice.exchange.reader import CHUNK, UNLIMITED, Limits
from eoffice.exchange.tests.documents import a_document

NOW = datetime(2026, 3, 5, 9, 30, 15, tzinfo=VIETNAM)
MB = 1024 * 1024


def package_with(data: bytes, **changes) -> bytes:
    attachment = replace(a_document().attachments[0], data=data)
    return build_envelope(a_document(attachments=(attachment,), **changes), now=NOW)


def test_an_attachment_over_the_old_10_mb_text_node_cap_is_read_whole():
    """lxml without huge_tree caps one text node at 10 MB; the base64 of 12 MB is 16 MB."""
    data = os.urandom(12 * MB)
    doc, read = read_envelope(io.BytesIO(package_with(data)), UNLIMITED)
    with read:
        (attachment,) = doc.attachments
        assert attachment.data == b""
        assert attachment.size == len(data)
        assert hashlib.sha256(attachment.file.read()).digest() == hashlib.sha256(data).digest()
    assert parse_envelope(package_with(data)).attachments[0].data == data


def test_base64_wrapped_in_lines_across_chunk_boundaries_is_decoded_exactly():
    data = os.urandom(3 * CHUNK + 7)
    raw = package_with(data).decode()
    start = raw.index("<ContentTransferEncoded>") + len("<ContentTransferEncoded>")
    end = raw.index("</ContentTransferEncoded>")
    body = raw[start:end]
    wrapped = "\r\n".join(body[i : i + 76] for i in range(0, len(body), 76))
    doc, read = read_envelope(io.BytesIO((raw[:start] + wrapped + raw[end:]).encode()), UNLIMITED)
    with read:
        assert doc.attachments[0].file.read() == data


def test_a_big_attachment_is_not_held_in_memory():
    """Python's allocations stay far below the file: it goes to a spool file on disk."""
    package = package_with(os.urandom(16 * MB))
    tracemalloc.start()
    try:
        doc, read = read_envelope(io.BytesIO(package), UNLIMITED)
        with read:
            peak = tracemalloc.get_traced_memory()[1]
            assert doc.attachments[0].size == 16 * MB
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB


def test_an_attachment_over_the_cap_is_refused_naming_the_file_and_the_cap():
    limits = Limits(package_bytes=100 * MB, attachment_bytes=1 * MB)
    with pytest.raises(ValidationFailed, match="Tệp đính kèm “125-UBND-VP.pdf” vượt quá dung lượng cho phép \\(1 MB\\)"):
        read_envelope(io.BytesIO(package_with(b"%PDF" + b"\0" * MB)), limits)


def test_a_package_over_the_cap_is_refused_before_it_is_read_whole():
    package = package_with(os.urandom(3 * MB))
    stream = io.BytesIO(package)
    with pytest.raises(ValidationFailed, match="Gói tin vượt quá dung lượng cho phép \\(2 MB\\)"):
        read_envelope(stream, Limits(package_bytes=2 * MB, attachment_bytes=50 * MB))
    assert stream.tell() < 2 * MB + CHUNK + 1


def test_header_text_over_the_cap_is_refused():
    package = package_with(b"%PDF-1.7", subject="Về việc " * 20_000)
    limits = Limits(package_bytes=100 * MB, attachment_bytes=MB, header_characters=100_000)
    with pytest.raises(ValidationFailed, match="Phần thông tin của gói tin .* quá lớn"):
        read_envelope(io.BytesIO(package), limits)


def test_base64_continuing_after_its_padding_is_refused_even_across_chunks():
    raw = package_with(b"ab").decode()  # "YWI=": padded
    tail = "QUJD" * (CHUNK // 4)
    damaged = raw.replace("YWI=</ContentTransferEncoded>", "YWI=" + tail + "</ContentTransferEncoded>")
    with pytest.raises(ValidationFailed, match="bị hỏng"):
        read_envelope(io.BytesIO(damaged.encode()), UNLIMITED)
