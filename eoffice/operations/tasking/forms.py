"""Web forms of the task pages. They only shape input; the rules live in
validation.py and services.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.forms import MultipleFileField, choose_from, date_field
from eoffice.core.workflow import StepForm
from eoffice.operations.models import Recurrence, TaskPriority, TaskSource, TaskStatus
from eoffice.organisation.models import Agency, Role, Unit, User
from eoffice.organisation.selectors import people, person_group, person_label

TEXTAREA = {"rows": 3}


class TaskForm(forms.Form):
    """Giao nhiệm vụ."""

    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500)
    content = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    product = forms.CharField(label=_("Sản phẩm"), required=False, max_length=300)
    assigner = forms.ModelChoiceField(label=_("Người giao"), queryset=User.objects.none())
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False)
    lead_person = forms.ModelChoiceField(label=_("Hoặc cá nhân chủ trì"), queryset=User.objects.none(), required=False)
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    deadline = date_field(_("Hạn xử lý"), required=False)
    working_days = forms.IntegerField(label=_("Hoặc số ngày làm việc kể từ hôm nay"), required=False, min_value=1, max_value=3650)
    ongoing = forms.BooleanField(label=_("Nhiệm vụ thường xuyên (không có hạn)"), required=False)
    priority = forms.ChoiceField(label=_("Độ khẩn"), choices=TaskPriority.choices)
    recurrence = forms.ChoiceField(label=_("Lặp lại"), choices=Recurrence.choices)
    confidential = forms.BooleanField(label=_("Nhiệm vụ mật"), required=False)
    source_kind = forms.ChoiceField(label=_("Nguồn giao"), choices=TaskSource.choices)
    source_reference = forms.CharField(label=_("Số, ký hiệu, ngày văn bản giao"), required=False, max_length=200)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["assigner"], people(agency, roles=[Role.LEADER]), person_label, person_group)
        choose_from(self.fields["lead_person"], people(agency), person_label, person_group)
        units = Unit.objects.filter(agency=agency).order_by("name")
        choose_from(self.fields["lead_unit"], units)
        self.fields["coordinating_units"].queryset = units  # type: ignore[attr-defined]  # a model choice field

    def service_values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class FilterForm(forms.Form):
    """Bộ lọc danh sách nhiệm vụ (GET)."""

    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Mọi trạng thái")), *TaskStatus.choices])
    unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False)
    overdue = forms.BooleanField(label=_("Chỉ nhiệm vụ quá hạn"), required=False)
    date_from = date_field(_("Giao từ ngày"), required=False)
    date_to = date_field(_("đến ngày"), required=False)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["unit"], Unit.objects.filter(agency=agency).order_by("name"))

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in ("status", "unit", "overdue", "date_from", "date_to")}


class PeriodForm(forms.Form):
    """Kỳ của Sổ theo dõi nhiệm vụ (GET)."""

    date_from = date_field(_("Giao từ ngày"), required=False)
    date_to = date_field(_("đến ngày"), required=False)


# --------------------------------------------------------------------------- the steps
class ProgressForm(StepForm):
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=99)
    note = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs=TEXTAREA))
    files = MultipleFileField(label=_("Tệp kèm theo"), required=False)  # type: ignore[assignment]  # a field, not BaseForm.files


class ExtensionRequestForm(StepForm):
    deadline = date_field(_("Đề nghị gia hạn đến ngày"))
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs=TEXTAREA))


class GrantForm(StepForm):
    deadline = date_field(_("Gia hạn đến ngày (để trống: theo đề nghị)"), required=False)
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs=TEXTAREA))


class CompleteForm(StepForm):
    note = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs=TEXTAREA))
    files = MultipleFileField(label=_("Sản phẩm, minh chứng"), required=False)  # type: ignore[assignment]  # a field, not BaseForm.files


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs=TEXTAREA))
