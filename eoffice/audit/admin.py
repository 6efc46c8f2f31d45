from django.contrib import admin

from eoffice.audit.models import AuditEvent
from eoffice.audit.services import audit_record


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "agency", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["summary", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Admin changes go to eOffice's audit log like every other change."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = "change" if change else "add"
        changed = ", ".join(form.changed_data)
        audit_record(actor=request.user, action=f"admin.{action}", obj=obj, summary=f"{obj} ({changed})"[:500])

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action="admin.delete", obj=obj, summary=str(obj)[:500])
        super().delete_model(request, obj)
