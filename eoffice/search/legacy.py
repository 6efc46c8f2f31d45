"""Legacy Vietnamese encodings (bảng mã cũ): TCVN3 and VNI text pasted as if it were Unicode.

Before Unicode, Vietnamese was typed with 8-bit fonts: TCVN3 (bảng mã ABC, fonts .VnTime,
.VnTimeH) and VNI (VNI-Windows, fonts VNI-Times). Copied out of such a document, or out of
an old Word file whose font is lost, the bytes arrive as Latin-1/cp1252 letters:
"QuyÕt ®Þnh" (TCVN3) and "Quyeát ñònh" (VNI) both mean "Quyết định".

Both encodings only use bytes 0xA1-0xFF for Vietnamese, where Latin-1 and cp1252 agree, so
the tables below are keyed by those Latin-1 characters.

Detection (`detect_legacy`) must never mangle real Unicode Vietnamese or other languages, so
it is deliberately conservative:
  1. Text with any Vietnamese-only Unicode letter (ă, đ, ơ, ư, ạ … ỹ) or combining mark is
     already Unicode: no conversion.
  2. The words holding Latin-1 letters are read three ways — as they are, as TCVN3, as VNI —
     and each reading is scored by how many words are valid Vietnamese syllables (initial,
     rhyme, final, at most one tone, and only sắc/nặng before -c/-ch/-p/-t) or
     consonant-only abbreviations (QĐ, HĐND).
  3. An encoding wins only when most words become syllables and clearly more than as-is,
     so "Müller", "café" or a Unicode "chào các" stay as they are.
"""

import re
import unicodedata
from typing import Final

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (TCVN3, VNI)

_TONES = {"grave": "\u0300", "acute": "\u0301", "tilde": "\u0303", "hook": "\u0309", "dot": "\u0323"}
_TONE_MARKS = "".join(_TONES.values())
_NFC: Final = "NFC"

# ---------------------------------------------------------------------------------------------
# TCVN3: one byte per letter. Positions from TCVN 5712:1993 as implemented by GNU libiconv
# (lib/tcvn.h), bytes 0xA1-0xFF. VN3 (the ABC fonts) has lower case only, plus Ă Â Ê Ô Ơ Ư Đ;
# the few upper-case letters VN1 puts in this range are included. 0xB0-0xB4 ("°±²³´", tone
# marks in VN1, symbols in the fonts) are left alone so a real "25°C" survives. "·" marks them.
_TCVN3_FROM_A1 = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA1-0xAF
    "·····àảãáạẲằẳẵắẴ"  # 0xB0-0xBF
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0-0xCF
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0-0xDF
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0-0xEF
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0-0xFF
)
_TCVN3 = {chr(0xA1 + i): ch for i, ch in enumerate(_TCVN3_FROM_A1) if ch != "·"}
_TCVN3_TABLE = str.maketrans(_TCVN3)

# ---------------------------------------------------------------------------------------------
# VNI: a vowel is an ASCII base letter followed by one modifier byte; a few letters have a byte
# of their own. Layout as in the VNI-Windows table of the xvnkb input method (vni.h, Dao Hai Lam).
_VNI_TONE = dict(zip("ùøûõï", (_TONES[t] for t in ("acute", "grave", "hook", "tilde", "dot")), strict=True))
_VNI_CIRCUMFLEX = dict(zip("âáàåãä", ("", *(_VNI_TONE[m] for m in "ùøûõï")), strict=True))
_VNI_BREVE = dict(zip("êéèúüë", ("", *(_VNI_TONE[m] for m in "ùøûõï")), strict=True))
_VNI_SINGLES = {"ñ": "đ", "ô": "ơ", "ö": "ư", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}  # í, ì are themselves


def _vni_pairs() -> dict[str, str]:
    """Base letter + modifier → Unicode letter, in every case combination (case from the base)."""
    groups = [
        ("aeouy", "", _VNI_TONE),
        ("ôö", "", _VNI_TONE),  # ơ, ư followed by a tone
        ("aeo", "\u0302", _VNI_CIRCUMFLEX),
        ("a", "\u0306", _VNI_BREVE),
    ]
    pairs = {}
    for bases, hat, modifiers in groups:
        for base in bases:
            letter = _VNI_SINGLES.get(base, base)
            for modifier, tone in modifiers.items():
                char = unicodedata.normalize(_NFC, letter + hat + tone)
                for b in (base, base.upper()):
                    for m in (modifier, modifier.upper()):
                        pairs[b + m] = char if b.islower() else char.upper()
    return pairs


_VNI = _vni_pairs() | _VNI_SINGLES | {k.upper(): v.upper() for k, v in _VNI_SINGLES.items()}
_VNI_RE = re.compile("[aeouyôöAEOUYÔÖ][ùøûõïÙØÛÕÏ]|[aeoAEO][âáàåãäÂÁÀÅÃÄ]|[aA][êéèúüëÊÉÈÚÜË]|[ñÑôÔöÖæÆóÓòÒîÎ]")

