from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from eoffice.core.choices import INCOMING_TYPE_CHOICES, Confidentiality, Priority
from eoffice.core.models import NFCModel
from eoffice.core.text import fold


class Source(models.TextChoices):
    PAPER = "paper", "Bản giấy"
    ELECTRONIC = "electronic", "Điện tử (liên thông)"
    INTERNAL = "internal", "Nội bộ hệ thống"


class Status(models.TextChoices):
    REGISTERED = "registered", "Đã vào sổ"
    SUBMITTED = "submitted", "Đã trình"
    DIRECTED = "directed", "Đã có ý kiến chỉ đạo"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    DONE = "done", "Đã xử lý xong"
    RETURNED = "returned", "Bị trả lại"
    RECALLED = "recalled", "Đã thu hồi"


OPEN_STATUSES = [Status.REGISTERED, Status.SUBMITTED, Status.DIRECTED, Status.IN_PROGRESS, Status.RETURNED]

# The fields a registration takes: ND30 Appendix VI input tags in snake_case,
# plus where the document came from. The API shows the same fields.
INPUT_FIELDS = [
    "type_name",
    "code_number",
    "code_notation",
    "issued_date",
    "organ_name",
    "organ_id",
    "subject",
    "language",
    "page_amount",
    "description",
    "arrival_date",
    "signer_position",
    "signer_full_name",
    "priority",
    "confidentiality",
    "to_places",
    "due_date",
    "source",
    "paper_received",
]

# What the registry may correct or complete after registration (ND30 Appendix
# VI III.7.c), with the labels the trace shows: not the arrival number, the
# register or the độ mật (which decides the register).
CORRECTABLE = {
    "type_name": "Loại văn bản",
    "code_number": "Số",
    "code_notation": "Ký hiệu",
    "issued_date": "Ngày văn bản",
    "organ_name": "Cơ quan ban hành",
    "organ_id": "Mã định danh cơ quan ban hành",
    "subject": "Trích yếu",
    "signer_position": "Chức vụ người ký",
    "signer_full_name": "Người ký",
    "arrival_date": "Ngày đến",
    "priority": "Độ khẩn",
    "page_amount": "Số trang",
    "language": "Ngôn ngữ",
    "to_places": "Đơn vị hoặc người nhận",
    "due_date": "Hạn trả lời / giải quyết",
    "description": "Ghi chú",
}


class IncomingQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """Documents `actor` may see. Lists, exports and the API all use this.

        The registry and agency leaders see their agency's documents; others
        see what is assigned to them or their units; confidential documents are
        visible only through an explicit AccessGrant."""
        people = list(actor.acting_user_ids)
        granted = Exists(AccessGrant.objects.filter(document=OuterRef("pk"), user_id__in=people))
        if actor.sees_whole_agency:
            ordinary = Q(confidentiality=Confidentiality.NORMAL)
        else:
            assigned = Assignment.objects.filter(document=OuterRef("pk")).filter(
                Q(user_id__in=people) | Q(unit_id__in=list(actor.unit_ids), user__isnull=True)
            )
            ordinary = Q(confidentiality=Confidentiality.NORMAL) & Exists(assigned)  # type: ignore[assignment]  # a Q at run time; the stubs' Q.__and__ takes only a Q
        return self.filter(agency=actor.agency).filter(ordinary | granted)

    def search(self, text: str):
        """Match with or without Vietnamese diacritics."""
        for word in fold(text).split():
            self = self.filter(search_text__contains=word)
        return self


