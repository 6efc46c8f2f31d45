"""The API's outgoing documents (the list's rows, the document with its
chain, versions, comments, recipients and files) and the bodies of the
workflow's steps. A draft's own fields: drafting/serializers.py."""

from typing import Any

from rest_framework import serializers

from eoffice.core.workflow import StepBody
from eoffice.incoming import serializers as incoming_serializers
from eoffice.outgoing import chain
from eoffice.outgoing.models import (
    Comment,
    DraftVersion,
    OutgoingAttachment,
    OutgoingDocument,
    Recipient,
    RecipientStatus,
    ReviewStep,
)


class CommentIn(StepBody):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ConfirmIn(StepBody):
    pin = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Mã xác nhận ký, khi khóa ký được đặt mã (không thì bỏ trống)"
    )


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


class RecipientStatusOut(serializers.ModelSerializer):
    class Meta:
        model = RecipientStatus
        fields = ["code", "description", "at"]


class RecipientOut(serializers.ModelSerializer):
    statuses = RecipientStatusOut(many=True, read_only=True)
    agency = serializers.CharField(source="agency.name")
    organ_id = serializers.CharField(source="agency.organ_id", default=None)
    internal = serializers.BooleanField(source="agency.hosted")

    class Meta:
        model = Recipient
        fields = ["id", "agency", "organ_id", "internal", "status", "incoming", "message_id", "note", "statuses"]


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
