"""API input and output of one-stop dossiers (/api/v1/dossiers/). The rules
are the services'; these only shape the data. Files come as multipart parts
(`papers[0]file`, `result_file`) or, in JSON, as base64 (`file_base64` with
`file_name`)."""

import base64
import binascii

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from eoffice.core.errors import ValidationFailed
from eoffice.core.workflow import StepBody
from eoffice.onestop.models import (
    ApplicantKind,
    Channel,
    Dossier,
    DossierEvent,
    DossierPaper,
    DossierStep,
    EventKind,
    RequiredPaper,
)

MAX_BASE64_CHARS = 100 * 1024 * 1024  # the upload limit is checked again on the decoded bytes


# --------------------------------------------------------------------------- output
class StoredFileOut(serializers.Serializer):
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()


class DossierPaperOut(serializers.ModelSerializer):
    file = StoredFileOut(allow_null=True)

    class Meta:
        model = DossierPaper
        fields = ["id", "required_paper", "name", "originals", "copies", "supplement", "file"]


class DossierStepOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", default=None)
    handed_by = serializers.CharField(source="handed_by.username", default=None)
    done_by = serializers.CharField(source="done_by.username", default=None)
    days = serializers.FloatField()

    class Meta:
        model = DossierStep
        fields = ["order", "name", "unit", "days", "started_at", "due_at", "finished_at", "handed_by", "done_by", "note"]


class DossierEventOut(serializers.ModelSerializer):
    event = serializers.ChoiceField(source="kind", choices=EventKind.choices)
    label = serializers.CharField(source="get_kind_display")  # type: ignore[assignment]  # a field, not Field.label
    actor = serializers.CharField(source="actor.username", default=None)

    class Meta:
        model = DossierEvent
        fields = ["id", "event", "label", "at", "actor", "note", "due_at", "data"]


