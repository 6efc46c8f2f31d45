"""Vietnamese text helpers: NFC storage and diacritic-insensitive folding."""

import unicodedata
from typing import TypeVar, overload

from eoffice.search import vntext

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


def fold(value: str) -> str:
    """Lower-case, strip tone marks and fold đ/Đ (which NFD does not decompose).

    One implementation for the whole project: the search's (eoffice.search.vntext)."""
    return vntext.fold(value)
