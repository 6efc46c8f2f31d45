"""Reading an edXML package from a stream without holding its files in memory.

The package is fed to lxml in chunks with a parser *target*: libxml2 then hands
text over piece by piece, so the base64 of an attachment is decoded as it
arrives into a spool file (in memory up to 1 MB, then on disk) and never
becomes one text node. The rest of the package (the header: a few kilobytes)
is built into a small tree for `edxml.document_of`. `huge_tree` stays off, and
the caps below bound what a package can make us hold or write."""

import base64
import binascii
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree

from eoffice.core.errors import ValidationFailed

CHUNK = 64 * 1024
SPOOL_IN_MEMORY = 1024 * 1024
# The attribute a spooled ContentTransferEncoded element carries: the spool's index.
SPOOL_ATTRIBUTE = "{urn:eoffice:exchange}spool"
_NOT_XML = "Gói tin không đọc được: không phải XML hợp lệ."
_DOCTYPE = "Gói tin có khai báo DOCTYPE hoặc thực thể (entity), bị từ chối vì lý do an toàn."


@dataclass(frozen=True)
class Limits:
    """What one package may hold: its raw size, each decoded file, and the text
    outside the files (the header)."""

    package_bytes: int
    attachment_bytes: int
    header_characters: int = 1_000_000

    @classmethod
    def from_settings(cls) -> "Limits":
        from django.conf import settings

        return cls(
            package_bytes=settings.EOFFICE_EXCHANGE_MAX_PACKAGE_MB * 1024 * 1024,
            attachment_bytes=settings.EOFFICE_MAX_UPLOAD_MB * 1024 * 1024,
        )


UNLIMITED = Limits(package_bytes=1 << 62, attachment_bytes=1 << 62, header_characters=1 << 62)


class Spool:
    """One attachment's base64, decoded strictly as it arrives (line breaks and
    spaces allowed, nothing else), into a spooled temporary file."""

    def __init__(self, limit: int):
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115  # closed by Read.close
        self.limit, self.size = limit, 0
        self.pending, self.padded = "", False
        self.problem: str | None = None  # "corrupt" or "too_big"

    def feed(self, text: str) -> None:
        if self.problem:
            return
        text = self.pending + "".join(text.split())
        whole = len(text) - len(text) % 4
        self.pending = text[whole:]
        if whole:
            self._decode(text[:whole])

    def finish(self) -> None:
        if self.pending and not self.problem:
            self.problem = "corrupt"  # a length that is not a multiple of 4: truncated
        self.file.seek(0)

    def _decode(self, text: str) -> None:
        try:
            if self.padded:
                raise ValueError("data after the padding")
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            self.problem = "corrupt"
            return
        self.padded = text.endswith("=")
        self.size += len(data)
        if self.size > self.limit:
            self.problem = "too_big"
            return
        self.file.write(data)


class _Splitter:
    """Parser target: the tree of everything but the attachments' base64, which
    goes to one Spool per ContentTransferEncoded element."""

    def __init__(self, limits: Limits):
        self.builder = etree.TreeBuilder()
        self.limits, self.header_characters = limits, 0
        self.spools: list[Spool] = []
        self.current: Spool | None = None
        self.refusal: ValidationFailed | None = None

    def start(self, tag: str, attrib: dict, nsmap: dict | None = None) -> None:
        if self.current is None and etree.QName(tag).localname == "ContentTransferEncoded":
            self.current = Spool(self.limits.attachment_bytes)
            attrib = {**attrib, SPOOL_ATTRIBUTE: str(len(self.spools))}
            self.spools.append(self.current)
        self.builder.start(tag, attrib)

    def end(self, tag: str) -> None:
        if self.current is not None and etree.QName(tag).localname == "ContentTransferEncoded":
            self.current.finish()
            self.current = None
        self.builder.end(tag)

    def data(self, text: str) -> None:
        if self.current is not None:
            self.current.feed(text)
            return
        self.header_characters += len(text)
        if self.header_characters > self.limits.header_characters:
            self.refuse(
                "Phần thông tin của gói tin (ngoài tệp đính kèm) quá lớn, bị từ chối vì lý do an toàn.",
                "Vượt giới hạn an toàn.",
            )
        self.builder.data(text)

    def doctype(self, *args: object) -> None:
        self.refuse(_DOCTYPE, "DOCTYPE không được phép.")

    def refuse(self, message: str, detail: str) -> None:
        # lxml reports an exception raised here as a syntax error: keep ours to raise instead.
        self.refusal = ValidationFailed(message, fields={"envelope": [detail]})
        raise self.refusal

    def close(self):
        return self.builder.close()


class Read:
    """A parsed package: the tree without the files, and the spooled files.
    Close it (or use it as a context manager) to drop the spool files."""

    def __init__(self, root, spools: list[Spool], size: int, limits: Limits):
        self.root, self.spools, self.size, self.limits = root, spools, size, limits

    @property
    def limit_mb(self) -> int:
        return self.limits.attachment_bytes // (1024 * 1024)

    def spool_of(self, element) -> Spool | None:
        index = element.get(SPOOL_ATTRIBUTE) if element is not None else None
        return self.spools[int(index)] if index is not None else None

    def close(self) -> None:
        for spool in self.spools:
            spool.file.close()

    def __enter__(self) -> "Read":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_xml(stream: IO[bytes], limits: Limits = UNLIMITED) -> Read:
    """Parse `stream` chunk by chunk; raise ValidationFailed (in Vietnamese) for
    what is not well-formed XML, a DOCTYPE, or a package over `limits`."""
    splitter = _Splitter(limits)
    parser = etree.XMLParser(target=splitter, resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    size = 0
    try:
        for chunk in _chunks(stream):
            size += len(chunk)
            if size > limits.package_bytes:
                raise ValidationFailed(
                    f"Gói tin vượt quá dung lượng cho phép ({limits.package_bytes // (1024 * 1024)} MB).",
                    fields={"envelope": ["Gói tin quá lớn."]},
                )
            parser.feed(chunk)
        root = parser.close()
    except ValidationFailed:
        _drop(splitter.spools)
        raise
    except (etree.XMLSyntaxError, ValueError, TypeError) as exc:
        _drop(splitter.spools)
        if splitter.refusal:
            raise splitter.refusal from None
        raise ValidationFailed(_NOT_XML, fields={"envelope": [str(exc)[:300]]}) from exc
    return Read(root, splitter.spools, size, limits)


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def _drop(spools: list[Spool]) -> None:
    for spool in spools:
        spool.file.close()
