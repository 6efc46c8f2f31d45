"""Highlighted snippets, the same for every engine: the words of the text
whose folded form is a query word are marked, and a long text is cut to a
window around the first of them. Output is escaped HTML."""

import re
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from eoffice.search import vntext

SCAN_LIMIT = 20_000  # a snippet comes from the start of a long attachment
WINDOW = 240
_WORD_CHAR = re.compile(r"[^\W_]")
_COMBINING = re.compile("[\u0300-\u036f]")  # decomposed input: matched word by word instead
_WORD_WITH_MARKS = re.compile("(?:[^\\W_]|[\u0300-\u036f])+")


def _variants() -> dict[str, str]:
    """Each folded letter → the letters that fold to it ("d" → "đĐðÐ…", "a" → "àáảãạăắ…")."""
    found: dict[str, str] = {}
    for code, bare in vntext.FOLD_TABLE.items():
        if bare:
            found[bare] = found.get(bare, "") + chr(code)
    return found


_VARIANTS = _variants()


def _letter(ch: str) -> str:
    return f"[{re.escape(ch + _VARIANTS[ch])}]" if ch in _VARIANTS else re.escape(ch)


@lru_cache(maxsize=256)
def _pattern(words: frozenset[str]) -> re.Pattern:
    """The query's folded words as whole words of the text as it is: each letter
    stands for every letter that folds to it, so a long attachment is searched in
    C without first making a folded copy of it (that copy was most of a query's
    own time)."""
    alternatives = "|".join("".join(map(_letter, w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def _matches(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Spans of the words of `text` whose folded form is one of `words`."""
    if not words:
        return []
    if _COMBINING.search(text):
        return [m.span() for m in _WORD_WITH_MARKS.finditer(text) if vntext.fold(m.group()) in words]
    return [m.span() for m in _pattern(frozenset(words)).finditer(text)]


def mentions(text: str, words: set[str]) -> bool:
    return bool(_matches(text[:SCAN_LIMIT], words))


def highlight(text: str, words: set[str], *, window: int | None = None) -> SafeString:
    if not text:
        return mark_safe("")
    return _marked(text, _matches(text[:SCAN_LIMIT] if window else text, words), window)


def body_snippet(text: str, words: set[str]) -> SafeString | str:
    """A window of the attachment text around the first query word, or "" when
    the text holds none (the match was in the heading): the search stops at the
    first word, then only the window is scanned for the others."""
    first = _first(text, words) if text and words else None
    if first is None:
        return ""
    start = max(0, first - WINDOW // 3)
    end = min(len(text), start + WINDOW)
    spans = [(start + a, start + b) for a, b in _matches(text[start:end], words)]
    # A word cut by the window's edges is not a word of the text.
    spans = [(a, b) for a, b in spans if not (a == start and _joined(text, a)) and not (b == end and _joined(text, b))]
    return _marked(text, spans, WINDOW)


def _first(text: str, words: set[str]) -> int | None:
    """Where the first query word of the text (up to SCAN_LIMIT) starts."""
    limit = min(len(text), SCAN_LIMIT)
    if _COMBINING.search(text, 0, limit):
        spans = _matches(text[:limit], words)
        return spans[0][0] if spans else None
    found = _pattern(frozenset(words)).search(text, 0, limit)
    return found.start() if found else None


def _joined(text: str, position: int) -> bool:
    """True when `position` falls inside a word (word characters on both sides)."""
    return 0 < position < len(text) and bool(_WORD_CHAR.match(text[position - 1]) and _WORD_CHAR.match(text[position]))


def _marked(text: str, spans: list[tuple[int, int]], window: int | None) -> SafeString:
    start, end = 0, len(text)
    if window and len(text) > window:
        centre = spans[0][0] if spans else 0
        start = max(0, centre - window // 3)
        end = min(len(text), start + window)
        spans = [s for s in spans if s[0] >= start and s[1] <= end]
    parts, cursor = ["… " if start else ""], start
    for a, b in spans:  # every piece of the text escaped; only our <mark> tags are markup
        parts += [escape(text[cursor:a]), "<mark>", escape(text[a:b]), "</mark>"]
        cursor = b
    parts += [escape(text[cursor:end]), " …" if end < len(text) else ""]
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped text above
