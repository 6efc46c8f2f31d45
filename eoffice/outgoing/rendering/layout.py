"""What an outgoing document (văn bản đi) says, and the text lines ND30
Appendix I builds from it: number line, place/date line, signature block,
Nơi nhận. Plain dataclasses in, strings out: no fonts, no database, so the
PDF and DOCX writers print exactly the same words."""

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date

from eoffice.core.letterhead import MOTTO, NATIONAL_TITLE  # noqa: F401 - printed by the PDF and DOCX writers

# (0-based page index, x1, y1, x2, y2) in PDF points from the bottom-left.
Box = tuple[int, float, float, float, float]

ARCHIVE_UNIT = "VT"  # Văn thư: every Lưu line starts with it (ND30-PL1 II.9.d)

# Blanks left for the registry when the document is signed before it is
# numbered (ND30 Art.15: numbering at issuance). Wide enough for "12/2026"
# at 13 pt and for two digits at 13 pt; the PDF puts form fields in them.
NUMBER_BLANK = " " * 16
DAY_BLANK = MONTH_BLANK = " " * 8

PRIORITY_STAMPS = {1: "KHẨN", 2: "THƯỢNG KHẨN", 3: "HỎA TỐC"}  # box 10b
CONFIDENTIALITY_STAMPS = {1: "MẬT", 2: "TỐI MẬT", 3: "TUYỆT MẬT"}  # box 10a

_ARTICLE = re.compile(r"^(Điều\s+\d+[a-zđ]?\.)(\s*)(.*)$", re.DOTALL)
_DIVISION = re.compile(r"^(Phần|Chương|Mục|Tiểu mục)\s+[IVXLCDM\d]+\.?$")
_ARTICLE_TITLE_MAX = 90  # a short "Điều n. Title" line is a heading, set all in bold


