"""The second step of signing in, setting up the key, and recovery codes."""

from base64 import b32encode

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.middleware import is_verified

from eoffice.core.errors import ValidationFailed
from eoffice.twofactor import services
from eoffice.twofactor.forms import CodeForm
from eoffice.twofactor.policy import requires_two_factor


def _next(request: HttpRequest) -> str:
    """Where to go after the code: a path on this site only (no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    next_url = _next(request)
    if is_verified(request.user):
        return redirect(next_url)
    if not services.enrolled(request.user):  # type: ignore[arg-type]
        return redirect(_with_next("twofactor-setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = services.verify(request.user, form.cleaned_data["code"])  # type: ignore[arg-type]
        if attempt.device is not None:
            otp_login(request, attempt.device)
            return redirect(next_url)
        if attempt.wait_seconds:
            form.add_error("code", f"Đã nhập sai nhiều lần. Thử lại sau {attempt.wait_seconds} giây.")
        else:
            form.add_error("code", "Mã không đúng hoặc đã hết hạn.")
    return render(request, "twofactor/verify.html", {"form": form, "next": next_url})


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user, next_url = request.user, _next(request)
    enrolled = services.enrolled(user)  # type: ignore[arg-type]
    if enrolled and not is_verified(user):
        return redirect(_with_next("twofactor-verify", next_url))  # a password alone never replaces the key
    if enrolled and request.method == "GET" and "moi" not in request.GET:
        return render(request, "twofactor/status.html", _status(request))
    device = services.pending_device(user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.enrol(user, device, form.cleaned_data["code"])  # type: ignore[arg-type]
        except ValidationFailed as refusal:
            form.add_error("code", refusal.message)
        else:
            otp_login(request, device)
            return render(request, "twofactor/codes.html", {"codes": codes, "next": next_url})
    return render(request, "twofactor/setup.html", _setup_context(device, form, next_url, enrolled))


def _setup_context(device, form: CodeForm, next_url: str, replacing: bool) -> dict:
    secret = b32encode(device.bin_key).decode()
    return {
        "form": form,
        "next": next_url,
        "replacing": replacing,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        # segno writes the SVG itself from the otpauth:// address: no user text in it.
        "qr": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")),  # noqa: S308
    }


def _status(request: HttpRequest) -> dict:
    return {
        "required": requires_two_factor(request.user),  # type: ignore[arg-type]
        "remaining": services.remaining_codes(request.user),  # type: ignore[arg-type]
    }


@login_required
@require_POST
def codes_renew(request: HttpRequest) -> HttpResponse:
    if not is_verified(request.user):
        return redirect(_with_next("twofactor-verify", reverse("twofactor-setup")))
    codes = services.recovery_codes_renew(request.user)  # type: ignore[arg-type]
    return render(request, "twofactor/codes.html", {"codes": codes, "next": reverse("twofactor-setup")})
