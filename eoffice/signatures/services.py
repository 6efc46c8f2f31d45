"""Signing PDFs (ký số) and filling the number and date after the personal signature.

Sequence for an outgoing document (ND30 Art.32–33):
1. the competent person signs the unnumbered PDF: an approval signature (not a
   certification), so later form filling and further signatures keep it valid;
2. at issuance the registry fills `eoffice_number`, `eoffice_day`, `eoffice_month`
   with `filling.fill_fields()`, an incremental update that pyHanko's difference analysis
   classifies as form filling (ModificationLevel.FORM_FILLING);
3. the registry applies the agency's signature on top: its seal image, or without
   one the ND30 information block.
Every step appends an incremental update: bytes signed earlier are never rewritten.
"""

import datetime as dt
import logging
import re
import unicodedata
from io import BytesIO
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.basic import SimpleFontEngineFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError
from pyhanko.stamp import StaticStampStyle, TextStampStyle
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from eoffice.core.errors import ValidationFailed
from eoffice.signatures import images
from eoffice.signatures.fonts import font_file_1000
from eoffice.signatures.keys import open_signer
from eoffice.signatures.models import SigningKey
from eoffice.signatures.verification import VIETNAM, certificate_problem, holder_name

logger = logging.getLogger(__name__)

STAMP_FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
STAMP_FONT_SIZE = 10
COLOURS = {"blue": (0.0, 0.0, 0.8), "black": (0.0, 0.0, 0.0), "red": (0.8, 0.0, 0.0)}
FIELD_FONT_SIZE = re.compile(rb"([0-9.]+)\s+Tf")
FIELD_FONT_SIZE_DEFAULT = 13.0  # ND30: số and date are set in size 13


RESERVED_HEX_DIGITS = 32768


def sign_pdf(
    *,
    data: bytes,
    key: SigningKey,
    field_name: str,
    box: tuple[int, float, float, float, float] | None,
    reason: str,
    location: str,
    stamp_lines: list[str] | None = None,
    color: str = "blue",
    show_image: bool = True,
) -> bytes:
    """Append a PAdES signature (B-B; B-T when settings.EOFFICE_TSA_URL names a
    timestamp server) made with `key`, and return the new PDF.

    `box` = (page index, x1, y1, x2, y2) in points from the bottom-left corner of
    the page; None makes an invisible signature. A key with an image (the
    signer's signature, the agency's seal) shows it, filling `box`. Without one,
    a personal key gets a text stamp in `color` (signer name and time) and the
    agency's key (no user) the ND30 information block (II.8.b, the form for
    attachments and copies): black, size 10, `stamp_lines` as given; so does
    any key when `show_image` is False (an electronic copy shows no image). In
    the lines, "{signer}" stands for the certificate holder and "{signing_time}" for
    the signing time in ISO 8601 (2026-01-05T09:15:02+07:00).

    Refuses an expired or untrusted certificate with a Vietnamese message."""
    signing_time = dt.datetime.now(VIETNAM).replace(microsecond=0)
    with open_signer(key) as signer:
        certificate = signer.signing_cert
        problem = certificate_problem(certificate, chain=list(signer.cert_registry), at=signing_time)
        if problem:
            raise ValidationFailed(problem)
        agency_block = key.user_id is None
        name = holder_name(certificate)
        lines = stamp_lines if stamp_lines is not None else _default_lines(agency=agency_block)
        text = "\n".join(lines).replace("{signer}", name).replace("{signing_time}", signing_time.isoformat())
        text = text.replace("{signing_time_vn}", signing_time.strftime("%d/%m/%Y %H:%M:%S"))
        if key.image and box is not None and show_image:
            style: TextStampStyle | StaticStampStyle = _image_style(key)
        else:
            style = _stamp_style(text, colour="black" if agency_block else color, framed=not agency_block)
        field_spec = None
        if box is not None:
            page, x1, y1, x2, y2 = box
            field_spec = SigFieldSpec(sig_field_name=field_name, on_page=page, box=(x1, y1, x2, y2))  # type: ignore[arg-type]  # pyHanko annotates int, takes any number
        meta = PdfSignatureMetadata(
            field_name=field_name,
            reason=reason or None,
            location=location or None,
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            certify=False,  # approval signature: form filling and later signatures stay allowed
        )
        timestamper = _timestamper()
        pdf_signer = _SignerAt(
            meta, signer, signing_time=signing_time, timestamper=timestamper, stamp_style=style, new_field_spec=field_spec
        )
        # Without a TSA the container size is known well enough: reserving room
        # spares pyHanko a dummy signature to measure it (a third of the time).
        # 32768 hex digits = 16 KB of CMS, room for a long chain. A timestamp's
        # size is not known in advance, so then pyHanko estimates.
        reserved = None if timestamper else RESERVED_HEX_DIGITS
        try:
            writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
            if any(existing == field_name and value is not None for existing, value, _ in enumerate_sig_fields(writer.prev)):
                raise ValidationFailed(f"Văn bản đã có chữ ký trong trường {field_name}.")
            signed = pdf_signer.sign_pdf(writer, bytes_reserved=reserved).getvalue()
            return cast(bytes, signed)  # without `output`, pyHanko's sign_pdf writes into a BytesIO
        except TimestampRequestError as exc:
            raise ValidationFailed("Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA); hãy thử lại.") from exc
        except SigningError as exc:
            logger.warning("Signing %s failed: %s", field_name, exc)
            raise ValidationFailed(f"Không ký được văn bản ({exc}).") from exc
        except (PdfError, ValueError, KeyError, TypeError) as exc:
            raise ValidationFailed("Tệp không phải PDF hợp lệ hoặc đã bị hỏng, không ký được.") from exc


