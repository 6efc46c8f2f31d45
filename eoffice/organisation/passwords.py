"""Passwords: Django's validators, with the one message Django does not say in
Vietnamese; and each person changing their own password, audited."""

from django.contrib import messages
from django.contrib.auth import password_validation
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy

from eoffice.audit.services import audit_record
from eoffice.organisation.models import User


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule, in Vietnamese."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"Mật khẩu cần ít nhất {self.min_length} ký tự."


class PasswordChange(PasswordChangeView):
    """/doi-mat-khau/: the old password, the new one twice; the session stays signed in."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = User.objects.get(pk=form.user.pk)  # the model, not the request's lazy wrapper
        audit_record(actor=user, action="auth.password_changed", obj=user, summary="Đổi mật khẩu")
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response
