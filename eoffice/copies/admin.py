from django.contrib import admin

from eoffice.audit.admin import ReadOnlyAdmin
from eoffice.copies.models import DocumentCopy


@admin.register(DocumentCopy)
class DocumentCopyAdmin(ReadOnlyAdmin):
    """Copies are made and numbered by the registry's page or the API, never here."""

    list_display = ["code", "form", "medium", "copied_on", "agency", "signer"]
    list_filter = ["form", "medium", "agency"]
    search_fields = ["code", "note"]
