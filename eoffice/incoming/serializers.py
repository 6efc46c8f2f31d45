from typing import Any

from rest_framework import serializers
from rest_framework.fields import empty

from eoffice.core.choices import INCOMING_TYPE_CHOICES, Confidentiality, Priority
from eoffice.core.workflow import StepBody
from eoffice.incoming.models import (
    CORRECTABLE,
    INPUT_FIELDS,
    Assignment,
    IncomingAttachment,
    IncomingDocument,
    Source,
    TraceEntry,
)
from eoffice.organisation.selectors import member_named, unit_named


class AttachmentOut(serializers.ModelSerializer):
    sha256 = serializers.CharField(source="stored_file.sha256")
    size = serializers.IntegerField(source="stored_file.size")
    content_type = serializers.CharField(source="stored_file.content_type")

    class Meta:
        model = IncomingAttachment
        fields = ["id", "filename", "sha256", "size", "content_type"]


class AssignmentOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.abbreviation", default=None)
    user = serializers.CharField(source="user.username", default=None)
    document = serializers.IntegerField(source="document_id")

    class Meta:
        model = Assignment
        fields = [
            "id",
            "document",
            "parent",
            "kind",
            "unit",
            "user",
            "deadline",
            "status",
            "is_open",
            "note",
            "proposal",
            "completed_at",
        ]


class TraceOut(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = TraceEntry
        fields = ["at", "actor", "action", "summary", "opinion"]


class DateField(serializers.DateField):
    """ISO dates, with a message that also covers impossible days (31/02)."""

    default_error_messages = {
        "invalid": "Ngày không hợp lệ: dùng dạng YYYY-MM-DD với một ngày có thật (ví dụ 2026-02-28).",
        "datetime": "Cần một ngày (YYYY-MM-DD), không phải ngày giờ.",
    }


DOCUMENT_FIELDS = [*INPUT_FIELDS, "arrival_number"]


class IncomingOut(serializers.ModelSerializer):
    register = serializers.CharField(source="register.name")

    class Meta:
        model = IncomingDocument
        fields = ["id", *DOCUMENT_FIELDS, "status", "register", "direction", "answer_reference", "created_at"]


class IncomingDetailOut(IncomingOut):
    attachments = AttachmentOut(many=True)
    assignments = AssignmentOut(many=True)
    trace = TraceOut(many=True)
    superseded_by: "serializers.PrimaryKeyRelatedField[Any]" = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(IncomingOut.Meta):
        fields = [*IncomingOut.Meta.fields, "supersedes", "superseded_by", "attachments", "assignments", "trace"]
        read_only_fields = ["supersedes"]


class IncomingIn(serializers.Serializer):
    """Input for registration; names are the ND30 Appendix VI tags in snake_case."""

    type_name = serializers.ChoiceField(choices=INCOMING_TYPE_CHOICES)
    code_number = serializers.CharField(max_length=11, required=False, allow_blank=True, default="")
    code_notation = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    issued_date = DateField()
    organ_name = serializers.CharField(max_length=200)
    organ_id = serializers.CharField(max_length=35, required=False, allow_blank=True, default="")
    subject = serializers.CharField(max_length=500)
    language = serializers.CharField(max_length=30, required=False, default="Tiếng Việt")
    page_amount = serializers.IntegerField(min_value=1, max_value=999, required=False, allow_null=True)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    arrival_date = DateField(required=False)
    signer_position = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    signer_full_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    priority = serializers.ChoiceField(choices=Priority.choices, required=False, default=0)
    confidentiality = serializers.ChoiceField(choices=Confidentiality.choices, required=False, default=0)
    to_places = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    due_date = DateField(required=False, allow_null=True)
    source = serializers.ChoiceField(choices=Source.choices, required=False, default=Source.PAPER)  # type: ignore[assignment]  # a field, not Field.source
    paper_received = serializers.BooleanField(required=False, default=False)
    confirm_duplicate = serializers.BooleanField(required=False, default=False)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class PackageRegisterIn(StepBody):
    """Vào sổ a received package. Every field of IncomingIn but files and source is
    optional: what is sent replaces what the package says."""

    def get_fields(self):
        fields = IncomingIn().get_fields()
        for name in ("files", "source"):
            fields.pop(name)
        for field in fields.values():
            field.required, field.default = False, empty
        return fields

    def validate(self, attrs):
        confirm = attrs.pop("confirm_duplicate", False)
        return {"data": attrs, "confirm_duplicate": confirm}


class CorrectIn(StepBody):
    """Cập nhật, bổ sung thông tin: any of the correctable fields (what is sent
    replaces what was registered) and the reason."""

    def get_fields(self):
        fields = {name: field for name, field in IncomingIn().get_fields().items() if name in CORRECTABLE}
        for field in fields.values():
            field.required, field.default = False, empty
        return fields | {"reason": serializers.CharField(), "confirm_duplicate": serializers.BooleanField(default=False)}

    def validate(self, attrs):
        reason, confirm = attrs.pop("reason"), attrs.pop("confirm_duplicate", False)
        return {"reason": reason, "confirm_duplicate": confirm, "data": attrs}


class SubmitIn(StepBody):
    leader = serializers.CharField(help_text="Tên đăng nhập của lãnh đạo")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        return {**attrs, "leader": member_named(self.actor.agency, attrs["leader"], "leader")}


class ReasonIn(StepBody):
    reason = serializers.CharField()


class DirectIn(StepBody):
    opinion = serializers.CharField()
    lead_unit = serializers.CharField(help_text="Viết tắt của đơn vị chủ trì")
    coordinating_units = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    inform_units = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    inform_users = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    deadline = DateField(required=False, allow_null=True)
    deadline_days = serializers.DecimalField(max_digits=5, decimal_places=1, required=False, allow_null=True)

    def validate(self, attrs):
        agency = self.actor.agency
        return {
            **attrs,
            "lead_unit": unit_named(agency, attrs["lead_unit"], "lead_unit"),
            "coordinating_units": [unit_named(agency, a, "coordinating_units") for a in attrs["coordinating_units"]],
            "inform_units": [unit_named(agency, a, "inform_units") for a in attrs["inform_units"]],
            "inform_users": [member_named(agency, u, "inform_users") for u in attrs["inform_users"]],
        }


class ReassignIn(StepBody):
    user = serializers.CharField(help_text="Tên đăng nhập của chuyên viên")
    deadline = DateField(required=False, allow_null=True)
    deadline_days = serializers.DecimalField(max_digits=5, decimal_places=1, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        return {**attrs, "user": member_named(self.actor.agency, attrs["user"], "user")}


class NoteIn(StepBody):
    note = serializers.CharField()


class CompleteIn(StepBody):
    proposal = serializers.CharField(required=False, allow_blank=True, default="")
    answer_reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class AcceptIn(StepBody):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class GrantIn(StepBody):
    user = serializers.CharField(help_text="Tên đăng nhập")
    confirm = serializers.BooleanField(default=False, help_text="true: người cấp xác nhận cho phép xem văn bản mật")

    def validate(self, attrs):
        return {**attrs, "user": member_named(self.actor.agency, attrs["user"], "user")}
