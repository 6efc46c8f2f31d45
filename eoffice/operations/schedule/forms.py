"""Web forms of the weekly schedule: they shape input only; the rules are in
validation.py and services.py (shared with the API)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.forms import choose_from, date_field
from eoffice.core.workflow import StepForm
from eoffice.operations.models.schedule import Slot, Visibility, WeekSchedule
from eoffice.operations.schedule.selectors import rooms_of
from eoffice.organisation.models import Role, Unit
from eoffice.organisation.selectors import people, person_group, person_label

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class EntryForm(forms.Form):
    """Add or change an entry of `week`; `notice` is asked only once the week is published."""

    date = date_field(_("Ngày"))
    slot = forms.ChoiceField(label=_("Buổi"), choices=[("", _("— theo giờ bắt đầu —")), *Slot.choices], required=False)
    start_time = forms.TimeField(label=_("Giờ bắt đầu"), required=False, widget=TIME)
    end_time = forms.TimeField(label=_("Giờ kết thúc"), required=False, widget=TIME)
    leaders = forms.ModelMultipleChoiceField(label=_("Lãnh đạo chủ trì"), queryset=Unit.objects.none(), required=False)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    room = forms.ModelChoiceField(label=_("Phòng họp"), queryset=Unit.objects.none(), required=False)
    place = forms.CharField(label=_("Địa điểm (nếu không dùng phòng họp)"), required=False)
    participants = forms.CharField(label=_("Thành phần"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    participant_people = forms.ModelMultipleChoiceField(label=_("Cán bộ được mời"), queryset=Unit.objects.none(), required=False)
    participant_units = forms.ModelMultipleChoiceField(label=_("Đơn vị được mời"), queryset=Unit.objects.none(), required=False)
    preparing_unit = forms.CharField(label=_("Đơn vị chuẩn bị"), required=False)
    accompanying = forms.ModelMultipleChoiceField(
        label=_("Cán bộ Văn phòng đi cùng"), queryset=Unit.objects.none(), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False)
    visibility = forms.ChoiceField(label=_("Phạm vi"), choices=Visibility.choices, initial=Visibility.INTERNAL)
    notice = forms.CharField(
        label=_("Thông báo điều chỉnh (gửi người liên quan)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    confirm = forms.BooleanField(label=_("Vẫn xếp lịch dù trùng"), required=False)

    def __init__(self, *args: Any, week: WeekSchedule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = week.agency
        staff = people(agency)
        choose_from(self.fields["leaders"], people(agency, roles=[Role.LEADER]), person_label)
        choose_from(self.fields["room"], rooms_of(agency), lambda room: f"{room.name} ({room.capacity} chỗ)")
        choose_from(self.fields["participant_people"], staff, person_label, person_group)
        choose_from(self.fields["participant_units"], Unit.objects.filter(agency=agency).order_by("name"))
        choose_from(self.fields["accompanying"], staff, person_label, person_group)
        self.fields["date"].widget.attrs.update(min=week.start.isoformat(), max=week.end.isoformat())
        if not week.is_published:
            del self.fields["notice"]

    def entry_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("notice", None), data.pop("confirm", None)
        return data


class CancelForm(forms.Form):
    notice = forms.CharField(
        label=_("Thông báo hủy lịch (gửi người liên quan)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Tên phòng"), max_length=200)
    capacity = forms.IntegerField(label=_("Sức chứa (người)"), min_value=0, max_value=100000, initial=0)
