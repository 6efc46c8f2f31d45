"""Highlighted snippets, the same for every engine: the words of the text
whose folded form is a query word are marked, and a long text is cut to a
window around the first of them. Output is escaped HTML."""

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from eoffice.search import vntext

_WORD = re.compile(r"[^\W_]+")
SCAN_LIMIT = 20_000  # a snippet comes from the start of a long attachment


def _matches(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Spans of the words of `text` whose folded form is one of `words`: the text
    is folded once (not word by word), positions kept."""
    folded = vntext.fold_aligned(text)
    if folded is None:
        return [m.span() for m in _WORD.finditer(text) if vntext.fold(m.group()) in words]
    return [m.span() for m in _WORD.finditer(folded) if m.group() in words]


def mentions(text: str, words: set[str]) -> bool:
    return bool(_matches(text[:SCAN_LIMIT], words))


def highlight(text: str, words: set[str], *, window: int | None = None) -> SafeString:
    if not text:
        return format_html("")
    spans = _matches(text[:SCAN_LIMIT] if window else text, words)
    start, end = 0, len(text)
    if window and len(text) > window:
        centre = spans[0][0] if spans else 0
        start = max(0, centre - window // 3)
        end = min(len(text), start + window)
        spans = [s for s in spans if s[0] >= start and s[1] <= end]
    pairs, cursor = [], start
    for a, b in spans:
        pairs.append((text[cursor:a], text[a:b]))
        cursor = b
    prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
    marked = format_html_join("", "{}<mark>{}</mark>", pairs)  # escapes the text, keeps the tags
    return format_html("{}{}{}{}", prefix, marked, text[cursor:end], suffix)