@dataclass(frozen=True)
class Signer:
    """Thẩm quyền, chức vụ, họ tên người ký (ND30 Art.13; Appendix I box 7).
    `on_behalf_of` may hold several lines separated by "\\n", for the
    People's Committee form "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""

    authority: str = ""  # "", "TM.", "KT.", "TL.", "TUQ.", "Q."
    on_behalf_of: str = ""  # the line after the authority
    position: str = ""  # "PHÓ CHỦ TỊCH"
    full_name: str = ""  # no academic titles


@dataclass(frozen=True)
class DocumentLayout:
    """Everything printed on an outgoing document. The integrator maps the
    OutgoingDocument model onto it."""

    type_name: str
    parent_agency: str
    agency: str
    place: str
    symbol: str
    subject: str
    body: str
    signer: Signer
    number: str = ""
    issued_on: date | None = None
    issuer_title: str = ""
    legal_bases: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    archive_units: str = ""
    copies: int = 0
    drafter_initials: str = ""
    priority: int = 0
    confidentiality: int = 0
    circulation: str = ""
    # Số lượng bản phát hành for the drafter mark (box 12); 0 = use `copies`.
    issued_amount: int = 0
    # Printed when the document is not yet issued (the year of the blanks).
    year: int | None = None
    # Box 13: the agency's address, phone, fax, e-mail, website ("" = not printed).
    contact: str = ""

    @property
    def unnumbered(self) -> bool:
        """Signed before issuance: the registry fills number and date later."""
        return not self.number and self.issued_on is None


def nfc_layout(layout: DocumentLayout) -> DocumentLayout:
    """The same layout with every text in Unicode NFC: the fonts hold the
    precomposed Vietnamese letters, and a decomposed tone mark would print
    as a separate glyph."""

    def norm(value):
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, tuple):
            return tuple(norm(item) for item in value)
        if isinstance(value, Signer):
            return replace(value, **{f.name: norm(getattr(value, f.name)) for f in fields(Signer)})
        return value

    return replace(layout, **{f.name: norm(getattr(layout, f.name)) for f in fields(DocumentLayout)})


def format_number(n: int) -> str:
    """Số văn bản: numbers below 10 get a leading zero (ND30-PL1 II.3.c)."""
    if n < 1:
        raise ValueError("Số văn bản bắt đầu từ 1.")
    return f"{n:02d}"


def format_number_line(number: str, symbol: str) -> str:
    """ "Số: 05/QĐ-UBND"; without a number, a blank the registry fills in."""
    return f"Số: {number.strip()}/{symbol.strip()}" if number.strip() else f"Số:{NUMBER_BLANK}/{symbol.strip()}"


def _two_digits(value: int, *, pad: bool) -> str:
    return f"{value:02d}" if pad else str(value)


def format_issue_date(place: str, issued_on: date | None, *, year: int | None = None) -> str:
    """ "Hải Phòng, ngày 05 tháng 01 năm 2026": a leading zero for days below
    10 and for months 1 and 2 only (ND30-PL1 II.4.b). Not yet issued: blanks
    for day and month, and `year` (default: this year) printed, since a
    document is signed and issued in the same year."""
    place = place.strip()
    if issued_on is None:
        year = year or date.today().year  # noqa: DTZ011 - a calendar year, not an instant
        return f"{place}, ngày{DAY_BLANK}tháng{MONTH_BLANK}năm {year}"
    day = _two_digits(issued_on.day, pad=issued_on.day < 10)
    month = _two_digits(issued_on.month, pad=issued_on.month <= 2)
    return f"{place}, ngày {day} tháng {month} năm {issued_on.year}"


def _clean_item(text: str) -> str:
    """A list item without the leading dash and the trailing punctuation the
    renderer adds itself."""
    text = " ".join(text.split())
    text = re.sub(r"^[-–•+]\s*", "", text)
    return text.rstrip(" ;,.")


def _clean_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def signer_lines(signer: Signer) -> list[str]:
    """The bold UPPERCASE lines above the signature (box 7a/7b): the authority
    with whom the signer acts for, then the signer's own position.
    TM. → ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]; KT. → ["KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH"]; Q. without on_behalf_of → ["Q. GIÁM ĐỐC"]."""
    authority = signer.authority.strip().upper()
    if authority and not authority.endswith("."):
        authority += "."
    behalf = [line.upper() for line in _clean_lines(signer.on_behalf_of)]
    position = [line.upper() for line in _clean_lines(signer.position)]
    if not authority:
        return behalf + position
    if behalf:
        return [f"{authority} {behalf[0]}", *behalf[1:], *position]
    if position:
        return [f"{authority} {position[0]}", *position[1:]]
    return [authority]


def archive_line(layout: DocumentLayout) -> str:
    """ "Lưu: VT, TH (02)." — văn thư, the drafting unit, số bản lưu."""
    units = [u.strip() for u in layout.archive_units.split(",") if u.strip()]
    units = [ARCHIVE_UNIT] + [u for u in units if u.upper() != ARCHIVE_UNIT]
    copies = f" ({format_number(layout.copies)})" if layout.copies > 0 else ""
    return f"Lưu: {', '.join(units)}{copies}."


def places_lines(layout: DocumentLayout) -> list[str]:
    """The list under "Nơi nhận:" (box 9b): "- Như trên;" … "- Lưu: VT, TH (02)."
    Every line ends with ";" and the last (always the Lưu line) with "."."""
    items = [item for item in (_clean_item(p) for p in layout.places) if item]
    return [f"- {item};" for item in items] + [f"- {archive_line(layout)}"]


def recipient_lines(layout: DocumentLayout) -> list[str]:
    """ "Kính gửi" (box 9a). One recipient: on the label's line. Several: the
    label alone, then "- …;" lines, the last ending "." (ND30-PL1 II.9.d)."""
    items = [item for item in (_clean_item(r) for r in layout.recipients) if item]
    if not items:
        return []
    if len(items) == 1:
        return [f"Kính gửi: {items[0]}"]
    return ["Kính gửi:"] + [f"- {item};" for item in items[:-1]] + [f"- {items[-1]}."]


def legal_basis_lines(bases: tuple[str, ...]) -> list[str]:
    """Căn cứ ban hành: one per line, each ending ";" and the last "."."""
    items = [item for item in (" ".join(b.split()).rstrip(" ;,.") for b in bases) if item]
    return [f"{item};" for item in items[:-1]] + [f"{items[-1]}."] if items else []


def drafter_mark(layout: DocumentLayout) -> str:
    """Ký hiệu người soạn thảo và số lượng bản phát hành (box 12), printed
    under the Lưu line: the initials in capitals and the number of copies
    issued in brackets, "NVA (02)". Empty without initials."""
    initials = layout.drafter_initials.strip().upper()
    if not initials:
        return ""
    amount = layout.issued_amount or layout.copies
    return f"{initials} ({format_number(amount)})" if amount > 0 else initials


def priority_stamp(layout: DocumentLayout) -> str:
    return PRIORITY_STAMPS.get(layout.priority, "")


def confidentiality_stamp(layout: DocumentLayout) -> str:
    return CONFIDENTIALITY_STAMPS.get(layout.confidentiality, "")


def circulation_marks(layout: DocumentLayout) -> list[str]:
    """Box 11: the circulation instruction, framed. A recalled document prints no
    mark: "tài liệu thu hồi" is a state-secret stamp (return after use), not a
    recall, and the system shows the recall on the document's page."""
    return [layout.circulation.strip().upper()] if layout.circulation.strip() else []


def body_paragraphs(body: str) -> list[str]:
    """Nội dung: every non-empty line is a paragraph (blank lines too separate
    paragraphs); spaces inside a line are collapsed."""
    return [" ".join(line.split()) for line in body.replace("\r\n", "\n").split("\n") if line.strip()]


def split_article(paragraph: str) -> tuple[str, str]:
    """ "Điều 1. Phê duyệt …" → ("Điều 1.", " Phê duyệt …"): the part set in
    bold and the rest, so that head + rest is the paragraph. A short line without final punctuation is the
    article's title ("Điều 2. Phạm vi điều chỉnh") and is bold as a whole.
    Any other paragraph → ("", paragraph)."""
    match = _ARTICLE.match(paragraph)
    if not match:
        return "", paragraph
    head, space, rest = match.groups()
    if rest and len(paragraph) <= _ARTICLE_TITLE_MAX and not rest.endswith((".", ";", ":", ",")):
        return paragraph, ""
    return head, space + rest


def is_division_heading(paragraph: str) -> bool:
    """ "Chương I", "Mục 2": centred bold on its own line (ND30-PL1 II.6.đ)."""
    return bool(_DIVISION.match(paragraph))
