"""API input and output of meetings (/api/v1/meetings/). The rules are the
services'; these only shape the data. People are named by login name, units by
abbreviation; files come as multipart parts."""

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from eoffice.core.errors import ValidationFailed
from eoffice.core.workflow import StepBody
from eoffice.operations.meetings.selectors import capacity_warning
from eoffice.operations.models import Conclusion, Invitation, Meeting, MeetingPaper, Reply
from eoffice.organisation.selectors import member_named, unit_named


# --------------------------------------------------------------------------- output
class MeetingOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    chair = serializers.CharField(source="chair.username")
    date = serializers.DateField(source="entry.date")
    starts = serializers.TimeField(source="entry.starts")
    ends = serializers.TimeField(source="entry.ends")
    room = serializers.CharField(source="entry.room.name", default=None)
    place = serializers.CharField()
    invitation_number = serializers.SerializerMethodField()
    notice_number = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id", "entry", "title", "content", "chair", "status", "status_label", "date", "starts", "ends", "room", "place",
            "online_link", "invitation", "invitation_number", "notice", "notice_number",
        ]  # fmt: skip

    def get_invitation_number(self, meeting: Meeting) -> str | None:
        """Số, ký hiệu of the Giấy mời once issued."""
        return _number(meeting.invitation)

    def get_notice_number(self, meeting: Meeting) -> str | None:
        """Số, ký hiệu of the Thông báo kết luận once issued."""
        return _number(meeting.notice)


def _number(document: Any) -> str | None:
    return document.symbol_display if document is not None and document.status == "issued" else None


class MeetingInvitationOut(serializers.ModelSerializer):
    person = serializers.CharField(source="person.username", default=None)
    unit = serializers.CharField(source="unit.abbreviation", default=None)
    reply_label = serializers.CharField(source="get_reply_display")
    deputy = serializers.CharField(source="deputy.username", default=None)

    class Meta:
        model = Invitation
        fields = ["id", "person", "unit", "reply", "reply_label", "deputy", "deputy_name", "reason", "replied_at"]


class MeetingPaperOut(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = MeetingPaper
        fields = ["id", "filename", "created_at", "url"]

    def get_url(self, paper: MeetingPaper) -> str:
        return reverse("api-meetings-paper", kwargs={"pk": paper.meeting_id, "paper_pk": paper.pk})


class MeetingConclusionOut(serializers.ModelSerializer):
    lead_unit = serializers.CharField(source="lead_unit.abbreviation")
    coordinating_units: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="abbreviation", many=True, read_only=True
    )

    class Meta:
        model = Conclusion
        fields = ["id", "text", "lead_unit", "coordinating_units", "deadline", "working_days", "task"]


class MeetingDetailOut(MeetingOut):
    invitations = MeetingInvitationOut(many=True, read_only=True)
    papers = MeetingPaperOut(many=True, read_only=True)
    conclusions = MeetingConclusionOut(many=True, read_only=True)
    minutes = serializers.CharField(source="minutes_filename")
    capacity_warning = serializers.SerializerMethodField()

    class Meta(MeetingOut.Meta):
        fields = [*MeetingOut.Meta.fields, "minutes", "capacity_warning", "invitations", "papers", "conclusions"]

    def get_capacity_warning(self, meeting: Meeting) -> str:
        """Non-empty when more are expected than the room seats."""
        return capacity_warning(meeting)


# --------------------------------------------------------------------------- input
class MeetingIn(serializers.Serializer):  # a body, not a model's serializer
    entry = serializers.IntegerField(help_text="Mã (id) mục lịch công tác")
    title = serializers.CharField(max_length=300)
    content = serializers.CharField(required=False, allow_blank=True, default="")
    chair = serializers.CharField(help_text="Tên đăng nhập của lãnh đạo chủ trì")
    online_link = serializers.URLField(required=False, allow_blank=True, default="")
    confirm = serializers.BooleanField(required=False, default=False, help_text="Vẫn đặt phòng dù trùng lịch")

    def validate_chair(self, value: str) -> Any:
        return member_named(self.context["actor"].agency, value, "chair")


class MeetingInviteIn(StepBody):
    people = serializers.ListField(child=serializers.CharField(max_length=150), required=False, default=list)
    units = serializers.ListField(child=serializers.CharField(max_length=20), required=False, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        agency = self.actor.agency
        attrs["people"] = [member_named(agency, name, "people") for name in attrs["people"]]
        attrs["units"] = [unit_named(agency, name, "units") for name in attrs["units"]]
        return attrs


class MeetingReplyIn(StepBody):
    invitation = serializers.IntegerField(required=False, help_text="Mã lời mời (mặc định: của người gọi)")
    reply = serializers.ChoiceField(choices=[c for c in Reply.choices if c[0] != Reply.PENDING])
    deputy = serializers.CharField(required=False, help_text="Tên đăng nhập người dự thay")
    deputy_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    reason = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "invitation" in attrs:
            found = self.record.invitations.filter(pk=attrs["invitation"]).first()
            if found is None:
                raise ValidationFailed("Không tìm thấy lời mời.", fields={"invitation": ["Không tìm thấy."]})
            attrs["invitation"] = found
        if "deputy" in attrs:
            attrs["deputy"] = member_named(self.actor.agency, attrs["deputy"], "deputy")
        return attrs


class MeetingSignerIn(StepBody):
    signer = serializers.CharField(help_text="Tên đăng nhập người ký")

    def validate_signer(self, value: str) -> Any:
        return member_named(self.actor.agency, value, "signer")


class MeetingPapersIn(StepBody):
    files = serializers.ListField(child=serializers.FileField(), help_text="Tài liệu họp (multipart)")


class MeetingMinutesIn(StepBody):
    file = serializers.FileField(help_text="Biên bản đã ký (multipart)")


class MeetingReasonIn(StepBody):
    reason = serializers.CharField()


class MeetingConclusionIn(StepBody):
    text = serializers.CharField()
    lead_unit = serializers.CharField(help_text="Viết tắt của đơn vị chủ trì")
    coordinating_units = serializers.ListField(child=serializers.CharField(max_length=20), required=False, default=list)
    deadline = serializers.DateField(required=False, allow_null=True, default=None, help_text="Hạn xử lý (YYYY-MM-DD)")
    working_days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=3650)
    ongoing = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        agency = self.actor.agency
        attrs["lead_unit"] = unit_named(agency, attrs["lead_unit"], "lead_unit")
        attrs["coordinating_units"] = [unit_named(agency, a, "coordinating_units") for a in attrs["coordinating_units"]]
        return attrs
