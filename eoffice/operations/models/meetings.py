"""Meetings (cuộc họp) held on a schedule entry: the invitees and their replies,
the papers shared with them, the conclusions turned into tasks, and the
documents of the meeting (Giấy mời, Thông báo kết luận through the outgoing
module; the signed minutes as a file)."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from eoffice.core.models import NFCModel


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Chuẩn bị họp"
    HELD = "held", "Đã họp"
    CONCLUDED = "concluded", "Đã có thông báo kết luận"
    CANCELLED = "cancelled", "Đã hủy"


class Reply(models.TextChoices):
    PENDING = "pending", "Chưa trả lời"
    ATTEND = "attend", "Tham dự"
    DEPUTY = "deputy", "Cử người dự thay"
    ABSENT = "absent", "Vắng mặt"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, actor, *, organiser: bool) -> "MeetingQuerySet":
        """The one read rule (the papers' too): the organiser side (`organiser`:
        the schedule's drafting unit, the agency's leaders) sees the agency's
        meetings; anyone else those they chair or are invited to — by name, through
        a unit they belong to, or as the deputy named in a reply."""
        mine = self.filter(agency=actor.agency)
        if organiser:
            return mine
        acting, units = actor.acting_user_ids, actor.unit_ids
        invited = Q(chair_id__in=acting) | Q(invitations__person_id__in=acting)
        invited |= Q(invitations__unit_id__in=units) | Q(invitations__deputy_id__in=acting)
        return self.filter(pk__in=mine.filter(invited).values("pk"))


class Meeting(NFCModel):
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+")
    entry = models.OneToOneField("operations.ScheduleEntry", on_delete=models.PROTECT, related_name="meeting")
    title = models.CharField("tên cuộc họp", max_length=300)
    content = models.TextField("nội dung", blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="chủ trì")
    online_link = models.URLField("địa chỉ họp trực tuyến", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    cancel_reason = models.TextField("lý do hủy", blank=True)
    invitation = models.ForeignKey(
        "outgoing.OutgoingDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="giấy mời"
    )
    notice = models.ForeignKey(
        "outgoing.OutgoingDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="thông báo kết luận",
    )  # fmt: skip
    minutes_file = models.ForeignKey("attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    minutes_filename = models.CharField("biên bản", max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "cuộc họp"
        verbose_name_plural = "cuộc họp"
        ordering = ["-entry__date", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def starts_at(self) -> datetime:
        """When the meeting starts: the entry's day and start (of its half-day if no time is given)."""
        return timezone.make_aware(datetime.combine(self.entry.date, self.entry.starts))

    @property
    def place(self) -> str:
        """The room and/or place of the entry."""
        entry = self.entry
        return ", ".join(part for part in (entry.room.name if entry.room else "", entry.place) if part)


class Invitation(NFCModel):
    """One invitee: a person, or a unit (answered by its head, who may send someone)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("organisation.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reply = models.CharField("trả lời", max_length=8, choices=Reply.choices, default=Reply.PENDING)
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người dự thay"
    )
    deputy_name = models.CharField("người dự thay (ngoài cơ quan)", max_length=200, blank=True)
    reason = models.TextField("lý do vắng", blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False),
                name="invitation_person_or_unit",
            ),
            models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique_person"),
            models.UniqueConstraint(fields=["meeting", "unit"], name="invitation_unique_unit"),
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)

    @property
    def attendee(self) -> str:
        """Who comes: the deputy when one is sent."""
        if self.reply == Reply.DEPUTY:
            return str(self.deputy or self.deputy_name)
        return str(self.person) if self.person_id else ""


class MeetingPaper(NFCModel):
    """A meeting paper (tài liệu họp), shown to the invitees only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    stored_file = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class Conclusion(NFCModel):
    """One conclusion of the chair: a task once converted (task set)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    text = models.TextField("nội dung kết luận")
    lead_unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị chủ trì")
    coordinating_units = models.ManyToManyField("organisation.Unit", blank=True, related_name="+")
    deadline = models.DateField("hạn xử lý", null=True, blank=True)
    working_days = models.PositiveSmallIntegerField("số ngày làm việc", null=True, blank=True)
    task = models.OneToOneField("operations.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="conclusion")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def deadline_text(self) -> str:
        if self.deadline:
            return f"hạn {self.deadline:%d/%m/%Y}"
        if self.working_days:
            return f"trong {self.working_days} ngày làm việc"
        return "thường xuyên"
