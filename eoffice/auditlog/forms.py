"""The audit log's filter (a GET form: the page, CSV and XLSX read the same one)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.auditlog.selectors import ACCESS, ADMIN, CHANGE, SIGN_IN
from eoffice.core.forms import choose_from, date_field
from eoffice.organisation.models import Agency, User

KIND_CHOICES = [
    ("", _("Mọi loại")),
    (CHANGE, _("Thay đổi hồ sơ, văn bản")),
    (ACCESS, _("Xem, tải, xuất, tìm kiếm")),
    (SIGN_IN, _("Đăng nhập, mật khẩu, khóa")),
    (ADMIN, _("Quản trị")),
]


class LogFilterForm(forms.Form):
    date_from = date_field(_("Từ ngày"), required=False)
    date_to = date_field(_("Đến ngày"), required=False)
    person = forms.ModelChoiceField(label=_("Người thực hiện"), queryset=User.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=KIND_CHOICES, required=False)
    q = forms.CharField(label=_("Nội dung có chứa"), max_length=100, required=False)

    def __init__(self, *args, agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members = User.objects.filter(memberships__agency=agency).distinct().order_by("full_name", "username")
        choose_from(self.fields["person"], members)
        for field in self.fields.values():  # a row of filters named for screen readers, as elsewhere
            field.widget.attrs["aria-label"] = field.label
        self.fields["q"].widget.attrs["placeholder"] = self.fields["q"].label

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Đến ngày phải sau hoặc bằng từ ngày."))
        return data
