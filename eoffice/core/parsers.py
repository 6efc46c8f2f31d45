"""The API's parsers. Every text value goes through core.text.clean (NFC, no control
characters), as the web forms' input does (core.middleware.CleanInputMiddleware).
JSON has caps: a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE or nested deeper than
MAX_DEPTH is refused with a 400 before anything recurses over it (Python's decoder
would otherwise raise RecursionError, a 500)."""

import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import DataAndFiles, FormParser, JSONParser, MultiPartParser

from eoffice.core.middleware import cleaned
from eoffice.core.text import clean

MAX_DEPTH = 32  # the deepest body of our API is 4 levels


def clean_json(value: Any, level: int = 1) -> Any:
    """Parsed JSON with every string cleaned; ParseError past MAX_DEPTH (checked
    before going deeper, so this recursion is bounded)."""
    if level > MAX_DEPTH:
        raise ParseError(f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).")
    if isinstance(value, dict):
        return {key: clean_json(item, level + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_json(item, level + 1) for item in value]
    return clean(value)


class SafeJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        cap = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(cap + 1) if stream is not None else b""
        if len(raw) > cap:
            raise ParseError(f"Dữ liệu JSON vượt quá {cap // (1024 * 1024)} MB.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError(f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).") from None
        except ValueError as exc:
            raise ParseError(f"Dữ liệu JSON không hợp lệ: {exc}") from None
        return clean_json(data)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} không phải là số JSON hợp lệ")


class CleanFormParser(FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return cleaned(super().parse(stream, media_type, parser_context))


class CleanMultiPartParser(MultiPartParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        return DataAndFiles(cleaned(parsed.data), parsed.files)
