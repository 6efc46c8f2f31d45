"""A naive in-memory ranker, only to show that the relevance data is sane: if this can meet
an expectation, a real engine can. Not for production — it scans every record per query.

Ranking, best first:
  1. records whose whole number is in the query ("123 qd ubnd" → 123/QĐ-UBND, not
     12/2026/QĐ-UBND for "12/QĐ-UBND");
  2. how many distinct query terms the record matches (in any field, accents folded);
  3. a score: per term, the best field weight × idf, full weight when the accented token
     matches exactly and a little over half when only the folded form does;
  4. newest first.
A quoted phrase must occur as consecutive tokens (folded) in one field. Text goes through
eoffice.search.vntext when it exists, else a local fold (NFC, marks stripped, đ → d)."""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

try:
    from eoffice.search import vntext
except ImportError:  # the module is written in parallel; the data must be checkable without it
    vntext = None

FIELD_WEIGHTS = {"number": 4.0, "subject": 3.0, "type_name": 1.5, "issuer": 1.5, "body": 1.0}
FOLDED_ONLY = 0.55  # a match that needed folding counts a little over half an exact one
MAX_TERMS = 64
# Capabilities beyond plain text (see harness.CAPABILITIES): vntext repairs TCVN3/VNI input.
CAPABILITIES = frozenset({"legacy"} if vntext and hasattr(vntext, "repair") else ())

_WORD = re.compile(r"[^\W_]+")
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u00ad": ""})
# One tone placement, as vntext: open oa/oe/uy carry it on the first vowel ("hoà" → "hòa"; "quý" stays).
_TONE_ON_SECOND = re.compile(r"(?<![qQ])([oOuU])([aeyAEY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_])")


def _local_tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFD", text.translate(_LOOKALIKES))
    text = _TONE_ON_SECOND.sub(r"\1\3\2", text)
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _local_fold(token: str) -> str:
    bare = "".join(ch for ch in unicodedata.normalize("NFD", token) if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "d").lower()


def tokens(text: str) -> list[str]:
    return vntext.tokens(text) if vntext else _local_tokens(text)


def fold(token: str) -> str:
    return vntext.fold(token) if vntext else _local_fold(token)


def _number_words(number: str) -> frozenset[str]:
    """The words of a document number, without any joined symbol tokens."""
    return frozenset(fold(t) for t in tokens(re.sub(r"[/\-]", " ", number)))


def _contains(sequence: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(sequence[i : i + n] == phrase for i in range(len(sequence) - n + 1))


@dataclass(frozen=True)
class _Field:
    exact: list[str]
    folded: list[str]


@dataclass(frozen=True)
class _Doc:
    key: str
    day: str
    fields: dict[str, _Field]
    number: frozenset[str]


def _parse(q: str) -> tuple[list[list[str]], list[str]]:
    """(phrases as folded token lists, exact terms). An unmatched quote is just a character."""
    parts = q.split('"')
    if len(parts) % 2 == 0:  # odd number of quotes: drop the last one
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    phrases = [[fold(t) for t in tokens(part)] for part in parts[1::2]]
    terms = [t for part in parts for t in tokens(part)]
    return [p for p in phrases if p], list(dict.fromkeys(terms))[:MAX_TERMS]


class ReferenceIndex:
    """Any records with key, type_name, number, subject, issuer, body and day (Entry or dict)."""

    def __init__(self, records):
        self.docs = [self._doc(record) for record in records]
        self.df = Counter(t for doc in self.docs for t in {t for f in doc.fields.values() for t in f.folded})

    @staticmethod
    def _doc(record) -> _Doc:
        get = record.get if isinstance(record, dict) else lambda name: getattr(record, name)
        fields = {}
        for name in FIELD_WEIGHTS:
            exact = tokens(get(name) or "")
            fields[name] = _Field(exact, [fold(t) for t in exact])
        return _Doc(get("key"), str(get("day")), fields, _number_words(get("number") or ""))

    def _idf(self, folded: str) -> float:
        return math.log(1 + len(self.docs) / (1 + self.df[folded]))

    def _rank(self, doc: _Doc, phrases, terms, folded_terms) -> tuple[bool, int, float] | None:
        for phrase in phrases:
            if not any(_contains(f.folded, phrase) for f in doc.fields.values()):
                return None
        matched, score = 0, 0.0
        for term, folded in zip(terms, folded_terms, strict=True):
            best = 0.0
            for name, field in doc.fields.items():
                if term in field.exact:
                    best = max(best, FIELD_WEIGHTS[name])
                elif folded in field.folded:
                    best = max(best, FIELD_WEIGHTS[name] * FOLDED_ONLY)
            if best:
                matched += 1
                score += best * self._idf(folded)
        whole_number = any(t.isdigit() for t in doc.number) and doc.number <= set(folded_terms)
        return (whole_number, matched, score) if matched else None

    def search(self, q: str, limit: int = 20) -> list[str]:
        phrases, terms = _parse(q)
        folded_terms = [fold(t) for t in terms]
        ranked = []
        for doc in self.docs:
            rank = self._rank(doc, phrases, terms, folded_terms)
            if rank:
                ranked.append((rank, doc.day, doc.key))
        ranked.sort(reverse=True)
        return [key for _, _, key in ranked[:limit]]
