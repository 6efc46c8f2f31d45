from typing import Any

from rest_framework import serializers

from eoffice.core.choices import Confidentiality, Priority
from eoffice.core.workflow import StepBody
from eoffice.incoming import serializers as incoming_serializers
from eoffice.incoming.serializers import DateField
from eoffice.outgoing import chain
from eoffice.outgoing.models import (
    Authority,
    Circulation,
    Comment,
    DraftVersion,
    OutgoingAttachment,
    OutgoingDocument,
    Recipient,
    ReviewStep,
)
from eoffice.outgoing.validation import TYPE_NAMES


class DraftIn(serializers.Serializer):
    """A draft's fields (ND30 Appendix VI II.I tags in snake_case where one exists)."""

    type_name = serializers.ChoiceField(choices=TYPE_NAMES)
    normative = serializers.BooleanField(required=False, default=False)
    subject = serializers.CharField(max_length=500)
    legal_bases = serializers.CharField(required=False, allow_blank=True, default="")
    body = serializers.CharField()
    recipients_text = serializers.CharField(required=False, allow_blank=True, default="")
    places_text = serializers.CharField(required=False, allow_blank=True, default="")
    copies = serializers.IntegerField(required=False, min_value=1, max_value=99, default=2)
    drafter_initials = serializers.CharField(required=False, allow_blank=True, max_length=20, default="")
    issued_amount = serializers.IntegerField(required=False, min_value=1, max_value=999, default=1)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False, default=0)
    confidentiality = serializers.ChoiceField(choices=Confidentiality.choices, required=False, default=0)
    circulation = serializers.ChoiceField(choices=Circulation.choices, required=False, default="")
    due_date = DateField(required=False, allow_null=True, default=None)
    authority = serializers.ChoiceField(choices=Authority.choices, required=False, default="")
    on_behalf_of = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    signer_position = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text="Để trống: chức vụ của người ký trong cơ quan"
    )
    signer = serializers.CharField(help_text="Tên đăng nhập của người ký")
    recipients = serializers.ListField(child=serializers.CharField(), required=False, help_text="Mã định danh hoặc tên viết tắt")
    answers = serializers.ListField(child=serializers.IntegerField(), required=False, help_text="id văn bản đến được trả lời")


class DraftUpdateIn(DraftIn):
    """A new version of the draft; its files change in the same transaction,
    as on the edit page."""

    NOT_DRAFT_FIELDS = ("note", "files", "files_appendix", "remove_attachments", "appendix_attachments")

    note = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, help_text="Tệp tải lên (multipart)")
    files_appendix = serializers.BooleanField(required=False, help_text="Các tệp tải lên là phụ lục")
    remove_attachments = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="id các tệp bỏ khỏi dự thảo"
    )
    appendix_attachments = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="id các tệp là phụ lục sau khi sửa (không gửi: giữ nguyên)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class CommentIn(StepBody):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class RecallIn(StepBody):
    reason = serializers.CharField()


class ResendIn(StepBody):
    recipient = serializers.IntegerField(help_text="id của nơi nhận (recipients[].id)")


class StepOut(serializers.ModelSerializer):
    acted_by = serializers.CharField(source="acted_by.username", default=None)

    class Meta:
        model = ReviewStep
        fields = ["order", "kind", "approved_version", "acted_by", "acted_at"]


class CommentOut(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username")

    class Meta:
        model = Comment
        fields = ["version", "author", "text", "created_at"]


class VersionOut(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username")

    class Meta:
        model = DraftVersion
        fields = ["number", "created_by", "created_at", "note", "fields"]


class RecipientOut(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    organ_id = serializers.CharField(source="agency.organ_id", default=None)
    internal = serializers.BooleanField(source="agency.hosted")

    class Meta:
        model = Recipient
        fields = ["id", "agency", "organ_id", "internal", "status", "incoming", "message_id", "note"]


class OutgoingOut(serializers.ModelSerializer):
    drafting_unit = serializers.CharField(source="drafting_unit.abbreviation")
    drafter = serializers.CharField(source="drafter.username")
    signer = serializers.CharField(source="signer.username")

    class Meta:
        model = OutgoingDocument
        fields = [
            "id",
            "status",
            "version",
            "type_name",
            "code_number",
            "code_notation",
            "issued_date",
            "subject",
            "drafting_unit",
            "drafter",
            "signer",
            "priority",
            "confidentiality",
            "due_date",
            "updated_at",
        ]


class OutgoingAttachmentOut(incoming_serializers.AttachmentOut):
    """Tệp đính kèm or phụ lục (is_appendix) of the document; the stored file's
    fields as for incoming documents."""

    class Meta:
        model = OutgoingAttachment
        fields = ["id", "filename", "is_appendix", "sha256", "size", "content_type"]


class OutgoingAttachmentIn(serializers.Serializer):
    file = serializers.FileField()
    is_appendix = serializers.BooleanField(required=False, default=False)


class OutgoingAttachmentChangeIn(serializers.Serializer):
    is_appendix = serializers.BooleanField()


class OutgoingDetailOut(OutgoingOut):
    next_actors = serializers.SerializerMethodField()
    steps = StepOut(many=True)
    comments = CommentOut(many=True)
    versions = VersionOut(many=True)
    recipients = RecipientOut(many=True)
    attachments = OutgoingAttachmentOut(many=True)
    answers: "serializers.PrimaryKeyRelatedField[Any]" = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    corrections: "serializers.PrimaryKeyRelatedField[Any]" = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(OutgoingOut.Meta):
        fields = [
            *OutgoingOut.Meta.fields,
            "normative",
            "legal_bases",
            "body",
            "recipients_text",
            "places_text",
            "copies",
            "drafter_initials",
            "issued_amount",
            "circulation",
            "authority",
            "on_behalf_of",
            "signer_position",
            "page_amount",
            "signed_at",
            "issued_at",
            "recalled_at",
            "recall_reason",
            "next_actors",
            "steps",
            "comments",
            "versions",
            "recipients",
            "attachments",
            "answers",
            "corrects",
            "corrections",
        ]

    def get_next_actors(self, document) -> list[str]:
        return [user.username for user in chain.next_actors(document)]
