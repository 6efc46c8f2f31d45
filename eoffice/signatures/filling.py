"""Filling the number and date into a signed PDF at issuance (cấp số, ND30 Art.15).

The renderer leaves text fields where the number and the date go; the registry
fills them in an incremental update, which pyHanko's difference analysis
classifies as form filling, so the signer's signature stays valid. Two forms:

- a field as wide as its whole line ("Số: …/QĐ-VP", "Hải Phòng, ngày … tháng …
  năm …") gets the line as a person types it, in Liberation Serif (Times New
  Roman metrics, every Vietnamese letter) over a white ground that hides the
  blank line printed beneath: no gaps around the number or the day;
- a field the size of its blank (documents signed before whole lines) gets the
  value alone, in the standard Times-Roman.
"""

import re
from io import BytesIO
from pathlib import Path
from typing import cast

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.form_tools import find_existing_empty_field, get_single_field_annot
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import FormFillingError, PdfError
from reportlab.pdfbase.pdfmetrics import stringWidth

from eoffice.core.errors import ValidationFailed
from eoffice.core.fonts import font_files, register_fonts, text_width
from eoffice.signatures.fonts import font_file_1000

FIELD_FONT_SIZE = re.compile(rb"([0-9.]+)\s+Tf")
FIELD_FONT_SIZE_DEFAULT = 13.0  # ND30: số and date are set in size 13
BASELINE = 0.3  # em above a whole-line field's bottom edge, as the renderer placed it


def fill_fields(
    *, data: bytes, values: dict[str, str], title: str | None = None, lines: dict[str, tuple[str, str]] | None = None
) -> bytes:
    """Fill empty text fields (số, ngày, tháng left by the renderer) in an incremental
    update and return the new PDF. Each field's value is `values[name]`; the
    fields become read-only. `lines` maps a field to the whole line it shows and
    the face ("regular" or "italic") to set it in; "" shows nothing (its value is
    printed in another field's line). Without `lines`, the value is shown alone.
    Appearances are written here, so viewers regenerate nothing (which would
    break earlier signatures). `title` replaces the document's title metadata."""
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise ValidationFailed("Tệp không phải PDF hợp lệ hoặc đã bị hỏng.") from exc
    for name, value in values.items():
        _fill_one(writer, name, value, (lines or {}).get(name))
    if title:
        writer.document_meta.title = title
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _fill_one(writer: IncrementalPdfFileWriter, name: str, value: str, line: tuple[str, str] | None) -> None:
    try:
        field_ref = find_existing_empty_field(writer, name, field_type="/Tx")
    except FormFillingError as exc:
        raise ValidationFailed(
            f"Không có ô “{name}” còn trống trong văn bản.", fields={name: ["Không tìm thấy ô cần điền."]}
        ) from exc
    field = cast(generic.DictionaryObject, field_ref.get_object())  # a form field's dictionary
    annot = get_single_field_annot(field)
    x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
    width, height = abs(x2 - x1), abs(y2 - y1)
    match = FIELD_FONT_SIZE.search(str(field.get("/DA", "")).encode())
    size = float(match.group(1)) if match and float(match.group(1)) > 0 else FIELD_FONT_SIZE_DEFAULT
    if line is None:
        content, fonts = _value_appearance(field, annot, name, value, width, height, size)
    else:
        content, fonts = _line_appearance(writer, line, width, height, size)
    appearance = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Form"),
            generic.NameObject("/BBox"): generic.ArrayObject([generic.FloatObject(v) for v in (0, 0, width, height)]),
            generic.NameObject("/Resources"): generic.DictionaryObject({generic.NameObject("/Font"): fonts}),
        },
        stream_data=content,
    )
    annot["/AP"] = generic.DictionaryObject({generic.NameObject("/N"): writer.add_object(appearance)})
    writer.update_container(annot)
    field["/V"] = generic.TextStringObject(value)
    field["/Ff"] = generic.NumberObject(int(field.get("/Ff", 0)) | 1)  # read-only: the number is final
    writer.mark_update(field_ref)


def _value_appearance(field, annot, name: str, value: str, width: float, height: float, size: float):
    try:
        shown = value.encode("cp1252")  # the standard Times-Roman's WinAnsi encoding
    except UnicodeEncodeError as exc:
        message = f"Giá trị “{value}” không điền được vào ô {name}."
        raise ValidationFailed(message, fields={name: ["Ký tự không hợp lệ."]}) from exc
    # Horizontal place from the field's quadding (/Q: 0 left, 1 centre, 2 right, as
    # the renderer set it). Vertically the em box is centred (Times descends about
    # 0.22 em), which puts the digits on the baseline of the text beside the field.
    quadding = int(field.get("/Q", annot.get("/Q", 0)))
    x = max((width - stringWidth(value, "Times-Roman", size)) * {1: 0.5, 2: 1.0}.get(quadding, 0.0), 0)
    y = (height - size) / 2 + 0.22 * size
    escaped = shown.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    content = b"/Tx BMC q BT /TiRo %g Tf 0 g %g %g Td (%s) Tj ET Q EMC" % (size, x, y, escaped)
    return content, _times_roman()


def _line_appearance(writer: IncrementalPdfFileWriter, line: tuple[str, str], width: float, height: float, size: float):
    """White ground over the whole field, then the line centred on the baseline
    the renderer used; shrunk (never below 11 pt) if it would not fit."""
    text, face = line
    if not text:  # printed by another field's line: nothing here, not even the ground
        return b"/Tx BMC EMC", generic.DictionaryObject()
    ground = b"q 1 g 0 0 %g %g re f Q" % (width, height)
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    natural = text_width(text, getattr(register_fonts(), face), size)
    line_size = max(11.0, size * (width - 2) / natural) if natural > width - 2 else size
    source = font_files()[1][face]
    factory = GlyphAccumulatorFactory(str(_font(source)), font_size=line_size)  # type: ignore[arg-type]  # annotated int, takes any number
    engine = factory.create_font_engine(writer)
    shaped = engine.shape(text)
    x = max((width - shaped.x_advance * line_size) / 2, 0)
    y = BASELINE * size
    content = b"/Tx BMC %s q BT /FL %g Tf 0 g %g %g Td %s ET Q EMC" % (ground, line_size, x, y, shaped.graphics_ops)
    return content, generic.DictionaryObject({generic.NameObject("/FL"): engine.as_resource()})


def _font(source: Path) -> Path:
    converted = font_file_1000(source)
    if converted is None:
        raise ValidationFailed(f"Thiếu phông chữ {source.name} để điền số và ngày vào văn bản.")
    return converted


def _times_roman() -> generic.DictionaryObject:
    return generic.DictionaryObject(
        {
            generic.NameObject("/TiRo"): generic.DictionaryObject(
                {
                    generic.NameObject("/Type"): generic.NameObject("/Font"),
                    generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                    generic.NameObject("/BaseFont"): generic.NameObject("/Times-Roman"),
                    generic.NameObject("/Encoding"): generic.NameObject("/WinAnsiEncoding"),
                }
            )
        }
    )
