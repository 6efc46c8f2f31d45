"""Một cửa: the public catalogue of administrative procedures (thủ tục hành
chính) and the dossiers (hồ sơ) received for them, from the counter to the
returned result. Forms and statuses follow the practice of TT 01/2018/TT-VPCP
(see docs/onestop.md and docs/glossary.md); what is not confirmed there is configurable."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from eoffice.core.models import NFCModel
from eoffice.onestop.code_patterns import validate_code_pattern


# --------------------------------------------------------------------------- catalogue
class Level(models.TextChoices):
    """Cấp thực hiện."""

    CENTRAL = "central", "Cấp trung ương"
    PROVINCE = "province", "Cấp tỉnh"
    COMMUNE = "commune", "Cấp xã"


class OnlineLevel(models.TextChoices):
    """Dịch vụ công trực tuyến."""

    NONE = "none", "Không trực tuyến"
    PARTIAL = "partial", "Một phần"
    FULL = "full", "Toàn trình"


class ProcedureField(NFCModel):
    """Lĩnh vực, e.g. G03-GD10 "Giáo dục Trung học"."""

    code = models.CharField("mã lĩnh vực", max_length=30, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=200)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Procedure(NFCModel):
    """Thủ tục hành chính as published (public listing fields)."""

    agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, related_name="procedures", verbose_name="cơ quan tiếp nhận"
    )
    code = models.CharField("mã thủ tục", max_length=40, unique=True, help_text="Ví dụ 1.011442.000.00.00.H38")
    name = models.CharField("tên thủ tục", max_length=500)
    field = models.ForeignKey(ProcedureField, on_delete=models.PROTECT, related_name="procedures", verbose_name="lĩnh vực")
    level = models.CharField("cấp thực hiện", max_length=10, choices=Level.choices, default=Level.PROVINCE)
    online = models.CharField("dịch vụ công trực tuyến", max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE)
    implementing_agency = models.CharField("cơ quan thực hiện", max_length=300)
    subjects = models.CharField("đối tượng thực hiện", max_length=300, blank=True)
    channels = models.TextField("cách thức thực hiện", blank=True)
    processing_days = models.DecimalField("thời hạn giải quyết (ngày làm việc)", max_digits=6, decimal_places=1)
    result = models.TextField("kết quả thực hiện")
    conditions = models.TextField("yêu cầu, điều kiện", blank=True)
    legal_basis = models.TextField("căn cứ pháp lý", blank=True)
    announcement = models.CharField("quyết định công bố", max_length=300, blank=True)
    published = models.BooleanField("công khai", default=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["field__name", "name"]

    def __str__(self):
        return f"{self.code} {self.name}"


class ProcedureStep(NFCModel):
    """Trình tự: one step, its responsible unit and allotted working days (0.5 allowed)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("nội dung công việc", max_length=300)
    unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị thực hiện"
    )
    unit_name = models.CharField("đơn vị thực hiện (như công bố)", max_length=200, blank=True)
    days = models.DecimalField("thời gian (ngày làm việc)", max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["procedure", "order"]
        constraints = [models.UniqueConstraint(fields=["procedure", "order"], name="procedure_step_order_unique")]


class FeeKind(models.TextChoices):
    FEE = "fee", "Phí"
    CHARGE = "charge", "Lệ phí"


class ProcedureFee(NFCModel):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    kind = models.CharField("loại", max_length=10, choices=FeeKind.choices)
    description = models.CharField("nội dung", max_length=300)
    amount = models.PositiveBigIntegerField(
        "mức thu (đồng)", null=True, blank=True, help_text="Để trống nếu thu theo quy định riêng."
    )
    note = models.CharField("ghi chú (miễn, giảm)", max_length=300, blank=True)

    class Meta:
        ordering = ["procedure", "id"]


class RequiredPaper(NFCModel):
    """Thành phần hồ sơ: one paper, how many originals and copies, its form."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="papers")
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("tên giấy tờ", max_length=500)
    originals = models.PositiveSmallIntegerField("bản chính", default=1)
    copies = models.PositiveSmallIntegerField("bản sao", default=0)
    required = models.BooleanField("bắt buộc", default=True)
    form_name = models.CharField("mẫu đơn, tờ khai", max_length=200, blank=True)
    form_file = models.ForeignKey(
        "attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="tệp mẫu"
    )

    class Meta:
        ordering = ["procedure", "order"]
        constraints = [models.UniqueConstraint(fields=["procedure", "order"], name="required_paper_order_unique")]


# --------------------------------------------------------------------------- dossiers
class Status(models.TextChoices):
    SUBMITTED = "submitted", "Chờ tiếp nhận"  # sent online, not yet checked by the counter
    RECEIVED = "received", "Đã tiếp nhận"
    IN_PROCESS = "in_process", "Đang giải quyết"
    SUPPLEMENT = "supplement", "Chờ bổ sung"  # the clock stops
    REFUSED = "refused", "Từ chối giải quyết"
    RESULT_READY = "result_ready", "Chờ trả kết quả"
    RETURNED = "returned", "Đã trả kết quả"
    WITHDRAWN = "withdrawn", "Đã rút hồ sơ"


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROCESS, Status.SUPPLEMENT)  # the clock may run out


class Channel(models.TextChoices):
    COUNTER = "counter", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    POST = "post", "Dịch vụ bưu chính"


class ApplicantKind(models.TextChoices):
    PERSON = "person", "Cá nhân"
    ORGANISATION = "organisation", "Tổ chức"


class Timeliness(models.TextChoices):
    """Set when the result is ready, against the first appointment (an apology
    does not make a late dossier on time)."""

    EARLY = "early", "Trước hạn"
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Quá hạn"


class OneStopSettings(models.Model):
    """Per agency: the dossier code pattern (structure UNCONFIRMED, so configurable)."""

    agency = models.OneToOneField("organisation.Agency", on_delete=models.CASCADE, related_name="onestop_settings")
    code_pattern = models.CharField(
        "mẫu mã hồ sơ",
        max_length=100,
        default="{agency}-{yymmdd}-{seq:04d}",
        help_text="{agency} mã định danh của cơ quan, {yymmdd} ngày nhận, {seq:04d} số thứ tự trong ngày.",
    )
    place_name = models.CharField("địa danh", max_length=100, default="Hải Phòng")

    class Meta:
        verbose_name = "cấu hình một cửa"
        verbose_name_plural = "cấu hình một cửa"

    def clean(self):
        # A pattern that cannot give unique codes is refused when saved, not at the next receipt.
        try:
            validate_code_pattern(self.code_pattern)
        except ValidationError as exc:
            raise ValidationError({"code_pattern": exc.messages}) from None


class Dossier(NFCModel):
    """Hồ sơ thủ tục hành chính. Times are aware datetimes; deadlines are
    counted in working half-days (workdays.add_working_time)."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="dossiers")
    code = models.CharField("mã hồ sơ", max_length=60, unique=True)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name="thủ tục")
    channel = models.CharField("hình thức nộp", max_length=10, choices=Channel.choices, default=Channel.COUNTER)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    # Người nộp: personal data, shown to staff only, never on the public look-up.
    applicant_kind = models.CharField("người nộp là", max_length=15, choices=ApplicantKind.choices, default=ApplicantKind.PERSON)
    applicant_name = models.CharField("họ tên người nộp", max_length=200)
    organisation_name = models.CharField("tên tổ chức", max_length=300, blank=True)
    id_number = models.CharField("số định danh / CCCD", max_length=20, blank=True)
    phone = models.CharField("số điện thoại", max_length=20)
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("địa chỉ", max_length=300)
    note = models.TextField("ghi chú", blank=True)
    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)  # online / post
    received_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người tiếp nhận",
    )
    first_due_at = models.DateTimeField("ngày hẹn trả ban đầu", null=True, blank=True)
    due_at = models.DateTimeField("ngày hẹn trả", null=True, blank=True)  # moved by supplements and apologies
    paused_at = models.DateTimeField("dừng tính thời gian từ", null=True, blank=True)
    finished_at = models.DateTimeField("có kết quả lúc", null=True, blank=True)
    returned_at = models.DateTimeField("ngày trả kết quả", null=True, blank=True)
    timeliness = models.CharField("kết quả đúng hạn", max_length=10, choices=Timeliness.choices, blank=True)
    refusal_reason = models.TextField("lý do từ chối", blank=True)
    result_summary = models.CharField("kết quả giải quyết", max_length=500, blank=True)
    result_file = models.ForeignKey(
        "attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="tệp kết quả"
    )

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ thủ tục hành chính"
        ordering = ["-received_at", "-id"]
        indexes = [
            # `paused_at` too: each kind of "near or past due" is counted from the index alone (worklist.tab_count).
            models.Index(fields=["agency", "status", "due_at", "paused_at"], name="dossier_agency_status_due"),
            models.Index(fields=["agency", "received_at"], name="dossier_agency_received"),
            models.Index(fields=["procedure", "received_at"], name="dossier_procedure_received"),
        ]

    def __str__(self):
        return self.code


