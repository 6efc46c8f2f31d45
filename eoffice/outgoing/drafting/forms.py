"""The draft's web form (soạn thảo, sửa dự thảo). It only shapes input; the
rules live in validation.py, templating.py and services.py."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.choices import DOCUMENT_TYPES, Confidentiality, Priority
from eoffice.core.forms import MultipleFileField, choose_from, date_field
from eoffice.incoming.models import OPEN_STATUSES, IncomingDocument
from eoffice.organisation.models import Agency, Role, User
from eoffice.organisation.selectors import people, person_group, person_label
from eoffice.outgoing.models import Authority, Circulation

TEXTAREA = {"rows": 3}
MULTIPLE = _("Giữ phím Ctrl (⌘ trên máy Mac) để chọn nhiều.")
# "Quyết định (QĐ)"; Công văn and Thư công have no abbreviation.
TYPE_CHOICES = [(name, f"{name} ({abbreviation})" if abbreviation else name) for name, abbreviation in DOCUMENT_TYPES]


def signer_queryset(agency):
    """Leaders sign for the agency; unit heads sign TL. (thừa lệnh)."""
    return people(agency, roles=[Role.LEADER, Role.UNIT_HEAD])


class DraftForm(forms.Form):
    type_name = forms.ChoiceField(label=_("Loại văn bản"), choices=TYPE_CHOICES)
    normative = forms.BooleanField(label=_("Văn bản quy phạm pháp luật (số/năm/ký hiệu)"), required=False)
    subject = forms.CharField(label=_("Trích yếu nội dung"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    legal_bases = forms.CharField(
        label=_("Căn cứ ban hành (mỗi căn cứ một dòng)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    recipients_text = forms.CharField(
        label=_("Kính gửi (mỗi nơi một dòng)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 14}))
    places_text = forms.CharField(
        label=_("Nơi nhận (mỗi nơi một dòng, dòng Lưu tự thêm)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Gửi điện tử tới cơ quan"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=MULTIPLE,
    )
    answers = forms.ModelMultipleChoiceField(
        label=_("Trả lời văn bản đến"), queryset=IncomingDocument.objects.none(), required=False, help_text=MULTIPLE
    )
    signer = forms.ModelChoiceField(label=_("Người ký"), queryset=User.objects.none())
    authority = forms.ChoiceField(label=_("Thẩm quyền ký"), choices=Authority.choices, required=False)
    on_behalf_of = forms.CharField(
        label=_("Ký thay cho (chức danh, tập thể)"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một cấp, ví dụ: “Ủy ban nhân dân” rồi “KT. Chủ tịch”."),
    )
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=100, required=False)
    priority = forms.TypedChoiceField(label=_("Độ khẩn"), choices=Priority.choices, coerce=int, initial=0)
    confidentiality = forms.TypedChoiceField(label=_("Độ mật"), choices=Confidentiality.choices, coerce=int, initial=0)
    circulation = forms.ChoiceField(label=_("Phạm vi lưu hành"), choices=Circulation.choices, required=False)
    due_date = date_field(_("Hạn trả lời"), required=False)
    copies = forms.IntegerField(label=_("Số bản lưu"), min_value=1, max_value=99, initial=2)
    issued_amount = forms.IntegerField(label=_("Số lượng bản phát hành"), min_value=1, max_value=999, initial=1)
    drafter_initials = forms.CharField(label=_("Ký hiệu người soạn thảo"), max_length=20, required=False)
    files = MultipleFileField(label=_("Tệp đính kèm, phụ lục"), required=False)  # type: ignore[assignment]  # a field, not BaseForm.files: the metaclass takes it off the class
    files_appendix = forms.BooleanField(label=_("Các tệp tải lên là phụ lục"), required=False)
    # The draft's files (edit only): which are phụ lục, which to take off.
    appendix_attachments = forms.MultipleChoiceField(label=_("Phụ lục"), required=False, widget=forms.CheckboxSelectMultiple)
    remove_attachments = forms.MultipleChoiceField(label=_("Bỏ tệp"), required=False, widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Ghi chú phiên bản"), max_length=500, required=False)

    def __init__(self, *args, actor, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = document is not None
        self.attachments = list(document.attachments.select_related("stored_file")) if document else []
        for name in ("appendix_attachments", "remove_attachments"):
            cast(forms.ChoiceField, self.fields[name]).choices = [(str(a.pk), a.filename) for a in self.attachments]
        self.initial.setdefault("appendix_attachments", [str(a.pk) for a in self.attachments if a.is_appendix])
        agency = actor.agency
        choose_from(self.fields["signer"], signer_queryset(agency), person_label, person_group)
        # A package needs the recipient's mã định danh: without one, only paper (Nơi nhận) reaches it.
        agencies = Agency.objects.exclude(pk=agency.pk).exclude(organ_id=None).exclude(organ_id="").order_by("-hosted", "name")
        choose_from(self.fields["recipients"], agencies)
        answerable = IncomingDocument.objects.visible_to(actor).filter(status__in=OPEN_STATUSES)
        selected = self.initial.get("answers") or []
        recent = answerable.order_by("-arrival_date", "-arrival_number").values_list("pk", flat=True)[:300]
        choose_from(
            self.fields["answers"],
            IncomingDocument.objects.filter(pk__in=[*recent, *selected]).order_by("-arrival_date", "-arrival_number"),
        )

    def service_args(self) -> tuple[dict, dict]:
        """(draft fields, the other keyword arguments) as outgoing_create /
        outgoing_update take them; the file changes only apply to an update."""
        data = dict(self.cleaned_data)
        names = ["signer", "recipients", "answers", "files", "files_appendix"]
        if self.editing:
            names += ["remove_attachments", "appendix_attachments", "note"]
        others = {name: data.pop(name) for name in names}
        for name in ("appendix_attachments", "remove_attachments", "note"):
            data.pop(name, None)
        return data, others

    def attachment_rows(self) -> list[tuple]:
        """(attachment, its "phụ lục" checkbox, its "bỏ" checkbox) for the edit page's table."""
        return list(zip(self.attachments, self["appendix_attachments"], self["remove_attachments"], strict=True))

    def attachment_changes(self) -> tuple[list, list]:
        """(attachments to take off, (attachment, is_appendix) to change) as ticked."""
        removed = set(self.cleaned_data["remove_attachments"])
        appendix = set(self.cleaned_data["appendix_attachments"])
        kept = [a for a in self.attachments if str(a.pk) not in removed]
        return [a for a in self.attachments if str(a.pk) in removed], [
            (a, str(a.pk) in appendix) for a in kept if a.is_appendix != (str(a.pk) in appendix)
        ]
