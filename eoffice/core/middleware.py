from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class VietnameseByDefaultMiddleware:
    """The interface is Vietnamese unless the user chose another language
    (the language cookie set by the switcher): an English-language browser
    does not switch a Vietnamese office's screens by itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
