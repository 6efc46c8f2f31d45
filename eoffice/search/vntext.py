"""Vietnamese text for search: the one analyser used at index time and at query time.

Pure Python, no Django. Everything here runs on every indexed document and every query, so
the common paths are C-level (`str.translate`, compiled regexes, `unicodedata`) with fast
exits for ASCII text.

normalize(text)
    Unicode NFC, with what NFC leaves apart brought together:
    - decomposed input (NFD, macOS file names) and "Unicode tổ hợp" from old keyboards
      (base letter + combining tone), including tone-before-hat order ("o" + ◌́ + ◌̂ → "ố");
    - one tone-mark placement. Canonical is the traditional placement ("kiểu cũ"): tone on
      the first vowel of an open oa/oe/uy — "hòa", "khỏe", "thúy", "Ủy ban" — which is what
      most existing text holds (it is Unikey's default, and the state emblem reads "CỘNG HÒA").
      The new placement ("kiểu mới": "hoà", "khoẻ", "thuý", "Uỷ ban") maps to it. Both styles
      agree elsewhere and those rules are enforced too: with a final consonant or glide the
      tone moves on ("hòan" → "hoàn", "hùynh" → "huỳnh"), "qu"/"gi" are initials ("qúy" →
      "quý", "gìa" → "già"), a hatted vowel carries the tone ("ngừơi" → "người", "tíêng" →
      "tiếng", "âý" → "ấy"), open ia/ua carry it first ("nghiã" → "nghĩa");
    - look-alike letters: Ð (U+00D0, eth) and Ɖ (U+0189) → Đ; hyphen and slash variants
      (U+2010-2013, U+2212, fullwidth) → "-" and "/", so "QĐ‑UBND" (non-breaking hyphen, as Word
      writes it) is a symbol like any other; invisible characters (soft hyphen, zero-width
      space/joiners, BOM) dropped; all whitespace runs collapsed to one space.
    It keeps case and is idempotent. It is for indexing and matching, not for display: the
    stored text stays as the user wrote it.

fold(text)
    Lower case without any diacritic, đ/Đ included (NFD does not decompose them; SQLite
    FTS5's remove_diacritics misses them), whitespace collapsed: "Đồng Nai" → "dong nai".
    It is `eoffice.core.text.fold`, imported here.

tokens(text) / folded_tokens(text) / analyze(text)
    repair (legacy encodings) → normalize → lower case → tokens. A token is a run of letters
    and digits (no "_"), so quotes, "*", ":", "(", ")", "-", "/" never reach an engine, and
    "AND"/"OR"/"NOT" arrive in lower case, where no engine treats them as operators. Engines
    should still quote each token. Numbers lose leading zeros ("05" ≡ "5"). Tokens longer
    than 64 characters are cut there.

    Words come first, in text order (phrases keep their positions); then symbol tokens,
    each once, joined without separators, so "123/QĐ-UBND", "123 qd-ubnd", "qđ-ubnd 123" and
    "123 qd ubnd" all match a document and the exact form ranks higher:
        "số 123/QĐ-UBND"  → số 123 qđ ubnd | 123qđubnd qđubnd
        "qđ-ubnd 123"     → qđ ubnd 123    | qđubnd 123qđubnd
        "123 qd-ubnd"     → 123 qd ubnd    | qdubnd 123qdubnd
        "12/2026/QĐ-UBND" → 12 2026 qđ ubnd | 122026qđubnd qđubnd
        "123 qd ubnd"     → 123 qd ubnd    (the words alone, folded, still match)
    Any hyphenated compound also gives its joined form ("e-office" → "eoffice").

    Engines index two fields: `tokens` (exact, accents kept) and `folded_tokens`. A query
    matches on the folded field and ranks by the exact one, so "hải quan" finds "hai quận"
    but puts "hải quan" first.

detect_legacy / from_legacy / repair / to_legacy
    TCVN3 (ABC, .VnTime) and VNI (VNI-Times) text pasted as Latin-1 — see `legacy`.
"""

import re
import unicodedata

from eoffice.core.text import FOLD_TABLE, fold
from eoffice.search.legacy import detect_legacy, from_legacy, repair, to_legacy

__all__ = [
    "analyze",
    "detect_legacy",
    "fold",
    "folded_tokens",
    "from_legacy",
    "normalize",
    "repair",
    "to_legacy",
    "tokens",
]

MAX_TOKEN_LENGTH = 64

# --- Tone placement ---------------------------------------------------------------------------
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = "aăâeêioôơuưy"


