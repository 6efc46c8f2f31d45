from django import forms

from eoffice.core.forms import date_field


class OverrideForm(forms.Form):
    day = date_field("Ngày")
    is_working = forms.TypedChoiceField(
        label="Loại", coerce=lambda v: v == "1", choices=[("0", "Ngày nghỉ"), ("1", "Ngày làm việc (làm bù)")]
    )
    name = forms.CharField(label="Tên ngày", max_length=200)
    legal_basis = forms.CharField(label="Căn cứ (số, ký hiệu văn bản thông báo)", max_length=300)
