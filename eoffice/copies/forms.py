from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.copies.models import CopyForm, CopyMedium
from eoffice.copies.selectors import signers
from eoffice.core.forms import choose_from
from eoffice.organisation.models import User


class CopyMakeForm(forms.Form):
    """The registry's request for a copy (the source is in the address)."""

    form = forms.ChoiceField(label=_("Hình thức sao"), choices=CopyForm.choices)
    medium = forms.ChoiceField(label=_("Sao sang"), choices=CopyMedium.choices, initial=CopyMedium.PAPER)
    pages = forms.CharField(
        label=_("Trang trích sao"), max_length=60, required=False, help_text=_("Chỉ với trích sao, ví dụ 1-2,4.")
    )
    places = forms.CharField(
        label=_("Nơi nhận"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Mỗi nơi một dòng; dòng “Lưu: VT.” được thêm tự động."),
    )
    amount = forms.IntegerField(label=_("Số lượng bản"), min_value=1, max_value=999, initial=1)
    signer = forms.ModelChoiceField(
        label=_("Người ký bản sao"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Bản sao giấy: lãnh đạo ký, văn thư đóng dấu."),
    )
    signer_title = forms.CharField(
        label=_("Quyền hạn, chức vụ người ký"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng in một dòng, ví dụ TL. CHỦ TỊCH rồi CHÁNH VĂN PHÒNG. Để trống: chức vụ của người ký."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    pin = forms.CharField(
        label=_("Mã PIN chứng thư số của cơ quan"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Bản sao điện tử, khi chứng thư số của cơ quan có mã PIN."),
    )

    def __init__(self, *args, agency=None, source_kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choose_from(self.fields["signer"], signers(agency))
        # A sao lục is made from a sao y, and only a sao lục is (Art.25 §1b).
        of_copy = source_kind == "original"
        field = self.fields["form"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, label) for value, label in CopyForm.choices if (value == CopyForm.COPY_OF_COPY) == of_copy]
