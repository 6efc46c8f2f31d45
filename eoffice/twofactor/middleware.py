"""Until a person who must use two-factor sign-in (or has turned it on) has
typed a code in this session, every page leads to the code (or to setting up the key), and the API
answers 403. Runs after django-otp's OTPMiddleware, which marks the session's
user verified once a code was accepted."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.middleware import is_verified

from eoffice.twofactor.policy import requires_two_factor
from eoffice.twofactor.services import enrolled

# Reachable before the second factor: signing in and out, the code and set-up
# pages themselves, language switching, static files and health checks.
OPEN_PREFIXES = ("/dang-nhap/", "/dang-xuat/", "/xac-thuc-hai-lop/", "/i18n/", "/static/", "/healthz", "/readyz")


class RequireTwoFactor:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not is_verified(user)
            and not request.path.startswith(OPEN_PREFIXES)
            and (requires_two_factor(user) or enrolled(user))
        ):
            return self._second_factor(request)
        return self.get_response(request)

    def _second_factor(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            message = "Tài khoản này cần xác thực hai lớp: đăng nhập lại trên trang và nhập mã xác thực."
            body = {"error": {"code": "two_factor_required", "message": message, "fields": {}}}  # the API's error shape
            return JsonResponse(body, status=403)
        target = "twofactor-verify" if enrolled(request.user) else "twofactor-setup"  # type: ignore[arg-type]
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
