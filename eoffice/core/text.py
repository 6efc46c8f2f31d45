"""Vietnamese text helpers: NFC storage and diacritic-insensitive folding."""

import unicodedata


def nfc(value):
    """Return `value` in Unicode NFC if it is a string; other values unchanged."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def fold(value: str) -> str:
    """Lower-case, strip tone marks and fold đ/Đ (which NFD does not decompose)."""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
