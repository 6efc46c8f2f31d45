"""The API's JSON parser, with caps: a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE or
nested deeper than MAX_DEPTH is refused with a 400 before anything recurses over it
(Python's decoder would otherwise raise RecursionError, a 500)."""

import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32  # the deepest body of our API is 4 levels


def depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


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
        if depth(data) > MAX_DEPTH:
            raise ParseError(f"Dữ liệu JSON lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).")
        return data


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} không phải là số JSON hợp lệ")
