"""API of the procedure catalogue: /api/v1/procedures/ — public read (anonymous
allowed, throttled), and export/import for the agency's administrator."""

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from eoffice.core.errors import ServiceError, ValidationFailed, require
from eoffice.core.xlsx import XLSX_TYPE, xlsx_response
from eoffice.onestop.catalogue import selectors
from eoffice.onestop.catalogue import serializers as s
from eoffice.onestop.catalogue import services as catalogue
from eoffice.onestop.models import Procedure
from eoffice.onestop.public.ratelimit import client_address
from eoffice.organisation.access import current_actor


class ProcedureNotFound(ServiceError):
    """An unknown or unpublished procedure code (HTTP 404, with the code in the message)."""

    status = 404
    code = "not_found"


class PublicCatalogueThrottle(AnonRateThrottle):
    """Anonymous readers share the catalogue politely: EOFFICE_PUBLIC_API_RATE
    requests per client address (default 120/min)."""

    scope = "procedures"

    def get_rate(self):
        return getattr(settings, "EOFFICE_PUBLIC_API_RATE", "120/min")

    def get_ident(self, request):
        # DRF's own reading believes any X-Forwarded-For a client sends (a new
        # address per request would escape the limit); ours trusts only our proxies.
        return client_address(request)


LIST_PARAMS = [
    OpenApiParameter("q", str, description="Tìm theo tên hoặc mã thủ tục (có hoặc không dấu)"),
    OpenApiParameter("field", str, description="Mã lĩnh vực, ví dụ G02-XD"),
    OpenApiParameter("level", str, enum=["central", "province", "commune"], description="Cấp thực hiện"),
    OpenApiParameter("online", str, enum=["none", "partial", "full"], description="Mức dịch vụ công trực tuyến"),
]


class ProcedureViewSet(viewsets.ReadOnlyModelViewSet):
    """Thủ tục hành chính đã công khai."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicCatalogueThrottle]
    serializer_class = s.ProcedureOut
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"  # codes hold dots: 1.011442.000.00.00.H38
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        queryset = selectors.procedure_filters(
            selectors.published_procedures(),
            q=params.get("q", ""),
            field=params.get("field", ""),
            level=params.get("level", ""),
            online=params.get("online", ""),
        )
        return queryset.order_by("field__name", "name")

    @extend_schema(parameters=LIST_PARAMS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.ProcedureDetailOut)
    def retrieve(self, request, code=None):
        procedure = selectors.get_published_procedure(code)
        if procedure is None:
            raise ProcedureNotFound(f"Không tìm thấy thủ tục hành chính có mã “{code}”, hoặc thủ tục chưa được công khai.")
        return Response(s.ProcedureDetailOut(procedure, context={"request": request}).data)


def _admin(request):
    """The current agency's administrator (quản trị), or 403."""
    actor = current_actor(request)
    require(actor.is_admin, "Chỉ quản trị viên của cơ quan mới được xuất, nhập danh mục thủ tục hành chính.")
    return actor


class ProcedureExportJsonView(APIView):
    """The agency's whole catalogue (published or not) as JSON, form files embedded."""

    @extend_schema(
        parameters=[OpenApiParameter("files", bool, description="Kèm nội dung tệp mẫu (mặc định có)")],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="Danh mục thủ tục (xem docs/onestop.md)")
        },
    )
    def get(self, request):
        actor = _admin(request)
        include_files = request.query_params.get("files", "1") not in ("0", "false")
        data = catalogue.export_json_bytes(Procedure.objects.filter(agency=actor.agency), include_files=include_files)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="thu-tuc-hanh-chinh.json"'
        return response


class ProcedureExportXlsxView(APIView):
    """The agency's whole catalogue as one workbook (four sheets)."""

    @extend_schema(responses={(200, XLSX_TYPE): bytes})
    def get(self, request):
        actor = _admin(request)
        return xlsx_response(catalogue.export_xlsx(Procedure.objects.filter(agency=actor.agency)), "thu-tuc-hanh-chinh.xlsx")


class ProcedureImportView(APIView):
    """Nhập danh mục: a .json or .xlsx file (multipart "file"), or the JSON
    catalogue as the request body. All or nothing; every error is listed in
    error.fields.file."""

    @extend_schema(request=s.ProcedureImportIn, responses=s.ProcedureImportOut)
    def post(self, request):
        actor = _admin(request)
        if request.content_type.startswith("application/json"):
            report = catalogue.import_json(request.data, actor=actor, agency=actor.agency)
        else:
            serializer = s.ProcedureImportIn(data=request.data)
            serializer.is_valid(raise_exception=True)
            upload = serializer.validated_data["file"]
            limit = settings.EOFFICE_MAX_UPLOAD_MB
            if upload.size > limit * 1024 * 1024:
                raise ValidationFailed(f"Tệp “{upload.name}” vượt quá dung lượng cho phép ({limit} MB).")
            report = catalogue.import_file(
                upload.name, upload.read(), actor=actor, agency=actor.agency, dry_run=serializer.validated_data["dry_run"]
            )
        data = {**report.__dict__, "summary": report.summary()}
        return Response(s.ProcedureImportOut(data).data)