def _tone_tables() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    """Toned vowel ↔ (vowel, tone mark), both cases."""
    split, join = {}, {}
    for vowel in _VOWELS + _VOWELS.upper():
        for mark in _TONE_MARKS:
            char = unicodedata.normalize("NFC", vowel + mark)
            split[char] = (vowel, mark)
            join[vowel, mark] = char
    return split, join


_SPLIT, _JOIN = _tone_tables()


def _plain(vowels: str) -> str:
    return vowels + vowels.upper()


def _toned(vowels: str) -> str:
    return "".join(_JOIN[v, m] for v in _plain(vowels) for m in _TONE_MARKS)


_L = r"[^\W\d_]"  # a letter
# Two vowels whose tone sits on the wrong one; "first"/"second" says where it belongs. The
# pattern opens with one character class (then looks back at it) so the scan skips
# consonants at C speed — twice as fast as an alternation of pairs.
_FIRSTS = "".join(sorted(set("oOuUiI" + _plain("ăâêôơư") + _toned("aeiouyư"))))
_TONE_RE = re.compile(
    f"[{_FIRSTS}](?:"
    # open oa, oe, uy: traditional placement on the first vowel ("hoà" → "hòa")
    f"(?P<first>(?<=[oO])(?<![qQ].)[{_toned('ae')}](?!{_L})"
    f"|(?<=[uU])(?<![qQ].)[{_toned('y')}](?!{_L})"
    # open ia, ua (gi, qu are initials): "nghiã" → "nghĩa"
    f"|(?<=[iIuU])(?<![qQgG].)[{_toned('a')}](?!{_L})"
    # a hatted vowel before a plain one carries the tone: "âý" → "ấy", "ươì" → "ười"
    f"|(?<=[{_plain('ăâêôơư')}])[{_toned('aeiouy')}])"
    # oa, oe, uy before a final: on the second ("hòan" → "hoàn", "hùynh" → "huỳnh")
    f"|(?P<second>(?<=[{_toned('o')}])[{_plain('aăe')}](?={_L})"
    f"|(?<=[{_toned('u')}])(?<![qQ]..)[{_plain('y')}](?={_L})"
    # qu, gi are initials: "qúy" → "quý", "gìa" → "già"
    f"|(?<=[qQ][{_toned('u')}])[{_plain('aăâeêioôơy')}]"
    f"|(?<=[gG][{_toned('i')}])[{_plain('aăâeêoôơuư')}]"
    # the hatted vowel of a pair carries the tone: "ngừơi" → "người", "tíêng" → "tiếng"
    f"|(?<=[{_toned('aeiouyư')}])[{_plain('ăâêôơ')}])"
    # never split a vowel from a combining mark NFC could not attach ("ủ◌̂" stays as it is)
    ")(?![\u0300-\u036f])"
)


def _move_tone(match: re.Match) -> str:
    one, two = match.group()
    if match.lastgroup == "first":
        vowel, mark = _SPLIT[two]
        return _JOIN[one, mark] + vowel
    vowel, mark = _SPLIT[one]
    return vowel + _JOIN[two, mark]


def _place_tones(text: str) -> str:
    placed = _TONE_RE.sub(_move_tone, text)
    # A move can expose a neighbouring pair ("ngừơì"); one more pass settles it.
    return placed if placed == text else _TONE_RE.sub(_move_tone, placed)


# --- normalize ----------------------------------------------------------------------------------
_COMBINING = re.compile("[\u0300-\u036f]")
# Tone typed before the hat: NFC cannot compose "o" + ◌́ + ◌̂, so put the hat first. Only
# right after a bare a/e/o, where the result always composes (so a second pass finds nothing).
_TONE_BEFORE_HAT = re.compile("([aeoAEO])([\u0300\u0301\u0303\u0309])([\u0302\u0306])")
_LOOKALIKES = {
    "\u00d0": "Đ",  # Ð eth
    "\u00f0": "đ",
    "\u0189": "Đ",  # Ɖ African D
    "\u0256": "đ",
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2215\u2044\uff0f", "/"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
}
_LOOKALIKE_RE = re.compile(f"[{''.join(_LOOKALIKES)}]")
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)


def normalize(text: str) -> str:
    """Canonical form for matching: NFC, one tone placement, look-alikes unified, spaces collapsed."""
    if text.isascii():
        return " ".join(text.split())
    if _COMBINING.search(text):
        text = _TONE_BEFORE_HAT.sub(r"\1\3\2", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text)
    if _LOOKALIKE_RE.search(text):
        text = text.translate(_LOOKALIKE_TABLE)
    return " ".join(_place_tones(text).split())


