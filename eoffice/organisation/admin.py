from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from eoffice.audit.admin import AuditedAdmin
from eoffice.audit.services import audit_record
from eoffice.organisation.models import Agency, Delegation, Membership, Unit, User


class MembershipInline(admin.StackedInline):
    # Stacked: each field has its own label (a tabular inline's fields have none).
    model = Membership
    extra = 1
    autocomplete_fields = ["agency", "unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, AuditedAdmin):
    list_display = ["username", "full_name", "email", "is_active"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [(None, {"fields": ["username", "password", "full_name", "email", "is_active", "is_staff", "is_superuser"]})]
    add_fieldsets = [(None, {"fields": ["username", "full_name", "password1", "password2"]})]
    inlines = [MembershipInline]

    def user_change_password(self, request, id, form_url=""):
        """The administrator sets a new password (a forgotten one): audited."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            summary = f"Đặt mật khẩu mới cho {user}"
            audit_record(actor=request.user, action="auth.password_set_by_admin", obj=user, summary=summary)
        return response


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "organ_id", "parent", "hosted"]
    list_filter = ["hosted"]
    search_fields = ["name", "short_name", "organ_id"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "abbreviation", "agency"]
    list_filter = ["agency"]
    search_fields = ["name", "abbreviation"]


@admin.register(Delegation)
class DelegationAdmin(AuditedAdmin):
    list_display = ["principal", "delegate", "agency", "start_date", "end_date"]
    autocomplete_fields = ["principal", "delegate", "agency"]
