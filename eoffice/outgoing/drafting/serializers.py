"""The API's draft: its fields when created or changed, its files."""

from rest_framework import serializers

from eoffice.core.choices import Confidentiality, Priority
from eoffice.incoming.serializers import DateField
from eoffice.outgoing.drafting.validation import TYPE_NAMES
from eoffice.outgoing.models import Authority, Circulation


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


class OutgoingAttachmentIn(serializers.Serializer):
    file = serializers.FileField()
    is_appendix = serializers.BooleanField(required=False, default=False)


class OutgoingAttachmentChangeIn(serializers.Serializer):
    is_appendix = serializers.BooleanField()
