from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên khóa"), max_length=100, help_text=_("Chương trình nào dùng khóa, để nhận ra nó sau này."))
    days = forms.IntegerField(label=_("Số ngày hiệu lực"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        longest = settings.EOFFICE_API_TOKEN_DAYS  # a setting: read when the form is made, not imported
        self.fields["days"] = forms.IntegerField(label=_("Số ngày hiệu lực"), min_value=1, max_value=longest, initial=longest)
