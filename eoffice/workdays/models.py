from django.conf import settings
from django.db import models

from eoffice.core.models import NFCModel


class CalendarOverride(NFCModel):
    """An administrator's correction of the package calendar for one date:
    a declared holiday or day off (is_working=False) or a make-up working day
    (is_working=True), with the document that announced it."""

    date = models.DateField("ngày", unique=True)
    is_working = models.BooleanField("là ngày làm việc")
    name = models.CharField("tên ngày", max_length=200)
    legal_basis = models.CharField("căn cứ", max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "điều chỉnh lịch làm việc"
        verbose_name_plural = "điều chỉnh lịch làm việc"
        ordering = ["date"]

    def __str__(self) -> str:
        kind = "Ngày làm việc" if self.is_working else "Ngày nghỉ"
        return f"{self.date:%d/%m/%Y} — {kind}: {self.name}"
