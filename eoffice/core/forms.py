"""Form pieces shared by every app: dates picked with the browser's date picker (and
still accepted as Vietnamese users type them), pickers of people and units grouped
and searchable, several files in one field."""

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from eoffice.core.params import FIRST_DATE, LAST_DATE

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 05/01/2026).")}
EMPTY_CHOICE = _("— Chọn —")


def plausible_date(value: date) -> None:
    """A date an office can mean: far years overflow date arithmetic and mean a typo."""
    if not FIRST_DATE <= value <= LAST_DATE:
        raise forms.ValidationError(
            _("Ngày phải trong khoảng %(first)s – %(last)s.")
            % {"first": f"{FIRST_DATE:%d/%m/%Y}", "last": f"{LAST_DATE:%d/%m/%Y}"}
        )


def iso_date(value: object) -> str:
    """yyyy-mm-dd, what a date input holds, from a date or a date as typed
    (dd/mm/yyyy or yyyy-mm-dd); "" for anything else."""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value or "").strip()
    for pattern in DATE_FORMATS:
        try:  # a calendar day: the time zone plays no part
            return datetime.strptime(text, pattern).replace(tzinfo=UTC).date().isoformat()
        except ValueError:
            continue
    return ""


class DatePickerInput(forms.DateInput):
    """A date field: the browser's own picker (`type="date"`, posts yyyy-mm-dd), which
    dates.js turns into a dd/mm/yyyy text box with a calendar button, since the native
    field shows the browser's locale (mm/dd/yyyy in an English browser). The field
    accepts both forms; a value it could not read comes back as typed."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"min": FIRST_DATE.isoformat(), "max": LAST_DATE.isoformat(), **(attrs or {})}, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        # A value the browser could not show (a typo kept for correction) stays as typed.
        return iso_date(value) or (None if value in (None, "") else str(value))


def date_field(label: "StrOrPromise", required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DatePickerInput(),
        error_messages=DATE_ERRORS,
        validators=[plausible_date],
    )


# --------------------------------------------------------------------------- pickers
Group = Callable[[Any], tuple[Any, str]]  # a choice's object -> (the group's rank, its label)


class GroupedModelChoiceIterator(ModelChoiceIterator):  # type: ignore[type-arg]  # any model
    """A model choice field's choices in <optgroup>s: `field.group_by(obj)` gives
    (rank, label); groups come in rank order, each keeping the queryset's order."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        group_by: Group = self.field.group_by  # type: ignore[attr-defined]  # set by choose_from
        for (_rank, label), objects in groupby(sorted(self.queryset, key=group_by), key=group_by):
            yield (label, [self.choice(obj) for obj in objects])


def choose_from(
    field: forms.Field, queryset: QuerySet[Any], label: Callable[[Any], str] | None = None, group: Group | None = None
) -> None:
    """The choices of a model choice field: each shown by `label` (a person with their
    position), in groups by `group` (people by unit), a worded first option instead of
    "---------", and a drop-down the browser lets the user search by typing
    (picker.js: with or without diacritics; without JavaScript, the plain list)."""
    assert isinstance(field, forms.ModelChoiceField)
    if label is not None:
        field.label_from_instance = label  # type: ignore[method-assign,assignment]
    if field.empty_label is not None:
        field.empty_label = EMPTY_CHOICE
    if group is not None:
        field.group_by = group  # type: ignore[attr-defined]  # read by the iterator
        field.iterator = GroupedModelChoiceIterator
    field.queryset = queryset  # last: it hands the widget its choices from the iterator
    if isinstance(field.widget, forms.Select):  # a drop-down, not a list of checkboxes
        field.widget.attrs["data-picker"] = ""


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
