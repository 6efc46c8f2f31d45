"""The images a signature shows on the page (ND30 Appendix I, II.7.d and II.8.a):
the signer's handwritten signature (blue) centred between the position and the
name, and the agency's seal (red, actual size) covering about a third of the
signature on its left. Both are PNG with a transparent background, uploaded by
the administrator for each signing key and checked here before they are kept."""

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from eoffice.core.errors import ValidationFailed

MAX_BYTES = 1024 * 1024
MAX_SIDE = 3000  # pixels; checked from the header, before any pixel is decoded
MIN_SIDE = 50
MM = 72 / 25.4  # points per millimetre
# The width printed when the administrator gives none: a round seal of a
# People's Committee or its office is 35–42 mm across; a signature about 40 mm.
DEFAULT_WIDTH_MM = {"seal": 36, "signature": 40}
SEAL_COVER = 1 / 3  # the seal covers this share of the signature, on its left

Box = tuple[int, float, float, float, float]  # page, x1, y1, x2, y2 in points


@dataclass(frozen=True)
class Checked:
    width_px: int
    height_px: int


def kind_of(key) -> str:
    """A personal key shows a signature; the agency's key (no user) its seal."""
    return "signature" if key.user_id else "seal"


def check_image(data: bytes, *, kind: str) -> Checked:
    """Refuse, with a Vietnamese message, what is not a usable image: not PNG,
    too large, without a transparent background, or in the wrong colour
    (a signature is blue, a seal red)."""
    label = "chữ ký" if kind == "signature" else "con dấu"
    if len(data) > MAX_BYTES:
        raise ValidationFailed(f"Ảnh {label} quá lớn (tối đa {MAX_BYTES // 1024} KB).")
    try:
        image = Image.open(io.BytesIO(data))
        image_format = image.format
        width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationFailed(f"Tệp ảnh {label} không đọc được; hãy tải lên ảnh PNG.") from exc
    if image_format != "PNG":
        raise ValidationFailed(f"Ảnh {label} phải ở định dạng PNG (nền trong suốt).")
    if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
        raise ValidationFailed(f"Ảnh {label} phải có mỗi cạnh từ {MIN_SIDE} đến {MAX_SIDE} điểm ảnh.")
    try:
        rgba = image.convert("RGBA")
    except (OSError, ValueError) as exc:
        raise ValidationFailed(f"Tệp ảnh {label} bị hỏng.") from exc
    _check_transparent(rgba, label)
    _check_colour(rgba, kind, label)
    return Checked(width, height)


def _check_transparent(rgba: Image.Image, label: str) -> None:
    alpha = rgba.getchannel("A")
    clear = alpha.histogram()[0]  # fully transparent pixels
    if clear < rgba.width * rgba.height // 4:
        raise ValidationFailed(f"Ảnh {label} phải có nền trong suốt (PNG có kênh alpha).")


def _check_colour(rgba: Image.Image, kind: str, label: str) -> None:
    """The mean colour of the drawn (mostly opaque) pixels decides."""
    mask = rgba.getchannel("A").point(lambda a: 255 if a >= 128 else 0)
    if not mask.getbbox():
        raise ValidationFailed(f"Ảnh {label} không có nét nào.")
    red, green, blue = (sum(i * n for i, n in enumerate(channel.histogram(mask))) for channel in rgba.split()[:3])
    if kind == "signature" and not (blue > red * 1.3 and blue > green * 1.1):
        raise ValidationFailed("Ảnh chữ ký phải màu xanh (ND30, Phụ lục I, mục II.7).")
    if kind == "seal" and not (red > green * 1.5 and red > blue * 1.5):
        raise ValidationFailed("Ảnh con dấu phải màu đỏ (ND30, Phụ lục I, mục II.8).")


def printed_size(key) -> tuple[float, float]:
    """Width and height in points at which the key's image prints: the width the
    administrator gave (the seal's real diameter), the height from the image."""
    image = Image.open(io.BytesIO(bytes(key.image)))
    width = float(key.image_width_mm or DEFAULT_WIDTH_MM[kind_of(key)]) * MM
    return width, width * image.height / image.width


def centred(key, area: Box) -> Box:
    """The key's image at its printed size, centred in `area` (the space between
    the signer's position and name), shrunk only if it does not fit."""
    page, x1, y1, x2, y2 = area
    width, height = printed_size(key)
    scale = min(1.0, (x2 - x1) / width, (y2 - y1) / height)
    width, height = width * scale, height * scale
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    return page, cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2


def over_signature(key, signature: Box) -> Box:
    """The seal at actual size, its right edge a third of the way into the
    signature, centred on the signature's height."""
    page, x1, y1, x2, y2 = signature
    width, height = printed_size(key)
    right = x1 + (x2 - x1) * SEAL_COVER
    cy = (y1 + y2) / 2
    return page, right - width, cy - height / 2, right, cy + height / 2


def pil_image(key) -> Image.Image:
    """The stored image, decoded, for embedding (transparency kept as a soft mask)."""
    image = Image.open(io.BytesIO(bytes(key.image)))
    return image.convert("RGBA")
