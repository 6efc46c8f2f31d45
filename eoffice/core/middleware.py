from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.utils.cache import patch_cache_control

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


class PrivatePagesNotStoredMiddleware:
    """What a signed-in person is shown (pages, files, API answers) is not kept by the
    browser's or a proxy's cache (Cache-Control: no-store, private), unless the view
    chose its own caching. Public pages and static files keep theirs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response


class ApiResponsesAsAttachmentMiddleware:
    """An API answer opened directly in a browser tab is a download, never a page
    the browser might render (ASVS 14.4.2): JSON under /api/ carries
    `Content-Disposition: attachment` unless the view named its own file."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        json = response.get("Content-Type", "").startswith("application/json")
        if request.path.startswith("/api/") and json and not response.has_header("Content-Disposition"):
            response["Content-Disposition"] = 'attachment; filename="api.json"'
        return response
