"""Web forms of the meeting pages. They only shape input; the rules live in
validation.py and services.py (shared with the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.forms import MultipleFileField, choose_from, date_field
from eoffice.core.workflow import StepForm
from eoffice.operations.models import Meeting, Reply
from eoffice.organisation.models import Agency, Role, Unit
from eoffice.organisation.selectors import people, person_group, person_label

TEXTAREA = {"rows": 3}


class MeetingForm(forms.Form):
    """Tạo cuộc họp from a schedule entry (time, place and room are the entry's)."""

    title = forms.CharField(label=_("Tên cuộc họp"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    chair = forms.ModelChoiceField(label=_("Chủ trì"), queryset=Unit.objects.none())
    online_link = forms.URLField(label=_("Địa chỉ họp trực tuyến (nếu có)"), required=False, assume_scheme="https")
    confirm = forms.BooleanField(label=_("Vẫn đặt phòng dù trùng lịch"), required=False)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["chair"], people(agency, roles=[Role.LEADER]), person_label)


class InviteForm(StepForm):
    people = forms.ModelMultipleChoiceField(label=_("Mời cán bộ"), queryset=Unit.objects.none(), required=False)
    units = forms.ModelMultipleChoiceField(label=_("Mời đơn vị"), queryset=Unit.objects.none(), required=False)

    def for_record(self, record: Meeting) -> None:
        choose_from(self.fields["people"], people(record.agency), person_label, person_group)
        choose_from(self.fields["units"], Unit.objects.filter(agency=record.agency).order_by("name"))


class ReplyForm(StepForm):
    invitation = forms.ModelChoiceField(label=_("Trả lời cho"), queryset=Unit.objects.none(), required=False)
    reply = forms.ChoiceField(label=_("Trả lời"), choices=[c for c in Reply.choices if c[0] != Reply.PENDING])
    deputy = forms.ModelChoiceField(label=_("Người dự thay (cán bộ cơ quan)"), queryset=Unit.objects.none(), required=False)
    deputy_name = forms.CharField(label=_("Hoặc họ tên, chức vụ người dự thay"), max_length=200, required=False)
    reason = forms.CharField(label=_("Lý do vắng"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def for_record(self, record: Meeting) -> None:
        self.fields["invitation"].queryset = record.invitations.all()  # type: ignore[attr-defined]  # narrowed by the page
        choose_from(self.fields["deputy"], people(record.agency), person_label, person_group)


class SignerForm(StepForm):
    signer = forms.ModelChoiceField(label=_("Người ký"), queryset=Unit.objects.none())

    def for_record(self, record: Meeting) -> None:
        choose_from(self.fields["signer"], people(record.agency, roles=[Role.LEADER, Role.UNIT_HEAD]), person_label)


class PapersForm(StepForm):
    files = MultipleFileField(label=_("Tài liệu họp"))  # type: ignore[assignment]  # a field, not BaseForm.files


class MinutesForm(StepForm):
    file = forms.FileField(label=_("Biên bản đã ký (bản quét PDF)"))


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class ConclusionForm(StepForm):
    text = forms.CharField(label=_("Nội dung kết luận"), widget=forms.Textarea(attrs=TEXTAREA))
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=Unit.objects.none())
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    deadline = date_field(_("Hạn xử lý"), required=False)
    working_days = forms.IntegerField(label=_("Hoặc số ngày làm việc"), required=False, min_value=1, max_value=3650)
    ongoing = forms.BooleanField(label=_("Thường xuyên (không có hạn)"), required=False)

    def for_record(self, record: Meeting) -> None:
        units = Unit.objects.filter(agency=record.agency).order_by("name")
        choose_from(self.fields["lead_unit"], units)
        self.fields["coordinating_units"].queryset = units  # type: ignore[attr-defined]  # a model choice field
