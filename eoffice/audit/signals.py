"""Sign-ins and failed sign-ins go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from eoffice.audit.services import audit_record
from eoffice.core.text import nfc


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    audit_record(actor=user, action="auth.login", obj=user, summary=f"Đăng nhập: {user.username}")


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = nfc(str(credentials.get("username", "")))[:150]
    audit_record(actor=None, action="auth.login_failed", summary=f"Đăng nhập thất bại: {username}")