# The information block of II.8.b (attachments in files of their own, electronic
# copies): top right of page 1, its width and height, and the page's margins.
BLOCK_W, BLOCK_H, BLOCK_TOP, BLOCK_RIGHT = 190.0, 42.0, 8.0, 42.5


def top_right_box(data: bytes) -> tuple[int, float, float, float, float]:
    """Where the information block goes on `data`'s first page, whatever its size."""
    try:
        box = PdfReader(BytesIO(data)).pages[0].mediabox
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise ValidationFailed("Tệp không phải PDF hợp lệ hoặc đã bị hỏng, không ký được.") from exc
    right, top = float(box.right) - BLOCK_RIGHT, float(box.top) - BLOCK_TOP
    return (0, right - BLOCK_W, top - BLOCK_H, right, top)


class _SignerAt(PdfSigner):
    """pyHanko dates a signature in the server's local zone; we want one instant,
    in Vietnam time, for the stamp text, the /M entry and the CMS signing time."""

    def __init__(self, *args: Any, signing_time: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out: BasePdfFileWriter, existing_fields_only: bool = False) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def _image_style(key: SigningKey) -> StaticStampStyle:
    """The key's PNG, transparency kept, stretched to the box the caller computed
    at the image's printed size (signatures/images.py)."""
    return StaticStampStyle(
        background=PdfImage(images.pil_image(key)),
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
        border_width=0,
    )


def _default_lines(*, agency: bool) -> list[str]:
    if agency:
        return ["{signer}", "{signing_time}"]
    return ["Ký bởi: {signer}", "Thời gian ký: {signing_time_vn}"]


def _stamp_style(text: str, *, colour: str, framed: bool) -> TextStampStyle:
    rgb = COLOURS.get(colour)
    if rgb is None:
        raise ValueError(f"unknown stamp colour {colour!r}; use one of {sorted(COLOURS)}")
    font, text = _stamp_font(text)
    box_style = TextBoxStyle(font=font, font_size=STAMP_FONT_SIZE, leading=STAMP_FONT_SIZE + 2, text_color=rgb)
    return TextStampStyle(
        stamp_text=text.replace("%", "%%"),  # the stamp text is %-interpolated by pyHanko
        text_box_style=box_style,
        border_width=1 if framed else 0,
        border_color=rgb,
        background=None,
        # The personal stamp sits centred in its box, between the title and the name
        # (ND30 Appendix I, box 7c); the agency block starts at the top-left corner.
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID if framed else layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID if framed else layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins.uniform(3),
        ),
    )


def _stamp_font(text: str) -> tuple[FontEngineFactory, str]:
    """Liberation Serif (metrically Times New Roman, full Vietnamese) embedded as a
    subset; without pyHanko's [opentype] extra or the font file, the standard
    Times-Roman with the text written without tone marks."""
    try:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    except ImportError:
        GlyphAccumulatorFactory = None  # type: ignore[assignment,misc]  # noqa: N806 - the optional [opentype] extra
    font_file = None
    if GlyphAccumulatorFactory is not None:
        try:
            font_file = font_file_1000(STAMP_FONT)
        except OSError:  # e.g. a read-only variable directory: sign anyway, without marks
            logger.exception("Could not prepare the stamp font")
    if font_file is not None:
        return GlyphAccumulatorFactory(str(font_file), font_size=STAMP_FONT_SIZE), text
    logger.warning("Stamp font unavailable (pip install 'pyhanko[opentype]'); Vietnamese marks dropped")
    return SimpleFontEngineFactory("Times-Roman", 0.5), _ascii(text)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).encode("ascii", "replace").decode()


def _timestamper() -> HTTPTimeStamper | None:
    url = getattr(settings, "EOFFICE_TSA_URL", "")
    if not url:
        return None
    return HTTPTimeStamper(url)
