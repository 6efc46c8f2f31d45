from django.contrib import admin

from eoffice.audit.admin import AuditedAdmin
from eoffice.outgoing.models import OutgoingSettings


@admin.register(OutgoingSettings)
class OutgoingSettingsAdmin(AuditedAdmin):
    """The head of agency's numbering choices (ND30 Art.15 §1c, §2); audited,
    since they change how every later document is numbered."""

    list_display = ["agency", "series_per_type", "secret_numbering", "secret_marker", "place_name"]
    autocomplete_fields = ["agency"]
    fields = ["agency", "place_name", "series_per_type", "secret_numbering", "secret_marker"]
