"""Highlighted snippets, the same for every engine: the words of the text
whose folded form is a query word are marked, and a long text is cut to a
window around the first of them. A query word typed with diacritics marks only
its own spelling where the text has it ("hòa", not the "hóa" of "văn hóa"), as
it ranks. Output is escaped HTML."""

import re
from collections.abc import Iterable, Iterator
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


def _iter_matches(text: str, words: set[str]) -> Iterator[tuple[int, int]]:
    """Spans of the words of `text` whose folded form is one of `words`, in order."""
    if not words:
        return iter(())
    if _COMBINING.search(text):
        return (m.span() for m in _WORD_WITH_MARKS.finditer(text) if vntext.fold(m.group()) in words)
    return (m.span() for m in _pattern(frozenset(words)).finditer(text))


def _matches(text: str, words: set[str]) -> list[tuple[int, int]]:
    return list(_iter_matches(text, words))


# Folded query word → how it was typed, where typed with diacritics (vntext tokens:
# lower case, one tone placement): {"hoa": {"hòa"}} for "hoà".
Typed = dict[str, set[str]]


def _spelled(text: str, spans: Iterable[tuple[int, int]], typed: Typed) -> Iterator[tuple[int, int, str, bool]]:
    """Each span with its folded word and whether the text spells it as typed."""
    for a, b in spans:
        folded, token = _forms(text[a:b])
        yield a, b, folded, token in typed.get(folded, ())


@lru_cache(maxsize=8192)
def _forms(word: str) -> tuple[str, str]:
    """A word of the text folded and as a vntext token (cached: a long attachment
    repeats a small vocabulary)."""
    return vntext.fold(word), (vntext.tokens(word) or [""])[0]


def _as_typed(text: str, spans: list[tuple[int, int]], typed: Typed | None) -> list[tuple[int, int]]:
    """The spans to mark: of the words typed with diacritics, only their spellings as
    typed where the text has one; else all."""
    if not typed or not spans:
        return spans
    found = list(_spelled(text, spans, typed))
    spelled = {folded for _, _, folded, exact in found if exact}
    return [(a, b) for a, b, folded, exact in found if exact or folded not in spelled]


def _first_as_typed(text: str, words: set[str], typed: Typed) -> int | None:
    """Where the first query word spelled as typed (or typed without diacritics)
    starts, up to SCAN_LIMIT; the first word that only folds alike when none is."""
    scanned, fallback = text[:SCAN_LIMIT], None
    for a, _, folded, exact in _spelled(scanned, _iter_matches(scanned, words), typed):
        if exact or folded not in typed:
            return a
        fallback = a if fallback is None else fallback
    return fallback


def mentions(text: str, words: set[str]) -> bool:
    return bool(_matches(text[:SCAN_LIMIT], words))


def highlight(text: str, words: set[str], *, window: int | None = None, typed: Typed | None = None) -> SafeString:
    if not text:
        return mark_safe("")
    scanned = text[:SCAN_LIMIT] if window else text
    return _marked(text, _as_typed(scanned, _matches(scanned, words), typed), window)


def body_snippet(text: str, words: set[str], typed: Typed | None = None) -> SafeString | str:
    """A window of the attachment text around the first query word, or "" when
    the text holds none (the match was in the heading): the search stops at the
    first word, then only the window is scanned for the others. With words typed
    with diacritics, around the first one spelled as typed if there is one."""
    if not (text and words):
        return ""
    first = _first_as_typed(text, words, typed) if typed else _first(text, words)
    if first is None:
        return ""
    start = max(0, first - WINDOW // 3)
    end = min(len(text), start + WINDOW)
    spans = [(start + a, start + b) for a, b in _matches(text[start:end], words)]
    spans = _as_typed(text, spans, typed)
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
