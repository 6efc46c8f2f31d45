"""The form of the signature check page (kiểm tra chữ ký số of any PDF)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF cần kiểm tra chữ ký số"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}))
