"""A user's query, read the way Vietnamese users type: words with or without
accents, document numbers in any form, "phrases in quotes". Engine syntax
never reaches an engine: everything becomes vntext tokens."""

import re
from dataclasses import dataclass, field

from eoffice.search import vntext

MAX_TERMS = 32  # a pasted page is cut here, and the user told so
# Words people type around what they look for ("số 123/QĐ-UBND", "về việc …"): they
# rank when present but are not required, so they never hide the document.
FILLER = frozenset({"so", "ve", "viec", "cua", "va", "cac", "nhung", "cho", "theo", "tai", "ngay", "v", "vv"})
_PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Term:
    exact: str  # accents kept: ranks an exact match above a folded one
    folded: str  # what must match


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)  # each must match
    optional: list[Term] = field(default_factory=list)  # filler words: rank, not filter
    symbols: list[Term] = field(default_factory=list)  # joined document symbols: rank, not filter
    phrases: list[list[Term]] = field(default_factory=list)  # consecutive words
    truncated: bool = False

    @property
    def empty(self) -> bool:
        return not (self.terms or self.optional or self.symbols or self.phrases)

    @property
    def highlight(self) -> set[str]:
        """Folded words to mark in snippets."""
        return {t.folded for t in self.terms} | {t.folded for p in self.phrases for t in p}

    @property
    def typed(self) -> dict[str, set[str]]:
        """Words typed with diacritics: folded → as typed (vntext form), for snippets
        to mark "hòa" and not the "hóa" that folds alike."""
        typed: dict[str, set[str]] = {}
        for term in [*self.terms, *(t for p in self.phrases for t in p)]:
            if term.exact != term.folded:
                typed.setdefault(term.folded, set()).add(term.exact)
        return typed


def _terms(text: str) -> tuple[list[Term], list[Term]]:
    """(words, joined symbols) of a piece of the query."""
    exact, folded = vntext.analyze(text)
    words = set(vntext.tokens(text.replace("/", " ").replace("-", " ")))
    pairs = [Term(e, f) for e, f in zip(exact, folded, strict=True)]
    return [t for t in pairs if t.exact in words], [t for t in pairs if t.exact not in words]


def _spaced_symbol(terms: list[Term]) -> list[Term]:
    """ "123 qd ubnd", "123 / QĐ - UBND": a number followed by letters may be a
    document symbol typed with spaces; its joined form ranks that document first."""
    for i, term in enumerate(terms):
        rest = terms[i + 1 : i + 4]
        if term.folded.isdigit() and rest and all(t.folded.isalpha() for t in rest):
            return [Term("".join(t.exact for t in (term, *rest)), "".join(t.folded for t in (term, *rest)))]
    return []


def parse(text: str) -> ParsedQuery:
    text = (text or "").strip()
    query = ParsedQuery(text=text)
    if text.count('"') % 2:  # an unbalanced quote is just a quote
        text = text.replace('"', " ")
    for phrase in _PHRASE.findall(text):
        words, symbols = _terms(phrase)
        if len(words) > 1:
            query.phrases.append(words)
        query.terms += words
        query.symbols += symbols
    words, symbols = _terms(_PHRASE.sub(" ", text))
    query.terms += words
    query.symbols += symbols
    query.terms = list(dict.fromkeys(query.terms))
    query.symbols = list(dict.fromkeys(query.symbols))
    if len(query.terms) + len(query.symbols) > MAX_TERMS:
        query.truncated = True
        query.terms = query.terms[:MAX_TERMS]
        query.symbols = query.symbols[: max(0, MAX_TERMS - len(query.terms))]
        query.phrases = [p for p in query.phrases if all(t in query.terms for t in p)]
    query.symbols = list(dict.fromkeys(query.symbols + _spaced_symbol(query.terms)))
    in_phrases = {t for p in query.phrases for t in p}
    filler = [t for t in query.terms if t.folded in FILLER and t not in in_phrases]
    if len(filler) < len(query.terms):
        query.optional = filler
        query.terms = [t for t in query.terms if t not in filler]
    return query
