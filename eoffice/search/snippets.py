"""Highlighted snippets, the same for every engine: the words of the text
whose folded form is a query word are marked, and a long text is cut to a
window around the first of them. Output is escaped HTML."""

import re
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from eoffice.search import vntext

_WORD = re.compile(r"[^\W_]+")
SCAN_LIMIT = 20_000  # a snippet comes from the start of a long attachment
WINDOW = 240


@lru_cache(maxsize=256)
def _pattern(words: frozenset[str]) -> re.Pattern:
    """The query's folded words as whole words: one regex scan (in C) of the
    folded text instead of a Python loop over its every word."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _matches(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Spans of the words of `text` whose folded form is one of `words`: the text
    is folded once (not word by word), positions kept."""
    if not words:
        return []
    folded = vntext.fold_aligned(text)
    if folded is None:
        return [m.span() for m in _WORD.finditer(text) if vntext.fold(m.group()) in words]
    return [m.span() for m in _pattern(frozenset(words)).finditer(folded)]


def mentions(text: str, words: set[str]) -> bool:
    return bool(_matches(text[:SCAN_LIMIT], words))


def highlight(text: str, words: set[str], *, window: int | None = None) -> SafeString:
    if not text:
        return mark_safe("")
    return _marked(text, _matches(text[:SCAN_LIMIT] if window else text, words), window)


def body_snippet(text: str, words: set[str]) -> SafeString | str:
    """A window of the attachment text around the first query word, or "" when
    the text holds none (the match was in the heading)."""
    spans = _matches(text[:SCAN_LIMIT], words) if text else []
    return _marked(text, spans, WINDOW) if spans else ""


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
