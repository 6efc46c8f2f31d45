"""The administrator's pages of the exchange: every received package, including
those no registry sees (unreadable, or addressed to no agency here), read-only
with the raw package to download; every package sent, with the dead letters to
send again; the peers of the `http` transport with their tokens; and the
directory of agencies (danh bạ liên thông): export, import, unknown senders."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from eoffice.audit.services import audit_record
from eoffice.core.errors import ValidationFailed
from eoffice.core.xlsx import download_response
from eoffice.exchange import directory, sending
from eoffice.exchange.models import (
    DirectoryAgency,
    Dispatch,
    Peer,
    ReceivedFile,
    ReceivedPackage,
    ReceivedStatus,
    SendState,
    SentStatus,
)
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


class DirectoryImportForm(forms.Form):
    file = forms.FileField(label="Tệp danh bạ (XLSX hoặc CSV)")
    dry_run = forms.BooleanField(label="Chỉ kiểm tra, chưa ghi", required=False)


@admin.register(DirectoryAgency)
class DirectoryAdmin(admin.ModelAdmin):
    """Danh bạ liên thông: the agencies with their mã định danh; the
    organisation's own admin edits them one by one, this one in bulk."""

    list_display = ["organ_id", "name", "short_name", "parent", "hosted", "email", "phone"]
    list_filter = ["hosted"]
    search_fields = ["organ_id", "name", "short_name"]
    actions = ["export_xlsx", "export_csv"]
    change_list_template = "admin/exchange/directory_changelist.html"

    def has_add_permission(self, request, obj=None):
        return False  # one agency at a time: the organisation's admin

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        own = [
            path("nhap/", self.admin_site.admin_view(self.import_view), name="exchange_directory_import"),
            path("noi-gui-chua-biet/", self.admin_site.admin_view(self.unknown_view), name="exchange_directory_unknown"),
        ]
        return own + super().get_urls()

    @admin.action(description="Xuất danh bạ đã chọn (XLSX)")
    def export_xlsx(self, request, queryset):
        return download_response(*directory.export("xlsx", queryset))

    @admin.action(description="Xuất danh bạ đã chọn (CSV)")
    def export_csv(self, request, queryset):
        return download_response(*directory.export("csv", queryset))

    def import_view(self, request):
        if not request.user.has_perm("organisation.change_agency"):
            raise PermissionDenied
        form = DirectoryImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = directory.import_file(
                    upload.name, upload.read(), actor=request.user, dry_run=form.cleaned_data["dry_run"]
                )
            except ValidationFailed as refusal:
                form.add_error("file", refusal.message)
                for line in refusal.fields.get("file", [])[5:20]:
                    form.add_error("file", line)
            else:
                verb = "Tệp hợp lệ, sẽ" if form.cleaned_data["dry_run"] else "Đã"
                self.message_user(request, f"{verb} thêm {report.created} và cập nhật {report.updated} cơ quan.")
                return redirect("admin:exchange_directoryagency_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Nhập danh bạ liên thông",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/exchange/directory_import.html", context, status=400 if form.errors else 200)

    def unknown_view(self, request):
        if request.method == "POST":
            if not request.user.has_perm("organisation.add_agency"):
                raise PermissionDenied
            try:
                agency = directory.add_unknown_sender(
                    actor=request.user, organ_id=request.POST.get("organ_id", ""), name=request.POST.get("name", "")
                )
            except ValidationFailed as refusal:
                self.message_user(request, refusal.message, messages.ERROR)
            else:
                self.message_user(request, f"Đã thêm {agency.name} ({agency.organ_id}) vào danh bạ.")
            return redirect("admin:exchange_directory_unknown")
        context = {
            **self.admin_site.each_context(request),
            "senders": directory.unknown_senders(),
            "title": "Nơi gửi chưa có trong danh bạ",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/exchange/directory_unknown.html", context)
