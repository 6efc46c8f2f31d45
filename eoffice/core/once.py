"""A form that creates something numbered (số đến, mã hồ sơ) is taken once per page:
the page carries a one-time key, and a second POST with the same key (a double
click, a resent form) is sent to what the first one made instead of making another.

The key is claimed atomically in the cache (locmem in one process, Redis across
processes), so two POSTs arriving together cannot both proceed: the later one waits
for the first to finish and follows it."""

import re
import time
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect

FIELD = "submission_key"
PENDING = "pending"
TTL_S = 24 * 3600
WAIT_S, STEP_S = 10.0, 0.1


def new_key(request: HttpRequest) -> str:
    """The key to render in the page: the posted one again (a form shown back with
    errors stays the same submission), else a fresh one."""
    posted = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return posted if re.fullmatch(r"[0-9a-f]{32}", posted) else uuid.uuid4().hex


def _cache_key(request: HttpRequest) -> str | None:
    key = request.POST.get(FIELD, "")
    if not re.fullmatch(r"[0-9a-f]{32}", key):
        return None
    return f"once:{request.user.pk}:{key}"


def claim(request: HttpRequest) -> str | None:
    """None if this POST may go ahead (it now holds the key); otherwise the URL of what
    the first POST with this key made, once it has made it."""
    cache_key = _cache_key(request)
    if cache_key is None or cache.add(cache_key, PENDING, TTL_S):
        return None
    deadline = time.monotonic() + WAIT_S
    while (done := cache.get(cache_key)) == PENDING and time.monotonic() < deadline:
        time.sleep(STEP_S)
    return done if done and done != PENDING else None


def done(request: HttpRequest, url: str) -> None:
    """The POST holding the key made `url`: later POSTs with the key go there."""
    if (cache_key := _cache_key(request)) is not None:
        cache.set(cache_key, url, TTL_S)


def release(request: HttpRequest) -> None:
    """The POST failed (invalid input): the same page may be sent again, corrected."""
    if (cache_key := _cache_key(request)) is not None:
        cache.delete(cache_key)


def per_page(message: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Wrap a view whose successful POST redirects to what it made: a second POST of
    the same page follows the first one's redirect, with `message`. The page renders
    the key with {% submission_key %} (core.templatetags.vn)."""

    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def once_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                return view(request, *args, **kwargs)
            if earlier := claim(request):
                messages.info(request, message)
                return redirect(earlier)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                release(request)
                raise
            if isinstance(response, HttpResponseRedirect):
                done(request, response.url)
            else:
                release(request)
            return response

        return once_view

    return wrap
