"""The registration form (vào sổ văn bản đến). It only shapes input; the rules
live in validation.py and services.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.choices import Confidentiality
from eoffice.core.forms import MultipleFileField
from eoffice.core.workflow import StepForm
from eoffice.incoming.forms import DetailsForm
from eoffice.incoming.models import Source
from eoffice.incoming.receiving.packages import package_incoming_data
from eoffice.organisation.selectors import today


class IncomingForm(DetailsForm):
    confidentiality = forms.TypedChoiceField(label=_("Độ mật"), choices=Confidentiality.choices, coerce=int, initial=0)
    source = forms.ChoiceField(label=_("Nguồn"), choices=Source.choices, initial=Source.PAPER)
    paper_received = forms.BooleanField(label=_("Đã nhận bản giấy"), required=False)
    files = MultipleFileField(label=_("Tệp văn bản (PDF, DOCX, ảnh)"), required=False)  # type: ignore[assignment]  # a field, not BaseForm.files: the metaclass takes it off the class
    confirm_duplicate = forms.BooleanField(label=_("Tôi xác nhận đây là văn bản khác, vẫn vào sổ"), required=False)
    # The order the clerk fills them in: độ mật and the source beside độ khẩn.
    field_order = [*list(DetailsForm.base_fields)[:11], "confidentiality", "source", "paper_received"]


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