@extend_schema_field({"type": "number", "nullable": True, "description": "Working days left (negative: late)"})
class DaysLeftField(serializers.Field):
    """Còn lại (negative: quá hạn) in working days, for open dossiers; else null."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, dossier):
        left = self.context.get("time_left", {}).get(dossier.pk)
        return float(left.days) if left is not None else None


class DossierOut(serializers.ModelSerializer):
    """A dossier in a list: who, what, when; no papers or history."""

    procedure = serializers.CharField(source="procedure.code")
    procedure_name = serializers.CharField(source="procedure.name")
    status_label = serializers.CharField(source="get_status_display")
    received_by = serializers.CharField(source="received_by.username", default=None)
    days_left = DaysLeftField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "procedure",
            "procedure_name",
            "status",
            "status_label",
            "channel",
            "applicant_kind",
            "applicant_name",
            "organisation_name",
            "id_number",
            "phone",
            "email",
            "address",
            "note",
            "submitted_at",
            "received_at",
            "received_by",
            "first_due_at",
            "due_at",
            "paused_at",
            "finished_at",
            "returned_at",
            "timeliness",
            "days_left",
            "overdue",
            "refusal_reason",
            "result_summary",
        ]

    def get_overdue(self, dossier) -> bool:
        left = self.context.get("time_left", {}).get(dossier.pk)
        return bool(left and left.overdue)


class DossierDetailOut(DossierOut):
    """One dossier with its steps, papers, history and the slips it has."""

    steps = DossierStepOut(many=True)
    papers = DossierPaperOut(many=True)
    events = DossierEventOut(many=True)
    result_file = StoredFileOut(allow_null=True)
    slips = serializers.SerializerMethodField()

    class Meta(DossierOut.Meta):
        fields = [*DossierOut.Meta.fields, "result_file", "steps", "papers", "events", "slips"]

    def get_slips(self, dossier) -> list[str]:
        """The slip URLs of this dossier (GET …/slips/{kind}.pdf)."""
        return self.context.get("slips", [])


# --------------------------------------------------------------------------- input
class FileInMixin(serializers.Serializer):
    """A file as a multipart part, or base64 in JSON."""

    file = serializers.FileField(required=False, allow_null=True, help_text="Tệp scan (multipart)")
    file_name = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="Tên tệp khi gửi base64")
    file_base64 = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_BASE64_CHARS, help_text="Nội dung tệp mã hóa base64 (JSON)"
    )


class PaperIn(FileInMixin):
    """Một giấy tờ nộp: a paper of the checklist (`required_paper`, its id) or a free `name`."""

    required_paper = serializers.IntegerField(required=False, allow_null=True, help_text="id thành phần hồ sơ của thủ tục")
    name = serializers.CharField(required=False, allow_blank=True, max_length=500)
    originals = serializers.IntegerField(required=False, min_value=0, max_value=999)
    copies = serializers.IntegerField(required=False, min_value=0, max_value=999)


class ApplicantIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicantKind.choices, required=False, default=ApplicantKind.PERSON)
    name = serializers.CharField(max_length=200)
    organisation_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    id_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    phone = serializers.CharField(max_length=20)
    email = serializers.CharField(required=False, allow_blank=True, default="", max_length=254)
    address = serializers.CharField(max_length=300)


class DossierIn(serializers.Serializer):
    """Tiếp nhận hồ sơ (the counter): the procedure by its code, the applicant, the papers."""

    procedure = serializers.CharField(max_length=40, help_text="Mã thủ tục, ví dụ 1.009972.000.00.00.H26")
    applicant = ApplicantIn()
    papers = PaperIn(many=True)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.COUNTER)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DossierNoteIn(StepBody):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class DossierReasonIn(StepBody):
    reason = serializers.CharField()


class SupplementRequestIn(StepBody):
    items = serializers.ListField(child=serializers.CharField(max_length=500), help_text="Giấy tờ, nội dung cần bổ sung")
    reason = serializers.CharField()


class SupplementIn(StepBody):
    papers = PaperIn(many=True)

    def validate(self, attrs: dict) -> dict:
        return {"papers": paper_items(self.record.procedure, attrs["papers"])}


class ApologyIn(StepBody):
    reason = serializers.CharField()
    new_due = serializers.DateTimeField(help_text="Ngày giờ hẹn trả mới (ISO 8601; không có múi giờ: giờ Việt Nam)")

    def validate(self, attrs: dict) -> dict:
        new_due = attrs["new_due"]
        if timezone.is_naive(new_due):
            new_due = timezone.make_aware(new_due, timezone.get_default_timezone())
        return {**attrs, "new_due": new_due}


class FinishIn(StepBody):
    result_summary = serializers.CharField(max_length=500)
    result_file = serializers.FileField(required=False, allow_null=True, help_text="Tệp kết quả (multipart)")
    result_file_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    result_file_base64 = serializers.CharField(required=False, allow_blank=True, max_length=MAX_BASE64_CHARS)

    def validate(self, attrs: dict) -> dict:
        """The result file (multipart or base64) as an upload the service stores."""
        return {"result_summary": attrs["result_summary"], "result_upload": file_upload(attrs, "result_file", "result_file")}


# --------------------------------------------------------------------------- files and papers in API bodies
def decoded_file(name: str, content: str, field: str) -> SimpleUploadedFile:
    """A base64 file as an upload, so it is checked like any other (type by content, size)."""
    if not name:
        raise ValidationFailed("Cần tên tệp (kèm phần mở rộng) khi gửi tệp base64.", fields={field: ["Thiếu tên tệp."]})
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed(
            f"Nội dung tệp “{name}” không phải base64 hợp lệ.", fields={field: ["Base64 không hợp lệ."]}
        ) from None
    return SimpleUploadedFile(name, data)


def file_upload(item: dict, prefix: str, field: str):
    """The file of an input item: a multipart part, or base64 with its name."""
    if item.get(prefix):
        return item[prefix]
    if item.get(f"{prefix}_base64"):
        return decoded_file(item.get(f"{prefix}_name", ""), item[f"{prefix}_base64"], field)
    return None


def paper_items(procedure, items: list[dict]) -> list[dict]:
    """The papers as the services take them: checklist ids resolved within the
    procedure, each scan as an upload that the service stores in its transaction."""
    ids = [item["required_paper"] for item in items if item.get("required_paper") is not None]
    listed = RequiredPaper.objects.in_bulk(ids) if ids else {}
    papers = []
    for index, item in enumerate(items):
        paper = None
        if item.get("required_paper") is not None:
            paper = listed.get(item["required_paper"])
            if paper is None or paper.procedure_id != procedure.pk:
                raise ValidationFailed(
                    f"Giấy tờ id {item['required_paper']} không thuộc thành phần hồ sơ của thủ tục {procedure.code}.",
                    fields={"papers": [f"Giấy tờ thứ {index + 1}: không thuộc thủ tục."]},
                )
        entry = {"required_paper": paper, "name": item.get("name", ""), "upload": file_upload(item, "file", "papers")}
        entry |= {key: item[key] for key in ("originals", "copies") if key in item}
        papers.append(entry)
    return papers
