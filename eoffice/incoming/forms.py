"""Web forms of the workflow's steps (incoming/workflow.py) and the list
filter. They only shape input; the rules live in workflow.py and the services.
The registration form is in receiving/forms.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.choices import INCOMING_TYPE_CHOICES, Priority
from eoffice.core.forms import date_field
from eoffice.core.workflow import StepForm
from eoffice.incoming.models import CORRECTABLE
from eoffice.organisation.models import Role, Unit, User
from eoffice.organisation.selectors import people, person_group, person_label


class SubmitForm(StepForm):
    leader = forms.ModelChoiceField(label=_("Trình lãnh đạo"), queryset=User.objects.none())
    note = forms.CharField(label=_("Ý kiến văn thư"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def for_record(self, document):
        self.choose_from("leader", people(document.agency, roles=[Role.LEADER]), person_label, person_group)


class DetailsForm(forms.Form):
    """A registration's details: the fields of the registration form that a
    correction may change too (models.CORRECTABLE)."""

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
    page_amount = forms.IntegerField(label=_("Số trang"), min_value=1, max_value=999, required=False)
    language = forms.CharField(label=_("Ngôn ngữ"), max_length=30, initial="Tiếng Việt")
    to_places = forms.CharField(label=_("Đơn vị hoặc người nhận"), max_length=1000, required=False)
    due_date = date_field(_("Hạn trả lời / giải quyết"), required=False)
    description = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class CorrectForm(StepForm, DetailsForm):
    """Cập nhật, bổ sung thông tin: the details, filled with what was
    registered; the service applies only what changed."""

    reason = forms.CharField(label=_("Lý do cập nhật"), min_length=5, widget=forms.Textarea(attrs={"rows": 2}))
    confirm_duplicate = forms.BooleanField(label=_("Xác nhận đây là văn bản khác (khi cảnh báo trùng)"), required=False)

    def for_record(self, record: Any) -> None:
        if not self.is_bound:
            self.initial = {name: getattr(record, name) for name in CORRECTABLE}

    def step_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"reason": data.pop("reason"), "confirm_duplicate": data.pop("confirm_duplicate"), "data": data}


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do"), min_length=5, widget=forms.Textarea(attrs={"rows": 2}))


class DirectForm(StepForm):
    opinion = forms.CharField(label=_("Ý kiến chỉ đạo"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=Unit.objects.none())
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    inform_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị nhận để biết"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    inform_users = forms.ModelMultipleChoiceField(label=_("Cá nhân nhận để biết"), queryset=User.objects.none(), required=False)
    deadline_days = forms.DecimalField(
        label=_("Thời hạn (số ngày làm việc)"), min_value=0, max_value=3650, decimal_places=1, required=False
    )
    deadline = date_field(_("hoặc hạn xử lý (ngày)"), required=False)

    def for_record(self, document):
        units = Unit.objects.filter(agency=document.agency).order_by("name")
        for name in ("lead_unit", "coordinating_units", "inform_units"):
            self.choose_from(name, units)
        self.choose_from("inform_users", people(document.agency), person_label, person_group)


class ReassignForm(StepForm):
    user = forms.ModelChoiceField(label=_("Chuyên viên xử lý"), queryset=User.objects.none())
    deadline_days = forms.DecimalField(
        label=_("Thời hạn (số ngày làm việc)"), min_value=0, max_value=3650, decimal_places=1, required=False
    )
    deadline = date_field(_("hoặc hạn cá nhân (ngày)"), required=False)
    note = forms.CharField(label=_("Ý kiến giao việc"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def for_record(self, assignment):
        self.choose_from("user", people(assignment.unit.agency, unit=assignment.unit), person_label, person_group)


class NoteForm(StepForm):
    note = forms.CharField(label=_("Tiến độ xử lý"), widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(StepForm):
    proposal = forms.CharField(label=_("Kết quả, ý kiến đề xuất"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    answer_reference = forms.CharField(label=_("Văn bản trả lời (số, ký hiệu)"), max_length=200, required=False)


class AcceptForm(StepForm):
    note = forms.CharField(label=_("Ý kiến của lãnh đạo đơn vị"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class GrantForm(StepForm):
    user = forms.ModelChoiceField(label=_("Cho phép xem"), queryset=User.objects.none())
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận cho phép người này xem văn bản mật"),
        error_messages={"required": _("Cần xác nhận trước khi cấp quyền.")},
    )

    def for_record(self, document):
        self.choose_from("user", people(document.agency), person_label, person_group)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    priority = forms.TypedChoiceField(
        label=_("Độ khẩn"), choices=[("", _("Tất cả")), *Priority.choices], coerce=int, required=False, empty_value=None
    )
    date_from = date_field(_("Từ ngày"), required=False)
    date_to = date_field(_("Đến ngày"), required=False)
