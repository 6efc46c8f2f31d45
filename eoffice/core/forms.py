"""Form pieces shared by every app: dates typed as Vietnamese users write them,
several files in one field."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.params import FIRST_DATE, LAST_DATE

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 05/01/2026).")}


def plausible_date(value: date) -> None:
    """A date an office can mean: far years overflow date arithmetic and mean a typo."""
    if not FIRST_DATE <= value <= LAST_DATE:
        raise forms.ValidationError(
            _("Ngày phải trong khoảng %(first)s – %(last)s.")
            % {"first": f"{FIRST_DATE:%d/%m/%Y}", "last": f"{LAST_DATE:%d/%m/%Y}"}
        )


def date_field(label: "StrOrPromise", required: bool = True) -> forms.DateField:
    widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=widget,
        error_messages=DATE_ERRORS,
        validators=[plausible_date],
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.tif,.tiff"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []
