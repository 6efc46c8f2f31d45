"""Administrators see every API key (never the key itself) and revoke any (audited)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from eoffice.apitokens import services
from eoffice.apitokens.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "token_key", "created", "expiry", "last_used"]
    search_fields = ["name", "token_key", "user__username"]
    fields = readonly_fields = ("name", "user", "token_key", "created", "expiry", "last_used")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a key is issued to its owner, who alone sees it once

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: ApiToken) -> None:
        services.token_revoke(request.user, obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset.select_related("user"):
            services.token_revoke(request.user, token)  # type: ignore[arg-type]
