"""Vietnamese text helpers: NFC storage and diacritic-insensitive folding.

Pure Python, no Django: the search's analyser (eoffice.search.vntext) folds with
the same `fold` at index and at query time."""

import re
import unicodedata
from typing import TypeVar, overload

T = TypeVar("T")


@overload
def nfc(value: str) -> str: ...
@overload
def nfc(value: T) -> T: ...


def nfc(value: object) -> object:
    """Return `value` in Unicode NFC if it is a string; other values unchanged."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


# --- clean -------------------------------------------------------------------------------------
# Word's manual line break (vertical tab), form feed and the Unicode line separators end a line;
# every other C0/C1 control (Word's cell mark \x07, the separators \x1c-\x1f, DEL) is dropped.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@overload
def clean(value: str, *, multiline: bool = True) -> str: ...
@overload
def clean(value: T, *, multiline: bool = True) -> T: ...


def clean(value: object, *, multiline: bool = True) -> object:
    """The one normaliser of text entering the system: NFC, no control characters;
    newlines (and tabs) kept only where the field allows lines, else made spaces."""
    if not isinstance(value, str):
        return value
    text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value)))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


# --- fold ---------------------------------------------------------------------------------------
def _fold_table() -> dict[int, str | None]:
    """Latin letters with diacritics → base letter (lower case); combining marks dropped."""
    table: dict[int, str | None] = dict.fromkeys(range(0x300, 0x370))
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        bare = "".join(ch for ch in unicodedata.normalize("NFD", chr(cp).lower()) if not unicodedata.combining(ch))
        if bare and bare != chr(cp):
            table[cp] = bare
    table.update({ord(ch): "d" for ch in "đĐðÐɖƉ"})
    return table


FOLD_TABLE = _fold_table()  # also read by the search's snippets (its inverse)
# Anything outside Latin, general punctuation and currency signs may still carry marks.
_NEEDS_DECOMPOSITION = re.compile("[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]")


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d, which NFD does not decompose), whitespace
    collapsed: "Đồng Nai" → "dong nai". One implementation for the whole project."""
    text = text.lower()
    if not text.isascii():
        text = text.translate(FOLD_TABLE)
        if _NEEDS_DECOMPOSITION.search(text):  # other scripts: the generic, slower way
            decomposed = unicodedata.normalize("NFD", text)
            text = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    return " ".join(text.split())
