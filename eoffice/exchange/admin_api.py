"""The exchange's administration through the API (the admin pages do the same):
the directory of agencies (read by anyone signed in, for picking recipients;
exported and imported by administrators), the senders not in it, and the
packages we send with the dead letters to send again (administrators only).

    GET  /api/v1/exchange/agencies/?q=…              the directory
    GET  /api/v1/exchange/agencies/export-xlsx/, export-csv/  administrators
    POST /api/v1/exchange/agencies/import/           administrators; multipart "file", "dry_run"
    GET  /api/v1/exchange/unknown-senders/           administrators
    POST /api/v1/exchange/unknown-senders/           administrators; {"organ_id", "name"}: add to the directory
    GET  /api/v1/exchange/dispatches/?state=dead     administrators
    POST /api/v1/exchange/dispatches/{id}/retry/     administrators"""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.audit.services import audit_record
from eoffice.core.errors import InvalidState, ValidationFailed
from eoffice.core.xlsx import XLSX_TYPE, download_response
from eoffice.exchange import directory, sending
from eoffice.exchange.models import Dispatch, SendState
from eoffice.organisation.models import Agency

MAX_FILE = directory.MAX_BYTES


class IsExchangeAdmin(BasePermission):
    """Staff who may change the agencies (the installation's administrators)."""

    message = "Chỉ quản trị viên hệ thống mới quản lý danh bạ và gói tin liên thông."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff and user.has_perm("organisation.change_agency"))


class AgencyOut(serializers.ModelSerializer):
    parent_organ_id = serializers.CharField(source="parent.organ_id", default="", allow_null=True)

    class Meta:
        model = Agency
        fields = ["id", "organ_id", "name", "short_name", "parent_organ_id", "hosted", "address", "email", "phone"]


class ImportIn(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)


class ImportOut(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    dry_run = serializers.BooleanField()


class UnknownSenderOut(serializers.Serializer):
    organ_id = serializers.CharField(source="sender_organ_id")
    name = serializers.CharField()
    packages = serializers.IntegerField()
    latest = serializers.DateTimeField()


class UnknownSenderIn(serializers.Serializer):
    organ_id = serializers.CharField(max_length=35)
    name = serializers.CharField(max_length=200)


class DispatchOut(serializers.ModelSerializer):
    class Meta:
        model = Dispatch
        fields = ["id", "kind", "message_id", "recipient_organ_id", "state", "attempts", "last_error"]
        fields += ["next_attempt_at", "reference", "created_at", "sent_at"]


class AgencyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Danh bạ cơ quan liên thông: the agencies with a mã định danh."""

    serializer_class = AgencyOut
    queryset = Agency.objects.none()

    def get_queryset(self):
        rows = Agency.objects.exclude(organ_id=None).select_related("parent").order_by("organ_id")
        words = (self.request.query_params.get("q") or "").strip()[:100]
        return rows.filter(Q(name__icontains=words) | Q(organ_id__icontains=words)) if words else rows

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Tên hoặc mã định danh chứa chuỗi này")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={(200, XLSX_TYPE): bytes})
    @action(detail=False, url_path="export-xlsx", permission_classes=[IsExchangeAdmin])
    def export_xlsx(self, request):
        return download_response(*directory.export("xlsx", Agency.objects.all()))

    @extend_schema(responses={(200, "text/csv"): bytes})
    @action(detail=False, url_path="export-csv", permission_classes=[IsExchangeAdmin])
    def export_csv(self, request):
        return download_response(*directory.export("csv", Agency.objects.all()))

    @extend_schema(request={"multipart/form-data": ImportIn}, responses=ImportOut)
    @action(detail=False, methods=["post"], url_path="import", permission_classes=[IsExchangeAdmin])
    def import_file(self, request):
        body = ImportIn(data=request.data)
        body.is_valid(raise_exception=True)
        upload, dry_run = body.validated_data["file"], body.validated_data["dry_run"]
        if upload.size > MAX_FILE:
            raise ValidationFailed(f"Tệp danh bạ lớn hơn {MAX_FILE // 1024 // 1024} MB.")
        report = directory.import_file(upload.name, upload.read(), actor=request.user, dry_run=dry_run)
        return Response({"created": report.created, "updated": report.updated, "dry_run": dry_run})


class UnknownSendersView(APIView):
    """Nơi gửi chưa có trong danh bạ."""

    permission_classes = [IsExchangeAdmin]

    @extend_schema(responses=UnknownSenderOut(many=True))
    def get(self, request):
        return Response(UnknownSenderOut(directory.unknown_senders(), many=True).data)

    @extend_schema(request=UnknownSenderIn, responses={201: AgencyOut})
    def post(self, request):
        body = UnknownSenderIn(data=request.data)
        body.is_valid(raise_exception=True)
        agency = directory.add_unknown_sender(actor=request.user, **body.validated_data)
        return Response(AgencyOut(agency).data, status=201)


class DispatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Gói tin gửi đi; ?state=dead: the dead letters."""

    serializer_class = DispatchOut
    permission_classes = [IsExchangeAdmin]
    queryset = Dispatch.objects.none()

    def get_queryset(self):
        rows = Dispatch.objects.order_by("-created_at", "-id")
        state = self.request.query_params.get("state")
        if state is None:
            return rows
        if state not in SendState.values:
            raise ValidationFailed("Trạng thái không hợp lệ: " + ", ".join(SendState.values) + ".", fields={"state": ["?"]})
        return rows.filter(state=state)

    @extend_schema(parameters=[OpenApiParameter("state", str, enum=SendState.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: DispatchOut, 409: OpenApiResponse(description="Đã gửi")})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        row = self.get_object()
        if row.state == SendState.SENT:
            raise InvalidState("Gói tin này đã được gửi.")
        row = sending.retry(row)
        audit_record(actor=request.user, action="exchange.resend", obj=row, summary=f"Gửi lại gói tin {row.message_id}")
        return Response(DispatchOut(row).data)
