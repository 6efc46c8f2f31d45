from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from eoffice.core.models import NFCModel


def var_dir() -> Path:
    """The installation's variable directory, settings.VAR_DIR (environment variable
    EOFFICE_VAR_DIR): keys, certificates and trust roots live under it."""
    return Path(settings.VAR_DIR)


def resolve_path(path: str) -> Path:
    """Paths stored on a key are relative to the variable directory unless absolute,
    so a whole installation can be moved without editing rows."""
    candidate = Path(path)
    return candidate if candidate.is_absolute() else var_dir() / candidate


class Backend(models.TextChoices):
    FILE = "file", "Tệp khóa (PEM)"
    PKCS11 = "pkcs11", "Thiết bị PKCS#11 (USB token, HSM)"


class SigningKey(NFCModel):
    """Khóa ký: where a signer's private key and certificate are found. A key with no
    user is the agency's own key (thiết bị lưu khóa bí mật của cơ quan, ND30 Art.33),
    applied by the registry at issuance. Secrets (passphrase, PIN) are never stored
    here: only the NAME of the environment variable that holds them."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signing_keys",
        verbose_name="người ký",
        help_text="Để trống: khóa của cơ quan, do văn thư dùng khi phát hành.",
    )
    label = models.CharField("tên khóa", max_length=200)
    backend = models.CharField("loại", max_length=10, choices=Backend.choices, default=Backend.FILE)
    # File backend.
    key_path = models.CharField("tệp khóa bí mật", max_length=500, blank=True)
    cert_path = models.CharField("tệp chứng thư số", max_length=500, blank=True)
    chain_paths = models.TextField("chứng thư trung gian", blank=True, help_text="Mỗi dòng một đường dẫn.")
    passphrase_env = models.CharField("biến môi trường chứa mật khẩu khóa", max_length=100, blank=True)
    # PKCS#11 backend.
    pkcs11_module = models.CharField("thư viện PKCS#11 (.so)", max_length=500, blank=True)
    token_label = models.CharField("nhãn token", max_length=100, blank=True)
    key_label = models.CharField("nhãn khóa", max_length=100, blank=True)
    cert_label = models.CharField("nhãn chứng thư", max_length=100, blank=True)
    pin_env = models.CharField("biến môi trường chứa mã PIN", max_length=100, blank=True)
    # The holder's confirmation before each signature (a key kept on the server signs
    # only when its holder types this), stored hashed like a password; empty: none.
    confirm_pin = models.CharField("mã xác nhận ký (đã mã hoá)", max_length=200, blank=True, editable=False)
    # The image the signature shows on the page: the signer's handwritten
    # signature, or the agency's seal (signatures/images.py checks it).
    image = models.BinaryField("hình ảnh chữ ký / con dấu (PNG)", blank=True, null=True, editable=False)
    image_width_mm = models.PositiveSmallIntegerField(
        "chiều rộng khi in (mm)",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(10, "Chiều rộng tối thiểu 10 mm."),
            MaxValueValidator(80, "Chiều rộng tối đa 80 mm."),
        ],
        help_text="Con dấu: đường kính thật của dấu (thường 35–42 mm). Để trống: 36 mm cho dấu, 40 mm cho chữ ký.",
    )
    active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khóa ký số"
        verbose_name_plural = "khóa ký số"
        ordering = ["agency", "label"]

    def __str__(self):
        return self.label

    @property
    @admin.display(boolean=True, description="cần mã xác nhận")
    def needs_confirmation(self) -> bool:
        return bool(self.confirm_pin)

    @property
    @admin.display(boolean=True, description="có hình ảnh")
    def has_image(self) -> bool:
        return bool(self.image)

    @property
    @admin.display(description="người giữ khóa")
    def holder(self) -> str:
        """Who holds the key: its signer, or the agency's registry for the agency's key."""
        return str(self.user) if self.user_id else f"Văn thư {self.agency}"

    @property
    def chain_path_list(self) -> list[str]:
        return [line.strip() for line in self.chain_paths.splitlines() if line.strip()]


def personal_key(user, agency) -> SigningKey | None:
    """The active personal key of `user` in `agency` (the newest if several)."""
    return SigningKey.objects.filter(agency=agency, user=user, active=True).order_by("-created_at", "-pk").first()


def agency_key(agency) -> SigningKey | None:
    """The active key of the agency itself, used by the registry at issuance."""
    return SigningKey.objects.filter(agency=agency, user__isnull=True, active=True).order_by("-created_at", "-pk").first()
