"""Văn bản đi: drafts with versions and comments, the review chain, numbering
at issuance, recipients and their delivery status."""

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

from eoffice.core.choices import Confidentiality, Priority
from eoffice.core.models import NFCModel


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    IN_REVIEW = "in_review", "Đang trình duyệt"
    RETURNED = "returned", "Bị trả lại"
    SIGNED = "signed", "Đã ký, chờ ban hành"
    ISSUED = "issued", "Đã ban hành"
    RECALLED = "recalled", "Đã thu hồi"


# Drafts under way and signed documents waiting to be issued.
OPEN_STATUSES = [Status.DRAFT, Status.IN_REVIEW, Status.RETURNED, Status.SIGNED]


class Authority(models.TextChoices):
    """Thẩm quyền ký (ND30 Art.13)."""

    NONE = "", "Ký trực tiếp"
    TM = "TM.", "TM. (thay mặt)"
    KT = "KT.", "KT. (ký thay)"
    TL = "TL.", "TL. (thừa lệnh)"
    TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"
    Q = "Q.", "Q. (quyền)"


class Circulation(models.TextChoices):
    """Chỉ dẫn phạm vi lưu hành (ND30 Appendix I, box 11)."""

    NONE = "", "Không"
    RETURN = "XEM XONG TRẢ LẠI", "Xem xong trả lại"
    INTERNAL = "LƯU HÀNH NỘI BỘ", "Lưu hành nội bộ"


class StepKind(models.TextChoices):
    """One link of the review chain (ND30 Art.10–13)."""

    CONTENT = "content", "Lãnh đạo đơn vị duyệt nội dung"
    FORMAT = "format", "Kiểm tra thể thức, kỹ thuật trình bày"
    LEADER = "leader", "Lãnh đạo văn phòng duyệt"
    SIGN = "sign", "Người có thẩm quyền ký"


DEFAULT_CHAIN = [StepKind.CONTENT, StepKind.FORMAT, StepKind.SIGN]


class SecretNumbering(models.TextChoices):
    """How secret documents are numbered so that they have their own series (ND30
    Art.15 §2) while number and symbol stay unique in the year (§1)."""

    MARKED = "marked", "Dãy số riêng; ký hiệu thêm dấu hiệu văn bản mật (01/QĐ-UBND-M)"
    SHARED = "shared", "Chung dãy số với văn bản thường; vào sổ văn bản mật riêng"


