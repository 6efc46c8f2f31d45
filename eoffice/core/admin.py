from django.contrib import admin

from eoffice.audit.services import audit_record


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
