"""The administrator's view of every received package, including those no
registry sees (unreadable, or addressed to no agency here): read-only, with the
raw package to download for inspection."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from eoffice.exchange.models import ReceivedFile, ReceivedPackage, ReceivedStatus, SentStatus


class ReadOnly(admin.ModelAdmin):
    """What arrived is evidence: looked at, never changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReceivedFileInline(admin.TabularInline):
    model = ReceivedFile
    fields = readonly_fields = ("filename", "description", "stored_file")
    extra = 0
    can_delete = False


class SentStatusInline(admin.TabularInline):
    model = SentStatus
    fields = readonly_fields = ("code", "description", "state", "created_at", "sent_at", "reference")
    extra = 0
    can_delete = False


@admin.register(ReceivedPackage)
class ReceivedPackageAdmin(ReadOnly):
    list_display = ["received_at", "state", "agency", "sender_name", "subject", "transport", "reference"]
    list_filter = ["state", "transport", "agency"]
    search_fields = ["subject", "sender_name", "sender_organ_id", "document_id", "reference", "problem"]
    readonly_fields = ["raw_link"]
    exclude = ["raw"]
    inlines = [ReceivedFileInline, SentStatusInline]

    @admin.display(description="gói tin gốc")
    def raw_link(self, package: ReceivedPackage) -> str:
        url = reverse("exchange-raw", args=[package.pk])
        return format_html('<a href="{}">{}</a> ({} byte)', url, f"goi-tin-{package.pk}.edxml", package.raw.size)


@admin.register(ReceivedStatus)
class ReceivedStatusAdmin(ReadOnly):
    list_display = ["received_at", "code", "sender_name", "document_id", "matched", "problem"]
    list_filter = ["matched", "code", "transport"]
    search_fields = ["document_id", "sender_name", "sender_organ_id", "reference"]
    exclude = ["raw"]