# --- fold ---------------------------------------------------------------------------------------
# `fold` and its table live in eoffice.core.text (the one implementation for the whole project).
_FOLD_TABLE = FOLD_TABLE  # also read by snippets (its inverse)


def fold_aligned(text: str) -> str | None:
    """`fold` character for character (no whitespace collapsing), so positions in
    the result are positions in `text`; None when folding would change the length
    (decomposed input, other scripts). For highlighting."""
    folded = text.lower().translate(_FOLD_TABLE)
    return folded if len(folded) == len(text) else None


# --- tokens -------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+")
# "05" → "5", "2050" untouched. It opens with the literal "0" so the scan jumps between
# zeros; possessive quantifiers (here and below) keep 10,000-character input linear.
_LEADING_ZEROS = re.compile(r"0(?<![^\W_]0)0*+(?=[1-9]\d*+(?![^\W_]))")
_NOTATION = r"[^\W\d_][^\W_]*+(?:-[^\W_]+)*"  # QĐ-UBND, UBND-VP, SXD-QLXD
_SYMBOL = re.compile(rf"(?<![\d/])\d++(?:/\d++)*+/{_NOTATION}")  # 12/2026/QĐ-UBND
_HYPHENATED_NOTATION = re.compile(rf"{_NOTATION}-[^\W_]+")
_COMPOUND = re.compile(r"(?<![^\W_])[^\W_]++(?:-[^\W_]++)+")
_SPACED_SLASH = re.compile(r"\s*/\s*")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>.,;:!?…"


def _joined(symbol: str) -> str:
    """Join a symbol's parts, "123/qđ-ubnd" → "123qđubnd" (it holds only letters, digits, "/", "-")."""
    return symbol.replace("/", "").replace("-", "")[:MAX_TOKEN_LENGTH]


def _symbols(text: str) -> list[str]:
    """Joined tokens for document symbols and hyphenated compounds, each once.

    Only the space-separated chunks holding "/" or "-" are looked at: a regex over the
    whole text costs more than everything else here together."""
    if "/" not in text and "-" not in text:
        return []
    if " /" in text or "/ " in text:
        text = _SPACED_SLASH.sub("/", text)  # "123 / QĐ-UBND"
    chunks = text.split(" ")
    found: list[str] = []
    for i, chunk in enumerate(chunks):
        if "-" not in chunk and "/" not in chunk:
            continue
        found += map(_joined, _SYMBOL.findall(chunk))
        found += map(_joined, _COMPOUND.findall(chunk))
        notation = chunk.strip(_EDGE_PUNCTUATION)
        if _HYPHENATED_NOTATION.fullmatch(notation):  # "123 qđ-ubnd", "qđ-ubnd 123"
            before = chunks[i - 1].lstrip(_EDGE_PUNCTUATION) if i else ""
            after = chunks[i + 1].rstrip(_EDGE_PUNCTUATION) if i + 1 < len(chunks) else ""
            found += [_joined(number + notation) for number in (before, after) if number.isdecimal()]
    return list(dict.fromkeys(found))


def tokens(text: str) -> list[str]:
    """Exact tokens (accents kept, lower case): words in order, then symbol tokens."""
    text = normalize(repair(text)).lower()
    text = _LEADING_ZEROS.sub("", text)
    words = _WORD.findall(text)
    if words and max(map(len, words)) > MAX_TOKEN_LENGTH:
        words = [word[:MAX_TOKEN_LENGTH] for word in words]
    return words + _symbols(text)


# Tokens come from a small vocabulary (Vietnamese has some 7,000 syllables), so folding them
# one by one through a cache is five times faster than folding the joined text.
_FOLD_CACHE: dict[str, str] = {}
_FOLD_CACHE_SIZE = 200_000


def _fold_token(token: str) -> str:
    folded = _FOLD_CACHE[token] = fold(token)
    return folded


def _fold_all(exact: list[str]) -> list[str]:
    if len(_FOLD_CACHE) > _FOLD_CACHE_SIZE:  # numbers and names keep coming: start afresh
        _FOLD_CACHE.clear()
    get = _FOLD_CACHE.get
    return [get(token) or _fold_token(token) for token in exact]


def folded_tokens(text: str) -> list[str]:
    """`tokens(text)` without diacritics: "Đồng Nai" → ["dong", "nai"]."""
    return _fold_all(tokens(text))


def analyze(text: str) -> tuple[list[str], list[str]]:
    """(tokens, folded_tokens) in one pass, for the indexer."""
    exact = tokens(text)
    return exact, _fold_all(exact)
