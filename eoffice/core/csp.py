"""Django's admin (5.2) still sets a few inline styles from its own scripts
(the user page's inlines): there, and only there, styles may be inline.
Scripts stay 'self' everywhere. Listed after csp.middleware.CSPMiddleware, so
its answer is marked before django-csp writes the header."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

ADMIN_PREFIX = "/admin/"


class AdminInlineStyles:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}  # type: ignore[attr-defined]
        return response
