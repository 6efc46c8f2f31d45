"""Administrators see who has set up two-factor sign-in and remove the keys of
someone who lost the phone (audited); they never see or add keys themselves."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from eoffice.twofactor import services

admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(TOTPDevice)
class TwoFactorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "last_used_at", "throttling_failure_count"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count")
    actions = ["delete_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        services.reset(request.user, obj.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        for device in queryset.select_related("user"):
            services.reset(request.user, device.user)  # type: ignore[arg-type]