class OutgoingSettings(models.Model):
    """The agency head's choices for outgoing documents (ND30 Art.15 §1c):
    one number series for every administrative document, or one per type, and
    how secret documents are numbered."""

    agency = models.OneToOneField(
        "organisation.Agency", on_delete=models.CASCADE, related_name="outgoing_settings", verbose_name="cơ quan"
    )
    series_per_type = models.BooleanField("mỗi loại văn bản một dãy số", default=False)
    place_name = models.CharField("địa danh", max_length=100, default="Hải Phòng")
    secret_numbering = models.CharField(
        "cấp số văn bản mật", max_length=10, choices=SecretNumbering.choices, default=SecretNumbering.MARKED
    )
    secret_marker = models.CharField(
        "dấu hiệu văn bản mật trong ký hiệu",
        max_length=10,
        default="M",
        validators=[RegexValidator(r"^[A-ZĐ0-9]{1,10}$", "Chỉ gồm chữ in hoa và chữ số, không dấu cách.")],
        help_text="Thêm vào cuối ký hiệu văn bản mật khi dùng dãy số riêng, ví dụ 01/QĐ-UBND-M.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "cấu hình văn bản đi"

    def __str__(self):
        return f"Cấu hình văn bản đi — {self.agency}"


class ReviewChain(NFCModel):
    """Quy trình duyệt for an agency and a document type (blank = every type)."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.CASCADE, related_name="review_chains")
    type_name = models.CharField("loại văn bản", max_length=100, blank=True)
    steps = models.JSONField("các bước", help_text='Ví dụ: ["content", "format", "sign"]')

    class Meta:
        verbose_name = "quy trình duyệt văn bản đi"
        verbose_name_plural = "quy trình duyệt văn bản đi"
        constraints = [models.UniqueConstraint(fields=["agency", "type_name"], name="review_chain_unique")]


class OutgoingQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """The registry and leaders see the agency's documents once they are
        signed or issued, and every draft waiting for them; drafters and
        reviewers see what they took part in; confidential ones only with a grant."""
        # EXISTS rather than joins: one row per document, so no DISTINCT, and a
        # count need not sort every document of the agency.
        acted = Exists(ReviewStep.objects.filter(document=OuterRef("pk"), acted_by=actor.user))
        granted = Exists(AccessGrant.objects.filter(document=OuterRef("pk"), user=actor.user))
        mine: Any = Q(drafter=actor.user) | Q(signer_id__in=actor.acting_user_ids) | acted  # a Q, not Combinable
        mine |= Q(drafting_unit_id__in=actor.head_unit_ids) | granted
        if actor.sees_whole_agency:
            mine |= Q(status__in=[Status.SIGNED, Status.ISSUED, Status.RECALLED], confidentiality=Confidentiality.NORMAL)
        if "format_checker" in actor.roles:
            mine |= Q(status=Status.IN_REVIEW, confidentiality=Confidentiality.NORMAL)
        return self.filter(Q(agency=actor.agency) & mine)


class OutgoingDocument(NFCModel):
    """Văn bản đi, from the first draft to its issuance (ND30 Appendix VI, II.I).
    The editable fields hold the current version; every version is kept in
    DraftVersion."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="outgoing")
    drafting_unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    drafter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Not issued yet (nor recalled): kept by the database, and the condition of the
    # worklist's partial index. SQLite uses a partial index only when the query
    # repeats its condition, and a bare boolean column is a condition Django writes
    # the same way in both; a status IN list with bound values it would not match.
    is_open = models.GeneratedField(
        expression=Q(status__in=OPEN_STATUSES),  # type: ignore[arg-type]  # Django resolves a Q (the stubs say Expression)
        output_field=models.BooleanField(),
        db_persist=True,
    )
    version = models.PositiveIntegerField(default=1)

    type_name = models.CharField("loại văn bản", max_length=100)
    normative = models.BooleanField("văn bản quy phạm pháp luật", default=False)
    subject = models.CharField("trích yếu", max_length=500)
    legal_bases = models.TextField("căn cứ ban hành", blank=True, help_text="Mỗi căn cứ một dòng.")
    body = models.TextField("nội dung")
    recipients_text = models.TextField("kính gửi", blank=True, help_text="Mỗi nơi một dòng.")
    places_text = models.TextField("nơi nhận", blank=True, help_text="Mỗi nơi một dòng, không gồm dòng Lưu.")
    copies = models.PositiveSmallIntegerField("số lượng bản lưu", default=2)
    drafter_initials = models.CharField("ký hiệu người soạn thảo", max_length=20, blank=True)
    issued_amount = models.PositiveSmallIntegerField("số lượng bản phát hành", default=1)
    priority = models.PositiveSmallIntegerField("độ khẩn", choices=Priority.choices, default=Priority.NORMAL)
    confidentiality = models.PositiveSmallIntegerField("độ mật", choices=Confidentiality.choices, default=0)
    circulation = models.CharField("phạm vi lưu hành", max_length=32, choices=Circulation.choices, blank=True)
    due_date = models.DateField("hạn trả lời", null=True, blank=True)
    page_amount = models.PositiveIntegerField("số trang", null=True, blank=True)

    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người ký")
    authority = models.CharField("thẩm quyền ký", max_length=8, choices=Authority.choices, blank=True)
    on_behalf_of = models.CharField("ký thay cho", max_length=200, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=100)

    answers = models.ManyToManyField("incoming.IncomingDocument", blank=True, related_name="answered_by")
    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections")

    # Set at signing and issuance.
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_file = models.ForeignKey("attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Where the renderer put the signature boxes of the signed PDF (page, x1, y1, x2, y2).
    boxes = models.JSONField(default=dict, blank=True)
    issued_file = models.ForeignKey("attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    register = models.ForeignKey("registers.Register", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField("số", null=True, blank=True)
    code_number = models.CharField("số của văn bản", max_length=11, blank=True)
    code_notation = models.CharField("ký hiệu", max_length=30, blank=True)
    issued_date = models.DateField("ngày ban hành", null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recalled_at = models.DateTimeField(null=True, blank=True)
    recall_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OutgoingQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản đi"
        verbose_name_plural = "văn bản đi"
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"], condition=Q(number__isnull=False), name="outgoing_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "-issued_date"]),
            models.Index(fields=["agency", "status"], condition=Q(is_open=True), name="outgoing_open"),
        ]

    def __str__(self):
        return f"{self.symbol_display} — {self.subject[:60]}"

    @property
    def symbol_display(self) -> str:
        if self.code_number:
            return f"{self.code_number}/{self.code_notation}"
        return f"Dự thảo: {self.type_name}"

    @property
    def is_letter(self) -> bool:
        return self.type_name in ("Công văn", "Thư công")

    def lines(self, name: str) -> list[str]:
        return [line.strip() for line in getattr(self, name).splitlines() if line.strip()]


class DraftVersion(NFCModel):
    """One saved version of a draft (every version kept, ND30 Appendix VI III.5)."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    fields = models.JSONField()
    file = models.ForeignKey("attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="draft_version_unique")]


class Comment(NFCModel):
    """Ý kiến on a version of the draft."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="comments")
    version = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class ReviewStep(models.Model):
    """One link of the document's review chain. A step counts as approved only
    for the version it approved: a changed draft must be approved again."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=StepKind.choices)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    acted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    acted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "order"], name="review_step_unique")]


class OutgoingAttachment(NFCModel):
    """Tệp đính kèm, phụ lục of an outgoing document."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="attachments")
    stored_file = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    # The file as uploaded, when issuance replaced it with the agency-signed PDF (ND30 PL1 II.8.b).
    uploaded_file = models.ForeignKey("attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    is_appendix = models.BooleanField("phụ lục", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)


class Delivery(models.TextChoices):
    PENDING = "pending", "Chờ ban hành"
    DELIVERED = "delivered", "Đã chuyển vào hệ thống nơi nhận"
    QUEUED = "queued", "Đang chờ gửi liên thông"
    SENT = "sent", "Đã gửi liên thông"
    FAILED = "failed", "Gửi lỗi"
    RECALLED = "recalled", "Đã thu hồi"


class Recipient(NFCModel):
    """An agency the document is delivered to: inside this installation as an
    incoming document, outside it as an edXML package."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="recipients")
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Delivery.choices, default=Delivery.PENDING)
    incoming = models.ForeignKey("incoming.IncomingDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    package = models.ForeignKey("attachments.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    message_id = models.CharField(max_length=64, blank=True)
    # The sending of its latest package (issued, or the recall that followed).
    dispatch = models.ForeignKey("exchange.Dispatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["document", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "agency"], name="recipient_unique")]


class RecipientStatus(models.Model):
    """A status the recipient sent back about the document (01 đã đến … 06 đã xử lý
    xong, 15/16 on a recall): the page's timeline per recipient."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="statuses")
    code = models.CharField("mã trạng thái", max_length=2)
    description = models.CharField("mô tả", max_length=500, blank=True)
    at = models.DateTimeField("thời điểm")
    received = models.ForeignKey("exchange.ReceivedStatus", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "code", "at"], name="recipient_status_once")]

    def __str__(self):
        return f"{self.code} {self.description}"


class AccessGrant(models.Model):
    """Explicit permission to see a confidential (mật) outgoing document."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "user"], name="outgoing_grant_unique")]
