from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, HttpResponseBase, QueryDict

from eoffice.core.text import clean


class VietnameseByDefaultMiddleware:
    """The interface is Vietnamese unless the user chose another language
    (the language cookie set by the switcher): an English-language browser
    does not switch a Vietnamese office's screens by itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


def cleaned(query: QueryDict) -> QueryDict:
    """A copy of `query` with every value through core.text.clean (lines kept: the
    model decides which fields are one line)."""
    result = query.copy()
    for key, values in query.lists():
        result.setlist(key, [clean(value) for value in values])
    result._mutable = False
    return result


class CleanInputMiddleware:
    """Text enters through one normaliser (NFC, no control characters pasted from
    Word) before any form or view reads it: the query string now, the form body when
    a view first reads it (so views may still add upload handlers). The API's
    parsers (core.parsers) clean what they parse the same way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.GET = cast(Any, cleaned(request.GET))
        load = request._load_post_and_files

        def load_cleaned() -> None:
            load()
            request._post = cleaned(request._post)  # type: ignore[attr-defined]

        setattr(request, "_load_post_and_files", load_cleaned)  # this request only  # noqa: B010
        return self.get_response(request)
