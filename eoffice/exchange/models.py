from datetime import date

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from eoffice.core.choices import Confidentiality
from eoffice.core.models import NFCModel
from eoffice.organisation.models import Agency


class TransportKind(models.TextChoices):
    DIRECTORY = "directory", "Thư mục trao đổi"
    HTTP = "http", "HTTP (trục liên thông)"
    LOOPBACK = "loopback", "Nội bộ hệ thống"


class PackageState(models.TextChoices):
    RECEIVED = "received", "Chờ vào sổ"
    REGISTERED = "registered", "Đã vào sổ"
    REFUSED = "refused", "Đã từ chối"
    FAILED = "failed", "Gói tin lỗi"
    ACCEPTED = "accepted", "Đã đồng ý thu hồi"  # a recall request (business type 1) the registry accepted
    WITHDRAWN = "withdrawn", "Đã bị thu hồi"  # recalled by its sender before it was registered


# A package in one of these states stands for its document: another with the
# same sender and DocumentId (a new document, not an update) is a repeat.
STANDING_STATES = [PackageState.RECEIVED, PackageState.REGISTERED, PackageState.REFUSED, PackageState.WITHDRAWN]


class ReceivedPackage(NFCModel):
    """Gói tin văn bản điện tử đến: one received document package for one agency
    of this installation. The raw package is kept whatever its fate, so a
    refused or broken one can be inspected; `header` holds what was read from it
    (edxml.EdxmlDocument's fields, without the files) for the registration form."""

    agency = models.ForeignKey(
        "organisation.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="received_packages"
    )  # None: the package named no agency hosted here, or could not be read
    transport = models.CharField("đường nhận", max_length=12, choices=TransportKind.choices)
    reference = models.CharField("mã gói tin của đường nhận", max_length=200, blank=True)
    raw = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField("thời điểm nhận", default=timezone.now)
    sender_organ_id = models.CharField("mã định danh nơi gửi", max_length=35, blank=True)
    sender_name = models.CharField("nơi gửi", max_length=200, blank=True)
    document_id = models.CharField("DocumentId", max_length=200, blank=True)
    business_doc_type = models.PositiveSmallIntegerField("loại nghiệp vụ", default=0)
    subject = models.CharField("trích yếu", max_length=500, blank=True)
    # edXML carries no độ mật: only a loopback delivery inside the installation sets it.
    confidentiality = models.PositiveSmallIntegerField("độ mật", choices=Confidentiality.choices, default=Confidentiality.NORMAL)
    header = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    state = models.CharField("trạng thái", max_length=12, choices=PackageState.choices, default=PackageState.RECEIVED)
    problem = models.TextField("lý do", blank=True)  # why it failed, or the clerk's reason to refuse
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    # Recall (1), update (2) or replacement (3): the package of the document it is about, when we have it.
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "gói tin đến"
        verbose_name_plural = "gói tin đến"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "sender_organ_id", "document_id"],
                condition=Q(business_doc_type=0, state__in=STANDING_STATES),
                name="received_package_once",
            ),
        ]
        indexes = [models.Index(fields=["agency", "state", "-received_at"], name="received_package_queue")]

    def __str__(self):
        return f"{self.sender_name or self.sender_organ_id or '?'} — {self.subject[:60] or self.reference}"

    def header_date(self, key: str) -> date | None:
        """A date of the header (receiving writes them in ISO format); None if absent or unreadable."""
        try:
            return date.fromisoformat(self.header[key]) if self.header.get(key) else None
        except (TypeError, ValueError):
            return None


class ReceivedFile(NFCModel):
    """A file a received package carried, stored once it passed the upload checks."""

    package = models.ForeignKey(ReceivedPackage, on_delete=models.CASCADE, related_name="files")
    stored_file = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("tên tệp", max_length=255)
    description = models.CharField("mô tả", max_length=500, blank=True)

    class Meta:
        verbose_name = "tệp của gói tin"
        verbose_name_plural = "tệp của gói tin"
        ordering = ["id"]

    def __str__(self):
        return self.filename


class SendState(models.TextChoices):
    QUEUED = "queued", "Chờ gửi"
    RETRYING = "retrying", "Gửi lỗi, đang gửi lại"
    SENT = "sent", "Đã gửi"
    DEAD = "dead", "Không gửi được"


class DispatchKind(models.TextChoices):
    DOCUMENT = "document", "Văn bản"
    STATUS = "status", "Trạng thái"


