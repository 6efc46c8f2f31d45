"""The registration form (vào sổ văn bản đến). It only shapes input; the rules
live in validation.py and services.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.choices import INCOMING_TYPE_CHOICES, Confidentiality, Priority
from eoffice.core.forms import MultipleFileField, date_field
from eoffice.core.workflow import StepForm
from eoffice.incoming.models import Source
from eoffice.incoming.receiving.packages import package_incoming_data
from eoffice.organisation.selectors import today


class IncomingForm(forms.Form):
    type_name = forms.ChoiceField(label=_("Loại văn bản"), choices=INCOMING_TYPE_CHOICES, initial="Công văn")
    code_number = forms.CharField(label=_("Số"), max_length=11, required=False)
    code_notation = forms.CharField(label=_("Ký hiệu"), max_length=30, required=False)
    issued_date = date_field(_("Ngày văn bản"))
    organ_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    organ_id = forms.CharField(label=_("Mã định danh cơ quan ban hành"), max_length=35, required=False)
    subject = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    signer_full_name = forms.CharField(label=_("Người ký"), max_length=50, required=False)
    arrival_date = date_field(_("Ngày đến"))
    priority = forms.TypedChoiceField(label=_("Độ khẩn"), choices=Priority.choices, coerce=int, initial=0)
    confidentiality = forms.TypedChoiceField(label=_("Độ mật"), choices=Confidentiality.choices, coerce=int, initial=0)
    source = forms.ChoiceField(label=_("Nguồn"), choices=Source.choices, initial=Source.PAPER)
    paper_received = forms.BooleanField(label=_("Đã nhận bản giấy"), required=False)
    page_amount = forms.IntegerField(label=_("Số trang"), min_value=1, max_value=999, required=False)
    language = forms.CharField(label=_("Ngôn ngữ"), max_length=30, initial="Tiếng Việt")
    to_places = forms.CharField(label=_("Đơn vị hoặc người nhận"), max_length=1000, required=False)
    due_date = date_field(_("Hạn trả lời / giải quyết"), required=False)
    description = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    files = MultipleFileField(label=_("Tệp văn bản (PDF, DOCX, ảnh)"), required=False)  # type: ignore[assignment]  # a field, not BaseForm.files: the metaclass takes it off the class
    confirm_duplicate = forms.BooleanField(label=_("Tôi xác nhận đây là văn bản khác, vẫn vào sổ"), required=False)


class PackageRegisterForm(StepForm, IncomingForm):
    """Vào sổ a received package: the registration form filled from the package
    (its files come with it; the source is electronic)."""

    files = None  # type: ignore[assignment]  # removes the upload field
    source = None  # type: ignore[assignment]

    def for_record(self, record: Any) -> None:
        if not self.is_bound:
            self.initial = {**package_incoming_data(record), "arrival_date": today(), "language": "Tiếng Việt"}

    def step_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        confirm = data.pop("confirm_duplicate", False)
        return {"data": data, "confirm_duplicate": confirm}
