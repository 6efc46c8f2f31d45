"""API input and output of tasks (/api/v1/tasks/). The rules are the
services'; these only shape the data. People are named by login name, units
by abbreviation; files come as multipart parts (`files`)."""

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from eoffice.core.errors import ValidationFailed
from eoffice.core.workflow import StepBody
from eoffice.incoming.models import IncomingDocument
from eoffice.operations.models import (
    OPEN_TASK_STATUSES,
    ExtensionRequest,
    ProgressReport,
    Recurrence,
    Task,
    TaskDeadlineChange,
    TaskPriority,
    TaskSource,
    TaskTrace,
)
from eoffice.organisation.selectors import member_named, unit_named


# --------------------------------------------------------------------------- output
class TaskOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    assigner = serializers.CharField(source="assigner.username")
    lead_unit = serializers.CharField(source="lead_unit.abbreviation", default=None)
    lead_person = serializers.CharField(source="lead_person.username", default=None)
    coordinating_units: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="abbreviation", many=True, read_only=True
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id", "title", "content", "product", "status", "status_label", "source_kind", "source_reference", "incoming",
            "outgoing", "assigner", "lead_unit", "lead_person", "coordinating_units", "assigned_on", "deadline",
            "original_deadline", "priority", "confidential", "recurrence", "progress", "completed_on", "result_note",
            "return_reason", "overdue",
        ]  # fmt: skip

    def get_overdue(self, task: Task) -> bool:
        """Open and past its deadline."""
        return task.status in OPEN_TASK_STATUSES and task.deadline is not None and task.deadline < timezone.localdate()


class TaskReportOut(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username")
    files: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="filename", many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["percent", "note", "final", "created_at", "author", "files"]


class TaskExtensionOut(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.username")

    class Meta:
        model = ExtensionRequest
        fields = ["requested_deadline", "reason", "status", "granted_deadline", "decision_note", "requested_by", "created_at"]


class TaskDeadlineChangeOut(serializers.ModelSerializer):
    class Meta:
        model = TaskDeadlineChange
        fields = ["old_deadline", "new_deadline", "reason", "at"]


class TaskTraceOut(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = TaskTrace
        fields = ["at", "actor", "action", "summary", "note"]


class TaskDetailOut(TaskOut):
    reports = TaskReportOut(many=True, read_only=True)
    extensions = TaskExtensionOut(many=True, read_only=True)
    deadline_changes = TaskDeadlineChangeOut(many=True, read_only=True)
    trace = TaskTraceOut(many=True, read_only=True)

    class Meta(TaskOut.Meta):
        fields = [*TaskOut.Meta.fields, "reports", "extensions", "deadline_changes", "trace"]


# --------------------------------------------------------------------------- create
class TaskIn(serializers.Serializer):  # a body, not a model's serializer
    title = serializers.CharField(max_length=500)
    content = serializers.CharField(required=False, allow_blank=True, default="")
    product = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    assigner = serializers.CharField(required=False, help_text="Tên đăng nhập của lãnh đạo giao (mặc định: người gọi)")
    lead_unit = serializers.CharField(required=False, help_text="Viết tắt của đơn vị chủ trì")
    lead_person = serializers.CharField(required=False, help_text="Tên đăng nhập của cá nhân chủ trì")
    coordinating_units = serializers.ListField(child=serializers.CharField(max_length=20), required=False, default=list)
    deadline = serializers.DateField(required=False, help_text="Hạn xử lý (YYYY-MM-DD)")
    working_days = serializers.IntegerField(required=False, min_value=1, max_value=3650, help_text="Hoặc số ngày làm việc")
    ongoing = serializers.BooleanField(required=False, default=False, help_text="Nhiệm vụ thường xuyên (không có hạn)")
    priority = serializers.ChoiceField(choices=TaskPriority.choices, default=TaskPriority.NORMAL)
    confidential = serializers.BooleanField(required=False, default=False)
    recurrence = serializers.ChoiceField(choices=Recurrence.choices, default=Recurrence.NONE)
    source_kind = serializers.ChoiceField(choices=TaskSource.choices, default=TaskSource.LEADER)
    source_reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    incoming = serializers.IntegerField(required=False, help_text="Mã (id) văn bản đến giao nhiệm vụ")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Names to objects of the caller's agency."""
        agency = self.context["actor"].agency
        if "assigner" in attrs:
            attrs["assigner"] = member_named(agency, attrs["assigner"], "assigner")
        if "lead_unit" in attrs:
            attrs["lead_unit"] = unit_named(agency, attrs["lead_unit"], "lead_unit")
        if "lead_person" in attrs:
            attrs["lead_person"] = member_named(agency, attrs["lead_person"], "lead_person")
        attrs["coordinating_units"] = [unit_named(agency, a, "coordinating_units") for a in attrs["coordinating_units"]]
        if "incoming" in attrs:
            incoming = IncomingDocument.objects.visible_to(self.context["actor"]).filter(pk=attrs["incoming"]).first()
            if incoming is None:
                raise ValidationFailed("Không tìm thấy văn bản đến.", fields={"incoming": ["Không tìm thấy."]})
            attrs["incoming"] = incoming
        return attrs


# --------------------------------------------------------------------------- the steps
class TaskProgressIn(StepBody):
    percent = serializers.IntegerField(min_value=0, max_value=99)
    note = serializers.CharField()
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list, help_text="Tệp (multipart)")


class TaskExtensionRequestIn(StepBody):
    deadline = serializers.DateField(help_text="Hạn đề nghị (YYYY-MM-DD)")
    reason = serializers.CharField()


class TaskGrantIn(StepBody):
    deadline = serializers.DateField(required=False, allow_null=True, default=None, help_text="Mặc định: hạn đề nghị")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TaskCompleteIn(StepBody):
    note = serializers.CharField()
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list, help_text="Minh chứng (multipart)")


class TaskReasonIn(StepBody):
    reason = serializers.CharField()


class TaskStatisticsRowOut(serializers.Serializer):  # output only
    unit = serializers.CharField(allow_null=True)
    assigned = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    within_deadline = serializers.IntegerField()
    overdue = serializers.IntegerField()
    overdue_aged = serializers.IntegerField()
    ongoing = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    on_time_rate = serializers.FloatField(allow_null=True)
