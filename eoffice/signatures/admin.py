from django import forms
from django.contrib import admin
from django.contrib.auth.hashers import make_password

from eoffice.audit.admin import AuditedAdmin
from eoffice.signatures.confirmation import MIN_LENGTH
from eoffice.signatures.models import SigningKey


class SigningKeyForm(forms.ModelForm):
    """The confirmation PIN is written, never shown: a new one replaces the old."""

    new_pin = forms.RegexField(
        label="Đặt mã xác nhận ký mới",
        regex=rf"^[0-9]{{{MIN_LENGTH},}}$",
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"invalid": f"Mã xác nhận ký phải gồm ít nhất {MIN_LENGTH} chữ số."},
        help_text="Người giữ khóa nhập mã này mỗi lần ký. Để trống: giữ mã hiện tại.",
    )
    remove_pin = forms.BooleanField(label="Bỏ mã xác nhận ký (ký không cần mã)", required=False)

    class Meta:
        model = SigningKey
        fields = [
            *("agency", "user", "label", "backend", "active", "key_path", "cert_path", "chain_paths", "passphrase_env"),
            *("pkcs11_module", "token_label", "key_label", "cert_label", "pin_env"),
        ]

    def save(self, commit: bool = True) -> SigningKey:
        key = super().save(commit=False)
        if self.cleaned_data.get("new_pin"):
            key.confirm_pin = make_password(self.cleaned_data["new_pin"])
        elif self.cleaned_data.get("remove_pin"):
            key.confirm_pin = ""
        if commit:
            key.save()
        return key


@admin.register(SigningKey)
class SigningKeyAdmin(AuditedAdmin):
    """Key configuration is security-relevant: every change is audited. The form
    holds paths and the NAMES of environment variables, never a passphrase or PIN."""

    form = SigningKeyForm
    list_display = ["label", "agency", "holder", "backend", "needs_confirmation", "active", "created_at"]
    list_filter = ["backend", "active", "agency"]
    search_fields = ["label", "user__username", "user__full_name", "token_label", "key_label"]
    autocomplete_fields = ["agency", "user"]
    fieldsets = [
        (None, {"fields": ["agency", "user", "label", "backend", "active"]}),
        ("Xác nhận khi ký", {"fields": ["new_pin", "remove_pin"]}),
        ("Tệp khóa", {"fields": ["key_path", "cert_path", "chain_paths", "passphrase_env"]}),
        ("Thiết bị PKCS#11 (USB token, HSM)", {"fields": ["pkcs11_module", "token_label", "key_label", "cert_label", "pin_env"]}),
    ]
