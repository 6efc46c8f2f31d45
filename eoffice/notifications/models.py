from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eoffice.core.models import NFCModel
from eoffice.notifications.kinds import group_of


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
            # The digest job reads only what is unread and not yet e-mailed.
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(emailed_at__isnull=True, read_at__isnull=True),
                name="notif_unsent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def group(self) -> str:
        return group_of(self.kind)


class Channel(models.TextChoices):
    """How a person wants a group of notifications by e-mail; the bell shows
    every notification whatever they choose."""

    IMMEDIATE = "immediate", _("Gửi thư ngay")
    DIGEST = "digest", _("Gộp vào thư tổng hợp hằng ngày")
    NONE = "none", _("Không gửi thư")


class Preference(models.Model):
    """A person's choice for one group of kinds (the part of `kind` before the
    dot). No row: the default, the daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences")
    group = models.CharField(max_length=30)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.DIGEST)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="notif_pref_once")]


class DigestRun(models.Model):
    """The daily digest one person got on one day: claimed in the transaction
    that marks its notifications e-mailed, so that a retried job skips them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]
