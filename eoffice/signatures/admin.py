import base64

from django import forms
from django.contrib import admin
from django.contrib.auth.hashers import make_password
from django.utils.html import format_html

from eoffice.audit.admin import AuditedAdmin
from eoffice.core.errors import ValidationFailed
from eoffice.signatures import images
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
    image_upload = forms.FileField(
        label="Tải lên hình ảnh",
        required=False,
        help_text="PNG nền trong suốt: chữ ký màu xanh (khóa cá nhân) hoặc con dấu màu đỏ (khóa của cơ quan), tối đa 1 MB.",
    )
    remove_image = forms.BooleanField(label="Bỏ hình ảnh (ký bằng khối thông tin chữ)", required=False)

    class Meta:
        model = SigningKey
        fields = [
            *("agency", "user", "label", "backend", "active", "key_path", "cert_path", "chain_paths", "passphrase_env"),
            *("pkcs11_module", "token_label", "key_label", "cert_label", "pin_env", "image_width_mm"),
        ]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        upload = cleaned.get("image_upload")
        if upload:
            data = upload.read(images.MAX_BYTES + 1)
            kind = "signature" if cleaned.get("user") else "seal"
            try:
                images.check_image(data, kind=kind)
            except ValidationFailed as exc:
                self.add_error("image_upload", exc.message)
            else:
                cleaned["image_bytes"] = data
        return cleaned

    def save(self, commit: bool = True) -> SigningKey:
        key = super().save(commit=False)
        if self.cleaned_data.get("new_pin"):
            key.confirm_pin = make_password(self.cleaned_data["new_pin"])
        elif self.cleaned_data.get("remove_pin"):
            key.confirm_pin = ""
        if self.cleaned_data.get("image_bytes"):
            key.image = self.cleaned_data["image_bytes"]
        elif self.cleaned_data.get("remove_image"):
            key.image = None
        if commit:
            key.save()
        return key


@admin.register(SigningKey)
class SigningKeyAdmin(AuditedAdmin):
    """Key configuration is security-relevant: every change is audited. The form
    holds paths and the NAMES of environment variables, never a passphrase or PIN."""

    form = SigningKeyForm
    list_display = ["label", "agency", "holder", "backend", "needs_confirmation", "has_image", "active", "created_at"]
    list_filter = ["backend", "active", "agency"]
    search_fields = ["label", "user__username", "user__full_name", "token_label", "key_label"]
    autocomplete_fields = ["agency", "user"]
    fieldsets = [
        (None, {"fields": ["agency", "user", "label", "backend", "active"]}),
        ("Xác nhận khi ký", {"fields": ["new_pin", "remove_pin"]}),
        ("Hình ảnh chữ ký / con dấu", {"fields": ["image_preview", "image_upload", "image_width_mm", "remove_image"]}),
        ("Tệp khóa", {"fields": ["key_path", "cert_path", "chain_paths", "passphrase_env"]}),
        ("Thiết bị PKCS#11 (USB token, HSM)", {"fields": ["pkcs11_module", "token_label", "key_label", "cert_label", "pin_env"]}),
    ]
    readonly_fields = ["image_preview"]

    @admin.display(description="hình ảnh hiện tại")
    def image_preview(self, key: SigningKey) -> str:
        if not key.image:
            return "Chưa có: văn bản hiện khối thông tin chữ thay cho hình ảnh."
        data = base64.b64encode(bytes(key.image)).decode()
        return format_html('<img src="data:image/png;base64,{}" alt="hình ảnh của khóa" style="max-height:120px">', data)
