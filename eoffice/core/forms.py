"""Form pieces shared by every app: dates typed as Vietnamese users write them."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 05/01/2026).")}


def date_field(label: "StrOrPromise", required: bool = True) -> forms.DateField:
    widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS, widget=widget, error_messages=DATE_ERRORS)
