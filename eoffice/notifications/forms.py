from django import forms

from eoffice.notifications.kinds import LABELS
from eoffice.notifications.models import Channel


class PreferencesForm(forms.Form):
    """One choice per group of notifications: how its e-mail reaches the person."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for group, label in LABELS.items():
            self.fields[group] = forms.ChoiceField(label=label, choices=Channel.choices, widget=forms.RadioSelect)
