"""A small, valid one-page PDF standing in for the scan of a demo document."""

import textwrap
import unicodedata

from django.core.files.uploadedfile import SimpleUploadedFile


def _ascii(text: str) -> str:
    # The standard Helvetica font has no Vietnamese letters: write them without marks.
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in text if not unicodedata.combining(ch))
    return plain.encode("ascii", "replace").decode()


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(lines: list[str]) -> bytes:
    """An A4 page with `lines` of text, with a correct cross-reference table."""
    shown = " ".join(f"({_escape(_ascii(line))}) '" for line in lines)
    stream = f"BT /F1 11 Tf 15 TL 72 790 Td {shown} ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        b"<</Length %d>>stream\n%b\nendstream" % (len(stream), stream),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def document_pdf(data: dict, place: str) -> SimpleUploadedFile:
    """The first page of an incoming document, laid out like ND30 Appendix I."""
    issued = data["issued_date"]
    lines = [
        data["organ_name"].upper(),
        f"So: {data['code_number']}/{data['code_notation']}",
        f"{place}, ngay {issued:%d} thang {issued:%m} nam {issued:%Y}",
        "",
        data["type_name"].upper(),
        *textwrap.wrap(data["subject"], 80),
        "",
        f"Kinh gui: {data['to_places']}",
        "",
        "Van ban mau dung de trinh dien he thong eOffice.",
        "",
        data["signer_position"].upper(),
        data["signer_full_name"],
    ]
    name = f"{data['code_number']}-{data['code_notation']}.pdf"
    return SimpleUploadedFile(name, pdf_bytes(lines), content_type="application/pdf")
