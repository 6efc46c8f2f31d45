"""The web forms of the workflow's steps (workflow.py's table): a comment,
an optional one, the reason of a recall. They only shape input; the services
check it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.workflow import StepForm
from eoffice.signatures.models import SigningKey, agency_key, personal_key


class CommentForm(StepForm):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}))


class OptionalCommentForm(StepForm):
    comment = forms.CharField(label=_("Ý kiến (nếu có)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do thu hồi"), min_length=5, widget=forms.Textarea(attrs={"rows": 2}))


class _ConfirmForm(StepForm):
    """A signing step: the key's PIN when the key asks for one (signatures.confirmation);
    the label names the key and who holds it."""

    pin = forms.CharField(
        label=_("Mã xác nhận ký"),
        required=False,
        max_length=64,
        widget=forms.PasswordInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def key_for(self, document) -> SigningKey | None:
        raise NotImplementedError

    def for_record(self, document):
        key = self.key_for(document)
        if key is None or not key.needs_confirmation:
            del self.fields["pin"]
            return
        self.fields["pin"].label = _("Mã xác nhận ký của khóa “%(key)s” (người giữ: %(holder)s)") % {
            "key": key.label,
            "holder": key.holder,
        }
        self.fields["pin"].required = True


class SignForm(_ConfirmForm):
    def key_for(self, document) -> SigningKey | None:
        return personal_key(document.signer, document.agency)


class IssueForm(_ConfirmForm):
    def key_for(self, document) -> SigningKey | None:
        return agency_key(document.agency)