# ---------------------------------------------------------------------------------------------
_UNICODE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u036f]")
_LATIN1_HIGH = re.compile("[\xa1-\xff]")
# Words holding a Latin-1 letter; anchored at word starts and possessive, so linear.
_CANDIDATE = re.compile("(?<![A-Za-z\xa1-\xff])[A-Za-z]*+[\xa1-\xff][A-Za-z\xa1-\xff]*+")
_SAMPLE_WORDS = 300  # enough to decide; keeps detection cheap on long attachments

_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
_CLOSABLE = "uyê|iê|yê|oa|oă|oe|oo|uâ|uê|uô|ươ|uy|[aăâeêioôơuưy]"  # may take a final consonant
_OPEN = "iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ"
_SYLLABLE = re.compile(f"(?:{_INITIAL})?(?:(?:{_CLOSABLE})(ch|nh|ng|c|m|n|p|t)?|(?:{_OPEN}))")


def is_syllable(word: str) -> bool:
    """Whether `word` (Unicode) is a well-formed Vietnamese syllable (loose: phonotactics only)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize(_NFC, "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    # Syllables closed by a stop take only sắc or nặng: "các", "học", never "cảc".
    return match.group(1) not in ("c", "ch", "p", "t") or tones in ([_TONES["acute"]], [_TONES["dot"]])


_ABBREVIATION = re.compile("[bcdđghklmnpqrstvxz]+")  # QĐ, UBND, HĐND: consonants only


def _plausible(word: str) -> bool:
    return is_syllable(word) or _ABBREVIATION.fullmatch(word.lower()) is not None


def from_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 (`"tcvn3"`) or VNI (`"vni"`) text, read as Latin-1, to Unicode NFC."""
    text = unicodedata.normalize(_NFC, text)
    if encoding == TCVN3:
        converted = text.translate(_TCVN3_TABLE)
        return converted.upper() if _typed_in_capitals(converted) else converted
    if encoding == VNI:
        return _VNI_RE.sub(lambda m: _VNI[m.group()], text)
    raise ValueError(f"Bảng mã không hỗ trợ: {encoding!r}")


_LETTERS = re.compile(r"[^\W\d_]+")


def _typed_in_capitals(converted: str) -> bool:
    """TCVN3 capitals come from the .VnTimeH fonts, which show the lower-case codes as upper
    case: "QUYÕT ®ÞNH" means "QUYẾT ĐỊNH", so mostly-capital text is upper-cased whole.
    Judged on the ASCII letters of syllables, not of abbreviations: "Sè 123/Q§-UBND" is
    "Số", not "SỐ"."""
    words = [w for w in _LETTERS.findall(converted)[:_SAMPLE_WORDS] if is_syllable(w)]
    letters = [ch for ch in "".join(words) if ch.isascii()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def detect_legacy(text: str) -> str | None:
    """The legacy encoding `text` was typed in, or None when it is (or may be) real Unicode."""
    if text.isascii() or _UNICODE_ONLY.search(text) or not _LATIN1_HIGH.search(text):
        return None
    words = _CANDIDATE.findall(unicodedata.normalize(_NFC, text))[:_SAMPLE_WORDS]
    as_is = sum(map(_plausible, words))
    best, best_score = None, 0
    for encoding in ENCODINGS:
        score = sum(map(_plausible, from_legacy(" ".join(words), encoding).split()))
        if score > best_score:
            best, best_score = encoding, score
    confident = best_score >= 0.6 * len(words) and best_score - as_is >= 0.5 * len(words)
    return best if confident else None


def repair(text: str) -> str:
    """`text` converted from TCVN3/VNI when detection is confident, otherwise unchanged."""
    encoding = detect_legacy(text)
    return from_legacy(text, encoding) if encoding else text


# ---------------------------------------------------------------------------------------------
# Unicode → legacy, for tests and for reproducing what an old document held.
def _inverse(table: dict[str, str]) -> dict[str, str]:
    inverse = {}
    for code, char in table.items():
        # Prefer the modifier in the base's own case (VNI "AÙ", "aù").
        if char not in inverse or (code[-1].isupper() == code[0].isupper()):
            inverse[char] = code
    return inverse


_TO_TCVN3 = _inverse(_TCVN3)
_TO_VNI = _inverse(_VNI) | {"í": "í", "ì": "ì", "Í": "Í", "Ì": "Ì"}


def to_legacy(text: str, encoding: str) -> str:
    """Unicode text as TCVN3 or VNI would hold it (Latin-1 letters). TCVN3 has no code for
    most toned capitals (the .VnTimeH fonts draw them from the lower-case codes), so those
    are written with the lower-case code."""
    table = {TCVN3: _TO_TCVN3, VNI: _TO_VNI}.get(encoding)
    if table is None:
        raise ValueError(f"Bảng mã không hỗ trợ: {encoding!r}")
    text = unicodedata.normalize(_NFC, text)
    return "".join(table.get(ch) or table.get(ch.lower(), ch) for ch in text)
