"""The administrator's pages of the exchange: every received package, including
those no registry sees (unreadable, or addressed to no agency here), read-only
with the raw package to download; every package sent, with the dead letters to
send again; and the peers of the `http` transport with their tokens."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from eoffice.audit.services import audit_record
from eoffice.exchange import sending
from eoffice.exchange.models import Dispatch, Peer, ReceivedFile, ReceivedPackage, ReceivedStatus, SendState, SentStatus
from eoffice.exchange.peers import new_receive_token


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
    fields = readonly_fields = ("code", "description", "created_at", "dispatch")
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


@admin.register(Dispatch)
class DispatchAdmin(ReadOnly):
    """Gói tin gửi đi; filtered on "Không gửi được", the dead letters."""

    list_display = ["created_at", "kind", "recipient_organ_id", "state", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["state", "kind"]
    search_fields = ["message_id", "recipient_organ_id", "reference", "last_error"]
    actions = ["send_again"]

    @admin.action(description="Gửi lại các gói tin đã chọn")
    def send_again(self, request, queryset):
        count = 0
        for row in queryset.exclude(state=SendState.SENT):
            sending.retry(row)
            audit_record(actor=request.user, action="exchange.resend", obj=row, summary=f"Gửi lại gói tin {row.message_id}")
            count += 1
        self.message_user(request, f"Đã xếp {count} gói tin để gửi lại.", messages.SUCCESS)


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "active", "receive_token_hint"]
    fields = ["name", "url", "routes", "send_token", "active", "receive_token_hint"]
    readonly_fields = ["receive_token_hint"]
    actions = ["issue_token"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":  # peers are addressed by their full URL
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="exchange.peer_saved", obj=obj, summary=f"Bên liên thông {obj.name}")

    @admin.action(description="Cấp mã truy cập mới (mã cũ hết hiệu lực)")
    def issue_token(self, request, queryset):
        for peer in queryset:
            token = new_receive_token(peer)
            audit_record(actor=request.user, action="exchange.peer_token", obj=peer, summary=f"Cấp mã mới cho {peer.name}")
            self.message_user(request, f"Mã truy cập mới của {peer.name} (chỉ hiện một lần): {token}", messages.WARNING)