class DossierPaper(NFCModel):
    """A paper of the checklist as received: ticked, counted, scanned."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="papers")
    required_paper = models.ForeignKey(RequiredPaper, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField("tên giấy tờ", max_length=500)
    originals = models.PositiveSmallIntegerField("bản chính", default=0)
    copies = models.PositiveSmallIntegerField("bản sao", default=0)
    file = models.ForeignKey("attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    supplement = models.BooleanField("nộp bổ sung", default=False)

    class Meta:
        ordering = ["dossier", "id"]

    @property
    def electronic(self) -> bool:
        """Bản điện tử: sent online as a file, no paper counted."""
        return self.file_id is not None and not self.originals and not self.copies


class DossierStep(NFCModel):
    """One step of the processing as it happens (Phiếu kiểm soát quá trình
    giải quyết hồ sơ): who handed it over to whom, when, due when, the outcome."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("thứ tự")
    name = models.CharField("nội dung công việc", max_length=300)
    unit = models.ForeignKey("organisation.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    days = models.DecimalField("thời gian (ngày làm việc)", max_digits=5, decimal_places=1)
    started_at = models.DateTimeField("nhận lúc", null=True, blank=True)
    due_at = models.DateTimeField("hạn xử lý", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người giao"
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="người xử lý"
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        ordering = ["dossier", "order"]
        constraints = [models.UniqueConstraint(fields=["dossier", "order"], name="dossier_step_order_unique")]
        indexes = [
            # The steps under way by unit (none: a step outside the system's units, the
            # leaders'): "whose turn is it" reads them, not every dossier in process.
            models.Index(
                fields=["unit", "dossier"],
                name="dossierstep_under_way",
                condition=models.Q(started_at__isnull=False, finished_at__isnull=True),
            )
        ]


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "Nộp trực tuyến"
    RECEIVED = "received", "Tiếp nhận"
    HANDED_OVER = "handed_over", "Chuyển xử lý"
    SUPPLEMENT_REQUESTED = "supplement_requested", "Yêu cầu bổ sung"
    SUPPLEMENTED = "supplemented", "Nộp bổ sung"
    REFUSED = "refused", "Từ chối"
    APOLOGY = "apology", "Xin lỗi, hẹn lại"
    RESULT_READY = "result_ready", "Có kết quả"
    RETURNED = "returned", "Trả kết quả"
    WITHDRAWN = "withdrawn", "Rút hồ sơ"


class DossierEvent(NFCModel):
    """The dossier's history, and the data of its slips: a supplement request's
    items, an apology's reason and new date, a refusal's reason."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    due_at = models.DateTimeField(null=True, blank=True)  # the appointment after this event
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["dossier", "at", "id"]


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", "Rất hài lòng"
    SATISFIED = "satisfied", "Hài lòng"
    UNSATISFIED = "unsatisfied", "Không hài lòng"


class Rating(NFCModel):
    """Đánh giá mức độ hài lòng, once per returned dossier (levels UNCONFIRMED)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    level = models.CharField("mức độ hài lòng", max_length=20, choices=Satisfaction.choices)
    comment = models.TextField("góp ý", blank=True)
    at = models.DateTimeField(auto_now_add=True)