class IncomingDocument(NFCModel):
    """Văn bản đến, with the input fields of ND30 Appendix VI (tags in comments)."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="incoming_documents")
    register = models.ForeignKey("registers.Register", on_delete=models.PROTECT, related_name="incoming_documents")
    arrival_number = models.PositiveIntegerField("số đến")  # ArrivalNumber
    arrival_date = models.DateField("ngày đến")  # ArrivalDate
    type_name = models.CharField("loại văn bản", max_length=100, choices=INCOMING_TYPE_CHOICES)  # TypeName
    code_number = models.CharField("số", max_length=11, blank=True)  # CodeNumber
    code_notation = models.CharField("ký hiệu", max_length=30, blank=True)  # CodeNotation
    issued_date = models.DateField("ngày văn bản")  # IssuedDate
    organ_name = models.CharField("cơ quan ban hành", max_length=200)  # OrganName
    organ_id = models.CharField("mã định danh cơ quan ban hành", max_length=35, blank=True)  # OrganId
    subject = models.CharField("trích yếu", max_length=500)  # Subject
    language = models.CharField("ngôn ngữ", max_length=30, default="Tiếng Việt")  # Language
    page_amount = models.PositiveIntegerField("số trang", null=True, blank=True)  # PageAmount
    description = models.CharField("ghi chú", max_length=500, blank=True)  # Description
    signer_position = models.CharField("chức vụ người ký", max_length=100, blank=True)  # SignerInfo/Position
    signer_full_name = models.CharField("người ký", max_length=50, blank=True)  # SignerInfo/FullName
    priority = models.PositiveSmallIntegerField("độ khẩn", choices=Priority.choices, default=Priority.NORMAL)
    confidentiality = models.PositiveSmallIntegerField("độ mật", choices=Confidentiality.choices, default=Confidentiality.NORMAL)
    to_places = models.CharField("đơn vị hoặc người nhận", max_length=1000, blank=True)  # ToPlaces
    due_date = models.DateField("thời hạn giải quyết", null=True, blank=True)  # DueDate
    source = models.CharField("nguồn", max_length=12, choices=Source.choices, default=Source.PAPER)
    paper_received = models.BooleanField("đã nhận bản giấy", default=False)

    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.REGISTERED)
    # None: registered by the system on receipt from another agency here.
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    direction = models.TextField("ý kiến chỉ đạo", blank=True)
    directed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    directed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    answer_reference = models.CharField("văn bản trả lời", max_length=200, blank=True)
    # The edXML package it was registered from (source electronic).
    package = models.OneToOneField(
        "exchange.ReceivedPackage", null=True, blank=True, on_delete=models.PROTECT, related_name="incoming"
    )
    # The earlier version this one updates or replaces (an edXML package of business type 2 or 3).
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by", verbose_name="cập nhật, thay thế"
    )
    search_text = models.TextField(editable=False, blank=True)

    objects = IncomingQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"
        ordering = ["-arrival_date", "-arrival_number"]
        # Whom the agency names, beside its leaders, to grant reading a confidential
        # document (ND30 PL6 III.3.c): given to users or groups in the admin.
        permissions = [("grant_confidential_access", "Được cấp quyền xem văn bản mật đến")]
        constraints = [
            models.UniqueConstraint(fields=["register", "arrival_number"], name="incoming_arrival_number_unique"),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "-arrival_date"]),
            models.Index(fields=["agency", "-arrival_date", "-arrival_number"]),
            models.Index(fields=["agency", "code_number", "code_notation"]),
        ]

    def __str__(self):
        return f"Số đến {self.arrival_number} — {self.symbol_display} — {self.subject[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(
            " ".join([self.subject, self.code_number, self.code_notation, self.organ_name, self.signer_full_name])
        )
        super().save(*args, **kwargs)

    @property
    def symbol_display(self) -> str:
        if self.code_number and self.code_notation:
            return f"{self.code_number}/{self.code_notation}"
        return self.code_number or self.code_notation or "(không số)"

    @property
    def is_urgent(self) -> bool:
        return self.priority > Priority.NORMAL

    @property
    def is_confidential(self) -> bool:
        return self.confidentiality > Confidentiality.NORMAL


class IncomingAttachment(NFCModel):
    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="attachments")
    stored_file = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.filename


class AssignmentKind(models.TextChoices):
    REVIEW = "review", "Xin ý kiến chỉ đạo"
    LEAD = "lead", "Chủ trì"
    COORDINATE = "coordinate", "Phối hợp"
    INFORM = "inform", "Nhận để biết"
    # The directing leader's notice that the document was handled (no deadline).
    RESULT = "result", "Kết quả xử lý"


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", "Chờ xử lý"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    # A unit's lead task whose specialist reported completion: the unit head accepts or returns it.
    REPORTED = "reported", "Chờ lãnh đạo đơn vị chấp nhận"
    DONE = "done", "Đã xử lý"
    CANCELLED = "cancelled", "Đã hủy"


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


class Assignment(models.Model):
    """One recipient's part in handling a document: the leader asked to direct
    it, a lead/coordinating/informed unit or person, or a specialist given the
    job by the unit head (parent = the unit's assignment)."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="assignments")
    # Copied from the document (save() fills it): a person's inbox is counted
    # from its index alone, with no join to the documents (docs/benchmarks.md).
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+", editable=False, db_index=False)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField("vai trò", max_length=12, choices=AssignmentKind.choices)
    unit = models.ForeignKey("organisation.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Deadline given as N working days from `deadline_start` is recomputed when
    # the calendar changes; a deadline given as a date is kept as given.
    deadline = models.DateField("hạn xử lý", null=True, blank=True)
    deadline_days = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    deadline_start = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING)
    is_open = models.BooleanField(default=True)
    # Copied from the document so the inbox sorts urgent items first from an index.
    priority = models.PositiveSmallIntegerField(default=0)
    note = models.TextField("ý kiến giao việc", blank=True)
    proposal = models.TextField("ý kiến đề xuất", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-priority", "deadline", "id"]
        # Partial indexes serve each inbox branch in page order (see
        # selectors.MergedInbox and docs/benchmarks.md); SQLite matches the bare
        # "is_open" term Django writes only to a partial index condition.
        indexes = [
            # `kind` last: the tab counters are answered from the index alone.
            models.Index(
                fields=["user", "agency", "-priority", "deadline", "id", "kind"],
                condition=Q(is_open=True, user__isnull=False),
                name="assignment_open_user",
            ),
            models.Index(
                fields=["unit", "-priority", "deadline", "id", "kind"],
                condition=Q(is_open=True, user__isnull=True),
                name="assignment_open_unit",
            ),
            models.Index(
                fields=["user", "-completed_at", "-id"],
                condition=Q(is_open=False, user__isnull=False),
                name="assignment_done_user",
            ),
            models.Index(
                fields=["unit", "-completed_at", "-id"],
                condition=Q(is_open=False, user__isnull=True),
                name="assignment_done_unit",
            ),
            models.Index(fields=["deadline"], condition=Q(is_open=True), name="assignment_open_deadline"),
            # The leaders' on-time chart adds today's completions live (home/on_time.py): a short range.
            # `parent` first: SQLite's statistics rate "parent_id IS NULL" as a few rows (the NULLs are
            # most rows), so it would take the parent index over an index on the date alone.
            models.Index(
                fields=["parent", "completed_at"], condition=Q(completed_at__isnull=False), name="assignment_completed_at"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.user or self.unit}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None:
            self.agency_id = self.document.agency_id
        super().save(*args, **kwargs)

    @property
    def is_for_information(self) -> bool:
        """Read and marked "Đã xem", not handled: nhận để biết, or a result for the leader."""
        return self.kind in {AssignmentKind.INFORM, AssignmentKind.RESULT}

    @property
    def assignee_display(self) -> str:
        if self.user_id:
            return str(self.user)
        return str(self.unit) if self.unit_id else ""


class TraceEntry(NFCModel):
    """Processing trace (TraceHeaderList): who did what, when, with what opinion."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="trace")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)
    summary = models.CharField(max_length=500)
    opinion = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.summary}"


class AccessGrant(models.Model):
    """Explicit permission to see a confidential (mật) document."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "user"], name="access_grant_unique")]
