"""A forgotten password: by e-mail when the installation sends e-mail
(EOFFICE_EMAIL_HOST), otherwise the page says to ask the administrator, who
sets a new one in /admin/ (audited there). The answer never says whether an
address is known; requests are counted per address and per e-mail address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import PasswordResetConfirmView, PasswordResetView
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse_lazy

from eoffice.audit.services import audit_record
from eoffice.core.text import nfc
from eoffice.organisation.lockout import client_ip
from eoffice.organisation.models import User

REQUESTS_PER_HOUR = 5


def sends_email() -> bool:
    return bool(settings.EOFFICE_EMAIL_HOST)


def _too_many(*keys: str) -> bool:
    """Count this request against each key for an hour; True once any passes the limit."""
    over = False
    for key in keys:
        cache.add(key, 0, timeout=3600)
        over = cache.incr(key) > REQUESTS_PER_HOUR or over
    return over


class PasswordReset(PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")

    def dispatch(self, request, *args, **kwargs):
        if not sends_email():
            return render(request, "registration/password_reset_form.html", {"by_admin": True})
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        email = nfc(form.cleaned_data["email"]).lower()
        if _too_many(f"reset:ip:{client_ip(self.request)}", f"reset:email:{email}"):
            form.add_error(None, "Đã gửi yêu cầu quá nhiều lần; thử lại sau một giờ.")
            return self.form_invalid(form)
        audit_record(actor=None, action="auth.password_reset_requested", summary=f"Yêu cầu đặt lại mật khẩu: {email}"[:500])
        # The link names the configured address, never the request's Host header.
        public = urlsplit(settings.EOFFICE_PUBLIC_URL)
        self.extra_email_context = {"domain": public.netloc, "protocol": public.scheme}
        return super().form_valid(form)


class PasswordResetConfirm(PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = User.objects.get(pk=form.user.pk)
        audit_record(actor=user, action="auth.password_reset", obj=user, summary="Đặt lại mật khẩu qua thư điện tử")
        return response
