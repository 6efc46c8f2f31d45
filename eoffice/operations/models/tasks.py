"""Tasks (nhiệm vụ) a leader assigns to a unit or a person, and what follows:
progress reports, extension requests, deadline changes, the trace and the
reminders sent. Overdue and due soon are computed from the deadline on the
working-day calendar (tasking/selectors.py), never stored as a status."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from eoffice.core.models import NFCModel


class TaskSource(models.TextChoices):
    LEADER = "leader", "Lãnh đạo giao trực tiếp"
    MEETING = "meeting", "Kết luận cuộc họp"
    INCOMING = "incoming", "Chỉ đạo trên văn bản đến"
    CONCLUSION = "conclusion", "Thông báo kết luận"
    DOCUMENT = "document", "Văn bản khác"


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", "Mới giao"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    COMPLETED = "completed", "Đã hoàn thành, chờ nghiệm thu"
    ACCEPTED = "accepted", "Đã nghiệm thu"
    CANCELLED = "cancelled", "Dừng thực hiện"


OPEN_TASK_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS)
DONE_TASK_STATUSES = (TaskStatus.COMPLETED, TaskStatus.ACCEPTED)


class TaskPriority(models.TextChoices):
    NORMAL = "normal", "Thường"
    URGENT = "urgent", "Khẩn"
    FLASH = "flash", "Hỏa tốc"


class Recurrence(models.TextChoices):
    NONE = "none", "Không lặp lại"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"


class TaskQuerySet(models.QuerySet["Task"]):
    def visible_to(self, actor) -> "TaskQuerySet":
        """The one read rule: the agency's leaders and registry see its ordinary
        tasks; others those they assigned, lead, or their unit leads or joins.
        A confidential (mật) task only its assigner, its lead (the person, the
        lead unit's heads) and those granted."""
        acting = actor.acting_user_ids
        # Exists, not joins: one row per task, so no `pk IN (…)` over the agency's tasks.
        granted = Exists(TaskGrant.objects.filter(task=OuterRef("pk"), user_id__in=acting))
        own = Q(assigner_id__in=acting) | Q(created_by_id__in=acting) | Q(lead_person_id__in=acting)
        own |= Q(lead_unit_id__in=actor.head_unit_ids) | Q(granted)
        if actor.sees_whole_agency:
            ordinary = Q(confidential=False)
        else:
            joined = Task.coordinating_units.through.objects.filter(task_id=OuterRef("pk"), unit_id__in=actor.unit_ids)
            ordinary = Q(confidential=False) & (Q(lead_unit_id__in=actor.unit_ids) | Q(Exists(joined)))
        return self.filter(agency=actor.agency).filter(own | ordinary)


class Task(NFCModel):
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan")
    source_kind = models.CharField("nguồn giao", max_length=16, choices=TaskSource.choices, default=TaskSource.LEADER)
    incoming = models.ForeignKey(
        "incoming.IncomingDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="văn bản đến",
    )
    outgoing = models.ForeignKey(
        "outgoing.OutgoingDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="văn bản đi",
    )
    source_reference = models.CharField("số, ký hiệu, ngày văn bản giao", max_length=200, blank=True)
    title = models.CharField("tên nhiệm vụ", max_length=500)
    content = models.TextField("nội dung", blank=True)
    product = models.CharField("sản phẩm", max_length=300, blank=True)
    assigner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người giao")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lead_unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị chủ trì"
    )
    lead_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cá nhân chủ trì",
    )
    coordinating_units = models.ManyToManyField("organisation.Unit", blank=True, related_name="+", verbose_name="đơn vị phối hợp")
    assigned_on = models.DateField("ngày giao")
    deadline = models.DateField("hạn xử lý", null=True, blank=True)  # None: thường xuyên
    original_deadline = models.DateField("hạn ban đầu", null=True, blank=True)
    priority = models.CharField("độ khẩn", max_length=8, choices=TaskPriority.choices, default=TaskPriority.NORMAL)
    confidential = models.BooleanField("mật", default=False)
    recurrence = models.CharField("lặp lại", max_length=10, choices=Recurrence.choices, default=Recurrence.NONE)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_occurrence")
    status = models.CharField("trạng thái", max_length=12, choices=TaskStatus.choices, default=TaskStatus.ASSIGNED)
    # The lists' order: open, then completed (waiting for acceptance), accepted,
    # cancelled; in each, the tasks with a deadline before the ongoing ones. Kept
    # by the database so the order has an index: the status text would sort
    # "accepted" first, and SQLite sorts a missing deadline first.
    list_rank = models.GeneratedField(
        expression=models.Case(
            *(
                models.When(status__in=statuses, deadline__isnull=ongoing, then=models.Value(2 * group + ongoing))
                for group, statuses in enumerate(
                    [OPEN_TASK_STATUSES, [TaskStatus.COMPLETED], [TaskStatus.ACCEPTED], [TaskStatus.CANCELLED]]
                )
                for ongoing in (False, True)
            ),
            default=models.Value(8),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    result_note = models.TextField("kết quả", blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["-assigned_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "deadline"], name="task_agency_status_deadline"),
            models.Index(fields=["agency", "list_rank", "deadline"], name="task_agency_list_order"),
            models.Index(fields=["agency", "assigned_on"], name="task_agency_assigned_on"),
            models.Index(fields=["lead_unit", "status"], name="task_lead_unit_status"),
            models.Index(fields=["assigner", "status"], name="task_assigner_status"),  # what waits for the assigner
            # Overdue per unit (the leaders' home page, the reminders): the open tasks only, unit included.
            models.Index(
                fields=["agency", "deadline", "lead_unit"], condition=Q(status__in=OPEN_TASK_STATUSES), name="task_open_deadline"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(lead_unit__isnull=False) | Q(lead_person__isnull=False), name="task_has_lead"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_percent"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TASK_STATUSES

    @property
    def late_completion(self) -> bool | None:
        """Completed after the deadline (None while not completed, or without one)."""
        if self.completed_on is None or self.deadline is None:
            return None
        return self.completed_on > self.deadline


class TaskGrant(models.Model):
    """Permission to see a confidential task besides its assigner and lead."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "user"], name="task_grant_unique")]


class ProgressReport(NFCModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    percent = models.PositiveSmallIntegerField("tiến độ (%)")
    note = models.TextField("nội dung báo cáo")
    final = models.BooleanField(default=False)  # the completion report, with the evidence
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class TaskFile(NFCModel):
    """A file of a progress report or of the completion's evidence."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="files")
    stored_file = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.filename


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "Chờ quyết định"
    GRANTED = "granted", "Đồng ý gia hạn"
    REFUSED = "refused", "Không đồng ý"


class ExtensionRequest(NFCModel):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_deadline = models.DateField("hạn đề nghị")
    reason = models.TextField("lý do")
    status = models.CharField(max_length=8, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    granted_deadline = models.DateField("hạn được gia hạn", null=True, blank=True)
    decision_note = models.TextField("ý kiến", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["task"], condition=Q(status="pending"), name="extension_one_pending_per_task")
        ]


class TaskDeadlineChange(NFCModel):
    """Every change of a task's deadline, the first one kept on the task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="deadline_changes")
    old_deadline = models.DateField(null=True)
    new_deadline = models.DateField(null=True)
    reason = models.TextField(blank=True)
    extension = models.ForeignKey(ExtensionRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class TaskTrace(NFCModel):
    """The task's history: who did what, when, with what note."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="trace")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)
    summary = models.CharField(max_length=500)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.summary}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn"


class TaskReminder(models.Model):
    """A reminder sent for a task's deadline: one per task, kind and deadline,
    so that a retried or repeated job sends nothing twice (an extended
    deadline may be reminded of again)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind", "deadline"], name="task_reminder_once")]
