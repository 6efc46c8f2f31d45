from django.conf import settings
from django.db import models

from eoffice.core.models import NFCModel


class Notification(NFCModel):
    """One event that asks one person to act (or tells them something they must
    know), written by the module where it happened through services.notify()."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    agency = models.ForeignKey("organisation.Agency", on_delete=models.CASCADE, related_name="+")
    # A dotted event name, "<app>.<event>" (incoming.assigned, operations.task_due),
    # which the preferences and the e-mail templates key on.
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    # The record it is about, as "<app_label>.<model>" and its key: the
    # notifications app sits below the domain apps and cannot point at them.
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notif_unread"),
        ]

    def __str__(self) -> str:
        return self.title
