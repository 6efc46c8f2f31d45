from django.contrib import admin

from eoffice.audit.admin import AuditedAdmin
from eoffice.signatures.models import SigningKey


@admin.register(SigningKey)
class SigningKeyAdmin(AuditedAdmin):
    """Key configuration is security-relevant: every change is audited. The form
    holds paths and the NAMES of environment variables, never a passphrase or PIN."""

    list_display = ["label", "agency", "user", "backend", "active", "created_at"]
    list_filter = ["backend", "active", "agency"]
    search_fields = ["label", "user__username", "user__full_name", "token_label", "key_label"]
    autocomplete_fields = ["agency", "user"]
    fieldsets = [
        (None, {"fields": ["agency", "user", "label", "backend", "active"]}),
        ("Tệp khóa", {"fields": ["key_path", "cert_path", "chain_paths", "passphrase_env"]}),
        ("Thiết bị PKCS#11 (USB token, HSM)", {"fields": ["pkcs11_module", "token_label", "key_label", "cert_label", "pin_env"]}),
    ]
