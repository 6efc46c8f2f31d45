"""The serif the PDFs embed. ND30 names Times New Roman, which is not free to
redistribute: by default Liberation Serif (Times New Roman's metrics, every
Vietnamese letter; only Debian's fonts-liberation2 has them, the older
fonts-liberation does not, so it is never a fallback). An administrator who
installs Times New Roman in EOFFICE_FONT_DIR gets it embedded instead. Also
the measuring of text in these fonts (widths, balanced line breaks)."""

import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}
# The four faces of each family by file name (lower case), the preferred first:
# Windows' file names and macOS's for Times New Roman.
FAMILIES = {
    "Times New Roman": [
        {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bold_italic": "timesbi.ttf"},
        {
            "regular": "times new roman.ttf",
            "bold": "times new roman bold.ttf",
            "italic": "times new roman italic.ttf",
            "bold_italic": "times new roman bold italic.ttf",
        },
    ],
    "Liberation Serif": [{face: name.lower() for face, name in FILES.items()}],
}
FAMILY = "EofficeSerif"
# Every Vietnamese letter that is not plain ASCII: a font lacking one of them
# would print a blank box in the middle of a word.
VIETNAMESE_LETTERS = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư" + "".join(chr(code) for code in range(0x1EA0, 0x1EFA))


class FontMissing(RuntimeError):
    """The fonts for rendering documents are not installed (a deployment
    problem, not a user error)."""


@dataclass(frozen=True)
class FontNames:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    family: str = "Liberation Serif"  # which family the faces are, for the document's metadata


def font_dir() -> Path:
    """The Django setting EOFFICE_FONT_DIR if it is set, else the Debian path."""
    from django.conf import settings

    configured = getattr(settings, "EOFFICE_FONT_DIR", None) if settings.configured else None
    return Path(configured) if configured else DEFAULT_FONT_DIR


def font_files(directory: Path | None = None) -> tuple[str, dict[str, Path]]:
    """(family, face → file) of the four faces in `directory` (default: the
    configured one): Times New Roman when all four of its files are there
    (names matched without case), else Liberation Serif."""
    directory = directory or font_dir()
    present = {path.name.lower(): path for path in directory.glob("*") if path.is_file()} if directory.is_dir() else {}
    for family, spellings in FAMILIES.items():
        for names in spellings:
            if all(name in present for name in names.values()):
                return family, {face: present[name] for face, name in names.items()}
    missing = [name for name in FILES.values() if name.lower() not in present]
    raise FontMissing(
        f"Thiếu phông chữ {', '.join(missing)} trong {directory}: cài gói Debian fonts-liberation2 "
        "(apt-get install fonts-liberation2), hoặc đặt EOFFICE_FONT_DIR tới thư mục có đủ bốn tệp Times New Roman "
        "(times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf)."
    )


@lru_cache(maxsize=4)
def _register(directory: Path) -> FontNames:
    family, paths = font_files(directory)
    # A suffix per directory, so that a changed setting never reuses the
    # fonts registered from another directory under the same name.
    suffix = "" if directory == DEFAULT_FONT_DIR else f"-{zlib.crc32(str(directory).encode()):08x}"
    names = FontNames(**{face: f"{FAMILY}{suffix}-{face}" for face in FILES}, family=family)
    for face, path in paths.items():
        font = TTFont(getattr(names, face), str(path))
        lacking = [ch for ch in VIETNAMESE_LETTERS if ord(ch) not in font.face.charToGlyph]
        if lacking:
            raise FontMissing(
                f"Phông {path} thiếu chữ tiếng Việt ({''.join(lacking[:8])}…): dùng bản trong gói Debian fonts-liberation2 "
                "hoặc bản Times New Roman có đủ chữ tiếng Việt."
            )
        pdfmetrics.registerFont(font)
    # <b>, <i> in ReportLab paragraphs pick the right face.
    for bold, italic, face in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "bold_italic")):
        addMapping(names.regular, bold, italic, getattr(names, face))
    return names


def register_fonts() -> FontNames:
    """Register the four faces with ReportLab (once) and return their names.
    Raises FontMissing naming the Debian package if they are absent."""
    return _register(font_dir())


def missing_glyphs(text: str) -> set[str]:
    """The characters of `text` (other than line breaks) that one of the four
    faces cannot print."""
    names = register_fonts()
    faces = [pdfmetrics.getFont(getattr(names, face)).face for face in FILES]
    return {ch for ch in set(text) if ch not in "\n\r\t" and any(ord(ch) not in f.charToGlyph for f in faces)}


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of `text` set in a registered font."""
    width: float = stringWidth(text, font, size)
    return width


def greedy_lines(words: list[str], font: str, size: float, max_width: float) -> list[str]:
    """Words filled into lines no wider than `max_width`; a longer word stands alone."""
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", font, size) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def wrap_balanced(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Lines of `text` no wider than `max_width`, as even as possible:
    "ỦY BAN NHÂN DÂN / THÀNH PHỐ HẢI PHÒNG" rather than a long first line and
    a short second. An explicit "\\n" always breaks the line."""
    result: list[str] = []
    for part in text.split("\n"):
        words = part.split()
        if not words:
            continue
        count = len(greedy_lines(words, font, size, max_width))
        low, high = 0.0, max_width
        for _ in range(24):  # the narrowest width that needs no more lines
            mid = (low + high) / 2
            if len(greedy_lines(words, font, size, mid)) <= count:
                high = mid
            else:
                low = mid
        result += greedy_lines(words, font, size, high)
    return result
