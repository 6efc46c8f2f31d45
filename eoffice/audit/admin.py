from django.contrib import admin

from eoffice.audit.models import AuditEvent
from eoffice.audit.services import audit_record


class ObjectTypeFilter(admin.SimpleListFilter):
    """The kinds of record events are about. Events about no record (a login)
    have none: Django's own filter would list that as a link without text."""

    title = "loại đối tượng"
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        kinds = AuditEvent.objects.exclude(object_type="").values_list("object_type", flat=True).distinct()
        return [(kind, kind) for kind in kinds.order_by("object_type")]

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records only a service writes (and audits): the admin shows them, never changes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "agency", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action", ObjectTypeFilter]
    search_fields = ["summary", "object_id"]


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