class Dispatch(models.Model):
    """Gói tin gửi đi: one package handed to the transport (exchange.sending),
    retried with growing delays while it fails, and a dead letter when the
    receiver refuses it for good or the attempts run out, until an
    administrator or the registry sends it again."""

    kind = models.CharField("loại gói tin", max_length=8, choices=DispatchKind.choices)
    message_id = models.CharField("mã gói tin", max_length=64, unique=True)
    recipient_organ_id = models.CharField("mã định danh nơi nhận", max_length=35)
    envelope = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    # A confidential document travels only by loopback, to an agency of this installation.
    confidentiality = models.PositiveSmallIntegerField("độ mật", choices=Confidentiality.choices, default=Confidentiality.NORMAL)
    state = models.CharField("tình trạng gửi", max_length=8, choices=SendState.choices, default=SendState.QUEUED)
    attempts = models.PositiveSmallIntegerField("số lần đã gửi", default=0)
    last_error = models.CharField("lỗi lần gửi gần nhất", max_length=500, blank=True)
    # When the next attempt is due; while one runs, the end of its lease (a worker
    # killed mid-send leaves it due again once the lease runs out).
    next_attempt_at = models.DateTimeField("lần gửi tiếp theo", default=timezone.now)
    reference = models.CharField("mã của đường gửi", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc tạo", default=timezone.now)
    sent_at = models.DateTimeField("lúc gửi", null=True, blank=True)

    class Meta:
        verbose_name = "gói tin gửi đi"
        verbose_name_plural = "gói tin gửi đi"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="dispatch_due")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.message_id} → {self.recipient_organ_id}"


class SentStatus(models.Model):
    """Gói tin trạng thái we send back about a received package: 01 on arrival,
    02 refused, 03 registered, 04 waiting for assignment, 05 being handled, 06 done.
    Each code once per package; its Dispatch keeps the package as it was sent."""

    package = models.ForeignKey(ReceivedPackage, on_delete=models.CASCADE, related_name="statuses")
    code = models.CharField("mã trạng thái", max_length=2)
    description = models.CharField("mô tả", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc tạo", default=timezone.now)
    dispatch = models.OneToOneField(Dispatch, on_delete=models.PROTECT, related_name="sent_status")

    class Meta:
        verbose_name = "trạng thái đã gửi"
        verbose_name_plural = "trạng thái đã gửi"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["package", "code"], name="sent_status_once")]

    def __str__(self):
        return f"{self.code} — {self.package}"


class ReceivedStatus(NFCModel):
    """Gói tin trạng thái received: what another agency did with a document we
    sent (matched by the apps that sent it, see exchange.signals), kept whole."""

    raw = models.ForeignKey("attachments.StoredFile", on_delete=models.PROTECT, related_name="+")
    transport = models.CharField("đường nhận", max_length=12, choices=TransportKind.choices)
    reference = models.CharField("mã gói tin của đường nhận", max_length=200, blank=True)
    received_at = models.DateTimeField("thời điểm nhận", default=timezone.now)
    sender_organ_id = models.CharField("mã định danh cơ quan phản hồi", max_length=35, blank=True)
    sender_name = models.CharField("cơ quan phản hồi", max_length=200, blank=True)
    document_id = models.CharField("DocumentId của văn bản", max_length=200, blank=True)
    code = models.CharField("mã trạng thái", max_length=2, blank=True)
    description = models.CharField("mô tả", max_length=500, blank=True)
    status_at = models.DateTimeField("thời điểm trạng thái", null=True, blank=True)
    staff = models.CharField("người xử lý", max_length=200, blank=True)
    matched = models.BooleanField("khớp văn bản đã gửi", default=False)
    problem = models.TextField("lý do", blank=True)  # unreadable, or no document of ours matches

    class Meta:
        verbose_name = "gói tin trạng thái đến"
        verbose_name_plural = "gói tin trạng thái đến"
        ordering = ["-received_at", "-id"]

    def __str__(self):
        return f"{self.code} {self.sender_name or self.sender_organ_id} — {self.document_id}"


class Peer(NFCModel):
    """Bên liên thông: another installation, or the province's platform (LGSP),
    that we exchange packages with over the `http` transport. We post packages
    for the agencies it routes to its URL with `send_token`; it posts to ours
    with a token of its own, of which only the SHA-256 is kept."""

    name = models.CharField("tên", max_length=200, unique=True)
    url = models.URLField("địa chỉ nhận gói tin", max_length=500, blank=True)
    # The OrganIds (mã định danh) this peer takes packages for, one per line;
    # "*" stands for any characters: "*.H31" is every agency of the province
    # (the id ends with its code), "*" alone everything not routed elsewhere.
    routes = models.TextField("mã định danh nhận qua bên này", blank=True)
    send_token = models.CharField("mã truy cập khi gửi sang", max_length=200, blank=True)
    receive_token_sha256 = models.CharField("SHA-256 mã truy cập khi bên này gửi đến", max_length=64, blank=True)
    receive_token_hint = models.CharField("4 ký tự cuối mã truy cập", max_length=4, blank=True)
    active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "bên liên thông"
        verbose_name_plural = "bên liên thông"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["receive_token_sha256"], condition=~Q(receive_token_sha256=""), name="peer_token_unique"
            )
        ]

    def __str__(self):
        return self.name


class DirectoryAgency(Agency):
    """The agencies seen as the exchange's directory (danh bạ cơ quan liên
    thông): the same rows as organisation.Agency, with the exchange's admin."""

    class Meta:
        proxy = True
        verbose_name = "cơ quan trong danh bạ liên thông"
        verbose_name_plural = "danh bạ cơ quan liên thông"
