"""Login throttling with django-axes (settings AXES_*): the client address as the
audit log sees it, the Vietnamese answer to a locked-out login, and the audit row."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError

from eoffice.audit.middleware import client_address
from eoffice.audit.services import audit_record

LOCKED = 429


def client_ip(request: HttpRequest) -> str:
    """The address behind our trusted proxies (EOFFICE_TRUSTED_PROXIES), as audited."""
    return client_address(request.META) or ""


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"Đăng nhập sai quá {settings.AXES_FAILURE_LIMIT} lần: tài khoản hoặc địa chỉ này tạm bị khóa đăng nhập "
        f"{minutes} phút. Liên hệ quản trị hệ thống nếu cần mở khóa sớm."
    )


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page again with the reason, or the API's error shape; 429."""
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "locked", "message": message, "fields": {}}}, status=LOCKED)
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
    return render(request, "registration/login.html", {"form": form, "locked_message": message}, status=LOCKED)


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    audit_record(
        actor=None,
        action="auth.locked_out",
        summary=f"Tạm khóa đăng nhập: {username or '(không tên)'} từ {ip_address or '?'}",
        data={"username": username or "", "ip_address": ip_address or ""},
    )


class ThrottledObtainAuthToken(ObtainAuthToken):
    """POST /api/v1/auth/token/ under the same lock as the login page: DRF hands
    axes its own request object, so the lock is read back from it here."""

    def post(self, request, *args, **kwargs):
        try:
            return self.issue(request)
        except ValidationError:
            if getattr(request, "axes_locked_out", False):
                return locked_out(request._request, credentials={"username": request.data.get("username", "")})
            raise

    def issue(self, request):
        """Check the credentials and answer with a key (what subclasses change)."""
        return super().post(request)
