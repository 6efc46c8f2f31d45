"""Highlighted snippets, the same for every engine: the words of the text
whose folded form is a query word are marked, and a long text is cut to a
window around the first of them. Output is escaped HTML."""

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from eoffice.search import vntext

_WORD = re.compile(r"[^\W_]+")


def highlight(text: str, words: set[str], *, window: int | None = None) -> SafeString:
    if not text:
        return format_html("")
    spans = [m.span() for m in _WORD.finditer(text) if vntext.fold(m.group()) in words]
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
