"""Bản sao văn bản (ND30 Art.25–27; Appendix I Part II): sao y, sao lục and
trích sao of a document the agency issued or received, numbered in one series
shared by the three forms, restarting on 1 January."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from eoffice.core.models import NFCModel


class CopyForm(models.TextChoices):
    """Hình thức sao; the value is the copy's symbol (ND30 Appendix III)."""

    TRUE_COPY = "SY", "Bản sao y"
    COPY_OF_COPY = "SL", "Bản sao lục"
    EXTRACT = "TrS", "Bản trích sao"


# What the copy prints as its form (Appendix I Part II, II.1.a).
FORM_WORDS = {CopyForm.TRUE_COPY: "SAO Y", CopyForm.COPY_OF_COPY: "SAO LỤC", CopyForm.EXTRACT: "TRÍCH SAO"}


class CopyMedium(models.TextChoices):
    """What the copy is made into (Art.25 §1)."""

    PAPER = "paper", "Sang định dạng giấy"
    ELECTRONIC = "electronic", "Sang định dạng điện tử"


class DocumentCopy(NFCModel):
    """One copy, made from exactly one source: an issued outgoing document, a
    registered incoming document, or (a sao lục) an earlier sao y."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="copies")
    register = models.ForeignKey("registers.Register", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField("số bản sao")
    code = models.CharField("số, ký hiệu bản sao", max_length=40)
    form = models.CharField("hình thức sao", max_length=3, choices=CopyForm.choices)
    medium = models.CharField("sao sang", max_length=10, choices=CopyMedium.choices)
    outgoing = models.ForeignKey(
        "outgoing.OutgoingDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="copies_made"
    )
    incoming = models.ForeignKey(
        "incoming.IncomingDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="copies_made"
    )
    original = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="copies_made")
    pages = models.CharField("trang trích sao", max_length=60, blank=True)  # "2-3,5" for a trích sao
    places_text = models.TextField("nơi nhận", blank=True)
    amount = models.PositiveSmallIntegerField("số lượng bản", default=1)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người ký"
    )
    signer_title = models.CharField("quyền hạn, chức vụ người ký", max_length=200, blank=True)
    copied_on = models.DateField("ngày sao")
    file = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    note = models.CharField("ghi chú", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bản sao văn bản"
        verbose_name_plural = "bản sao văn bản"
        ordering = ["-copied_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="copy_number_unique"),
            models.CheckConstraint(
                condition=(
                    Q(outgoing__isnull=False, incoming__isnull=True, original__isnull=True)
                    | Q(outgoing__isnull=True, incoming__isnull=False, original__isnull=True)
                    | Q(outgoing__isnull=True, incoming__isnull=True, original__isnull=False)
                ),
                name="copy_has_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.get_form_display()}"

    @property
    def form_words(self) -> str:
        return FORM_WORDS[CopyForm(self.form)]
