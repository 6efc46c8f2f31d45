from django.db import models

from eoffice.core.models import NFCModel


class RegisterKind(models.TextChoices):
    INCOMING = "incoming", "Sổ đăng ký văn bản đến"
    INCOMING_SECRET = "incoming_secret", "Sổ đăng ký văn bản đến mật"
    OUTGOING = "outgoing", "Sổ đăng ký văn bản đi"
    OUTGOING_SECRET = "outgoing_secret", "Sổ đăng ký văn bản đi mật"
    COPY = "copy", "Sổ đăng ký bản sao văn bản"  # one series for sao y, sao lục, trích sao (ND30 PL1 Part II)
    DOSSIER = "dossier", "Sổ theo dõi hồ sơ"  # one series per day: the dossier code's sequence


class Register(NFCModel):
    """Sổ văn bản of one agency, kind and year. `last_number` is the counter
    from which numbers are handed out, under a row lock (see services)."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="registers")
    kind = models.CharField("loại sổ", max_length=32, choices=RegisterKind.choices)
    year = models.PositiveIntegerField("năm")
    name = models.CharField("tên sổ", max_length=200)
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)
    # Dãy số: "" is the agency's one series; an agency may keep one per
    # document type, and legal normative documents always have their own.
    series = models.CharField("dãy số", max_length=32, blank=True, default="")

    class Meta:
        verbose_name = "sổ văn bản"
        verbose_name_plural = "sổ văn bản"
        ordering = ["agency", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year", "series"], name="register_unique_per_year_series"),
        ]

    def __str__(self) -> str:
        return f"{self.name} năm {self.year}"
