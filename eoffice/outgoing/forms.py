"""The web forms of the workflow's steps (workflow.py's table): a comment,
an optional one, the reason of a recall. They only shape input; the services
check it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eoffice.core.workflow import StepForm


class CommentForm(StepForm):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}))


class OptionalCommentForm(StepForm):
    comment = forms.CharField(label=_("Ý kiến (nếu có)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do thu hồi"), min_length=5, widget=forms.Textarea(attrs={"rows": 2}))
