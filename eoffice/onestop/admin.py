from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse

from eoffice.audit.admin import AuditedAdmin
from eoffice.core.xlsx import xlsx_response
from eoffice.onestop.catalogue import services as catalogue
from eoffice.onestop.catalogue.checks import format_days, is_valid_code, procedure_code
from eoffice.onestop.catalogue.publication import unowned, unowned_message
from eoffice.onestop.models import OneStopSettings, Procedure, ProcedureFee, ProcedureField, ProcedureStep, RequiredPaper


# --------------------------------------------------------------------------- catalogue
class ProcedureForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = [
            "agency", "code", "name", "field", "level", "online", "implementing_agency", "subjects", "channels",
            "processing_days", "result", "conditions", "legal_basis", "announcement", "published",
        ]  # fmt: skip

    def clean_code(self):
        code = procedure_code(self.cleaned_data["code"])
        if not is_valid_code(code):
            raise forms.ValidationError("Mã thủ tục không đúng dạng 1.011442.000.00.00.H38 hoặc 1.011442.")
        return code


def _half_days(value: Decimal) -> Decimal:
    if value is not None and value % Decimal("0.5"):
        raise forms.ValidationError("Thời gian phải là bội số của 0,5 ngày.")
    return value


class ProcedureStepForm(forms.ModelForm):
    class Meta:
        model = ProcedureStep
        fields = ["order", "name", "unit", "unit_name", "days"]

    def clean_days(self):
        return _half_days(self.cleaned_data["days"])


class ProcedureStepFormSet(forms.BaseInlineFormSet):
    """A published procedure needs an owner for every step (catalogue/publication.py):
    the error is shown above the steps, everything typed stays on the page."""

    def clean(self):
        super().clean()
        if not self.instance.published:
            return
        kept = [form.instance for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        message = unowned_message(unowned(sorted(kept, key=lambda step: step.order or 0)))
        if message:
            raise forms.ValidationError(message)


class ProcedureStepInline(admin.TabularInline):
    model = ProcedureStep
    form = ProcedureStepForm
    formset = ProcedureStepFormSet
    extra = 0
    fields = ["order", "name", "unit", "unit_name", "days"]
    autocomplete_fields = ["unit"]


class RequiredPaperInline(admin.TabularInline):
    model = RequiredPaper
    extra = 0
    fields = ["order", "name", "originals", "copies", "required", "form_name", "form_file"]
    raw_id_fields = ["form_file"]


class ProcedureFeeInline(admin.TabularInline):
    model = ProcedureFee
    extra = 0
    fields = ["kind", "description", "amount", "note"]


@admin.register(Procedure)
class ProcedureAdmin(AuditedAdmin):
    form = ProcedureForm
    list_display = ["code", "name", "field", "level", "online", "processing_days", "published"]
    list_filter = ["published", "level", "online", "field", "agency"]
    search_fields = ["code", "name"]
    list_select_related = ["field"]
    autocomplete_fields = ["field", "agency"]
    inlines = [ProcedureStepInline, RequiredPaperInline, ProcedureFeeInline]
    actions = ["export_json", "export_xlsx"]

    def save_related(self, request, form, formsets, change):
        """After the steps are saved: say so when their days do not add up to
        the processing time (the public page shows both)."""
        super().save_related(request, form, formsets, change)
        procedure = form.instance
        days = list(procedure.steps.values_list("days", flat=True))
        if days and sum(days) != procedure.processing_days:
            messages.warning(
                request,
                f"Tổng thời gian các bước là {format_days(sum(days))} ngày, khác thời hạn giải quyết "
                f"{format_days(procedure.processing_days)} ngày của thủ tục {procedure.code}.",
            )

    @admin.action(description="Xuất danh mục các thủ tục đã chọn (JSON)")
    def export_json(self, request, queryset):
        response = HttpResponse(catalogue.export_json_bytes(queryset), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="thu-tuc-hanh-chinh.json"'
        return response

    @admin.action(description="Xuất danh mục các thủ tục đã chọn (XLSX)")
    def export_xlsx(self, request, queryset):
        return xlsx_response(catalogue.export_xlsx(queryset), "thu-tuc-hanh-chinh.xlsx")


@admin.register(ProcedureField)
class ProcedureFieldAdmin(AuditedAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(OneStopSettings)
class OneStopSettingsAdmin(AuditedAdmin):
    list_display = ["agency", "code_pattern", "place_name"]
    autocomplete_fields = ["agency"]
