"""The leaders' weekly schedule (lịch công tác tuần), its entries, the meeting
rooms they hold, the change log and the calendar feeds' secret tokens."""

from datetime import date, time, timedelta

from django.conf import settings
from django.db import models

from eoffice.core.models import NFCModel

# The half-days an entry without a clock time takes (sáng, chiều): what the
# conflict check and the calendar feed read as its start and end.
SLOT_HOURS = {"morning": (time(7, 30), time(11, 30)), "afternoon": (time(13, 30), time(17, 0))}
NOON = time(12, 0)


class WeekStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    PUBLISHED = "published", "Đã phát hành"


class Slot(models.TextChoices):
    MORNING = "morning", "Sáng"
    AFTERNOON = "afternoon", "Chiều"


class Visibility(models.TextChoices):
    INTERNAL = "internal", "Nội bộ"
    PUBLIC = "public", "Công khai"


class Room(NFCModel):
    """A meeting room (phòng họp, hội trường); its bookings are the entries holding it."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField("tên phòng", max_length=200)
    capacity = models.PositiveIntegerField("sức chứa (người)", default=0)
    keeper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="người quản lý phòng",
    )  # fmt: skip
    active = models.BooleanField("đang sử dụng", default=True)

    class Meta:
        verbose_name = "phòng họp"
        verbose_name_plural = "phòng họp"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="room_unique_name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WeekSchedule(NFCModel):
    """One agency's schedule for one ISO week: drafted, approved, published."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="week_schedules")
    year = models.PositiveSmallIntegerField("năm (ISO)")
    week = models.PositiveSmallIntegerField("tuần (ISO)")
    status = models.CharField("trạng thái", max_length=12, choices=WeekStatus.choices, default=WeekStatus.DRAFT)
    # 1 when published; each change after publication makes the next version.
    version = models.PositiveIntegerField("phiên bản", default=0)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True)

    class Meta:
        verbose_name = "lịch công tác tuần"
        verbose_name_plural = "lịch công tác tuần"
        constraints = [models.UniqueConstraint(fields=["agency", "year", "week"], name="week_schedule_unique_week")]

    def __str__(self) -> str:
        return f"Tuần {self.week}/{self.year}"

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def is_published(self) -> bool:
        return self.status == WeekStatus.PUBLISHED


class ScheduleEntry(NFCModel):
    """One item of the week (sự kiện): when, who chairs, what, where, who attends."""

    week = models.ForeignKey(WeekSchedule, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField("ngày")
    slot = models.CharField("buổi", max_length=10, choices=Slot.choices)
    start_time = models.TimeField("giờ bắt đầu", null=True, blank=True)
    end_time = models.TimeField("giờ kết thúc", null=True, blank=True)
    leaders = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="chaired_entries")
    content = models.TextField("nội dung")
    place = models.CharField("địa điểm", max_length=300, blank=True)
    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings")
    participants = models.TextField("thành phần", blank=True)
    participant_people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="schedule_invitations")
    participant_units = models.ManyToManyField("organisation.Unit", blank=True, related_name="schedule_invitations")
    preparing_unit = models.CharField("đơn vị chuẩn bị", max_length=300, blank=True)
    accompanying = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="accompanied_entries")
    note = models.TextField("ghi chú", blank=True)
    visibility = models.CharField("phạm vi", max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL)
    changed = models.BooleanField("điều chỉnh sau khi phát hành", default=False)
    cancelled = models.BooleanField("đã hủy", default=False)
    sequence = models.PositiveIntegerField(default=0)  # the calendar feed's SEQUENCE: +1 per published change
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mục lịch công tác"
        verbose_name_plural = "mục lịch công tác"
        indexes = [models.Index(fields=["week", "date"]), models.Index(fields=["room", "date"])]
        ordering = ["date", "slot", "start_time", "pk"]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def starts(self) -> time:
        return self.start_time or SLOT_HOURS[self.slot][0]

    @property
    def ends(self) -> time:
        """The end given, else the end of its half-day (of the day for a late start)."""
        if self.end_time:
            return self.end_time
        slot_end = SLOT_HOURS[self.slot][1]
        return slot_end if self.starts < slot_end else time(23, 59)


class EntryChange(NFCModel):
    """The change log of an entry: what changed, when, by whom, and the notice
    announced when the week was already published."""

    class Kind(models.TextChoices):
        CREATED = "created", "Thêm mới"
        UPDATED = "updated", "Điều chỉnh"
        CANCELLED = "cancelled", "Hủy"

    entry = models.ForeignKey(ScheduleEntry, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField("nội dung thay đổi", blank=True)
    notice = models.TextField("thông báo điều chỉnh", blank=True)
    after_publication = models.BooleanField(default=False)

    class Meta:
        verbose_name = "thay đổi lịch"
        verbose_name_plural = "thay đổi lịch"
        ordering = ["at", "pk"]


class CalendarFeed(NFCModel):
    """A secret address of an iCalendar feed: the person's own entries or the
    whole agency's. Only the SHA-256 of the token is stored."""

    class Scope(models.TextChoices):
        PERSONAL = "personal", "Lịch của tôi"
        AGENCY = "agency", "Lịch của cơ quan"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    agency = models.ForeignKey("organisation.Agency", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lịch iCalendar"
        verbose_name_plural = "lịch iCalendar"
