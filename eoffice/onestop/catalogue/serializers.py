"""API output of the public procedure catalogue (/api/v1/procedures/) and the
result of a catalogue import. Days are numbers (7.5), amounts whole đồng."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from eoffice.onestop.catalogue.values import step_unit_name
from eoffice.onestop.models import Procedure, ProcedureFee, ProcedureField, ProcedureStep, RequiredPaper


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class ProcedureFieldOut(serializers.ModelSerializer):
    class Meta:
        model = ProcedureField
        fields = ["code", "name"]


class ProcedureStepOut(serializers.ModelSerializer):
    unit = serializers.SerializerMethodField(help_text="Đơn vị thực hiện như công bố")
    days = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)

    class Meta:
        model = ProcedureStep
        fields = ["order", "name", "unit", "days"]

    def get_unit(self, step) -> str:
        return step_unit_name(step)


class ProcedurePaperOut(serializers.ModelSerializer):
    form_url = serializers.SerializerMethodField(help_text="Tải mẫu đơn, tờ khai (null nếu không có tệp mẫu)")

    class Meta:
        model = RequiredPaper
        fields = ["order", "name", "originals", "copies", "required", "form_name", "form_url"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_form_url(self, paper):
        if not paper.form_file_id:
            return None
        path = reverse("onestop:procedure-form", args=[paper.procedure.code, paper.pk])
        return _absolute(self.context.get("request"), path)


class ProcedureFeeOut(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")

    class Meta:
        model = ProcedureFee
        fields = ["kind", "kind_display", "description", "amount", "note"]


class ProcedureOut(serializers.ModelSerializer):
    field = ProcedureFieldOut()
    level_display = serializers.CharField(source="get_level_display")
    online_display = serializers.CharField(source="get_online_display")
    processing_days = serializers.DecimalField(max_digits=6, decimal_places=1, coerce_to_string=False)
    url = serializers.SerializerMethodField(help_text="Địa chỉ API của thủ tục")
    public_url = serializers.SerializerMethodField(help_text="Trang công khai của thủ tục")

    class Meta:
        model = Procedure
        fields = [
            "code", "name", "field", "level", "level_display", "online", "online_display", "implementing_agency",
            "processing_days", "url", "public_url",
        ]  # fmt: skip

    def get_url(self, procedure) -> str:
        return _absolute(self.context.get("request"), reverse("api-procedures-detail", args=[procedure.code]))

    def get_public_url(self, procedure) -> str:
        return _absolute(self.context.get("request"), reverse("onestop:procedure-detail", args=[procedure.code]))


class ProcedureDetailOut(ProcedureOut):
    agency = serializers.CharField(source="agency.name", help_text="Cơ quan tiếp nhận")
    steps = ProcedureStepOut(many=True)
    papers = ProcedurePaperOut(many=True)
    fees = ProcedureFeeOut(many=True)

    class Meta(ProcedureOut.Meta):
        fields = ProcedureOut.Meta.fields + [
            "agency", "subjects", "channels", "result", "conditions", "legal_basis", "announcement", "steps", "papers", "fees",
            "updated_at",
        ]  # fmt: skip


class ProcedureImportIn(serializers.Serializer):
    file = serializers.FileField(help_text="Danh mục .json hoặc .xlsx (như tệp xuất ra)")
    dry_run = serializers.BooleanField(default=False, help_text="Chỉ kiểm tra, không lưu")


class ProcedureImportOut(serializers.Serializer):
    created = serializers.ListField(child=serializers.CharField(), help_text="Mã các thủ tục thêm mới")
    updated = serializers.ListField(child=serializers.CharField(), help_text="Mã các thủ tục cập nhật")
    fields_created = serializers.ListField(child=serializers.CharField())
    units_as_text = serializers.ListField(
        child=serializers.CharField(), help_text="Đơn vị không có trong cơ quan, giữ nguyên tên"
    )
    unpublished = serializers.ListField(
        child=serializers.CharField(), help_text="Thủ tục nhập nhưng chưa công khai (mã: lý do — bước chưa có đơn vị)"
    )
    dry_run = serializers.BooleanField()
    summary = serializers.CharField()
