from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.forms import date_field


class OverrideForm(forms.Form):
    day = date_field(_("Ngày"))
    is_working = forms.TypedChoiceField(
        label=_("Loại"), coerce=lambda v: v == "1", choices=[("0", _("Ngày nghỉ")), ("1", _("Ngày làm việc (làm bù)"))]
    )
    name = forms.CharField(label=_("Tên ngày"), max_length=200)
    legal_basis = forms.CharField(label=_("Căn cứ (số, ký hiệu văn bản thông báo)"), max_length=300)
