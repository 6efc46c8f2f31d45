from django.contrib import admin

from eoffice.workdays.models import CalendarOverride
from eoffice.workdays.services import calendar_override_remove, calendar_override_set


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    """Goes through the service so that open deadlines are recomputed and audited."""

    list_display = ["date", "is_working", "name", "legal_basis", "created_by"]
    fields = ["date", "is_working", "name", "legal_basis"]

    def save_model(self, request, obj, form, change):
        saved = calendar_override_set(
            day=obj.date, is_working=obj.is_working, name=obj.name, legal_basis=obj.legal_basis, actor=request.user
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        calendar_override_remove(override=obj, actor=request.user)
