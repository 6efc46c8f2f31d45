"""API: /api/v1/copies/ — the register of copies, a copy, its file, making one."""

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from eoffice.attachments.http import stored_file_response
from eoffice.copies import exports
from eoffice.copies.models import CopyForm, CopyMedium, DocumentCopy
from eoffice.copies.selectors import copies_visible_to, get_copy_for_user, signers
from eoffice.copies.services import copy_make
from eoffice.copies.sources import source_for, source_of
from eoffice.copies.views import request_from
from eoffice.core.api import validated
from eoffice.core.errors import ValidationFailed
from eoffice.core.openapi import file_response, year_parameter
from eoffice.core.params import query_year
from eoffice.core.xlsx import XLSX_TYPE
from eoffice.organisation.access import current_actor


class CopyOut(serializers.ModelSerializer):
    form_words = serializers.CharField(read_only=True)
    copied_from = serializers.SerializerMethodField()
    signer = serializers.CharField(source="signer.username", default="", read_only=True)

    class Meta:
        model = DocumentCopy
        fields = [
            "id",
            "code",
            "number",
            "form",
            "form_words",
            "medium",
            "copied_on",
            "copied_from",
            "outgoing",
            "incoming",
            "original",
            "pages",
            "places_text",
            "amount",
            "signer",
            "signer_title",
            "note",
        ]

    def get_copied_from(self, copy: DocumentCopy) -> str:
        return source_of(copy)


class CopyIn(serializers.Serializer):
    """Exactly one of outgoing, incoming, original names the source."""

    form = serializers.ChoiceField(choices=CopyForm.choices)
    medium = serializers.ChoiceField(choices=CopyMedium.choices)
    outgoing = serializers.IntegerField(required=False, min_value=1)
    incoming = serializers.IntegerField(required=False, min_value=1)
    original = serializers.IntegerField(required=False, min_value=1)
    pages = serializers.CharField(required=False, allow_blank=True, max_length=60)
    places = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text="Mỗi nơi một dòng.")
    amount = serializers.IntegerField(required=False, min_value=1, max_value=999, default=1)
    signer = serializers.CharField(required=False, allow_blank=True, max_length=150, help_text="Tên đăng nhập của lãnh đạo ký.")
    signer_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    pin = serializers.CharField(required=False, allow_blank=True, max_length=100)

    def validate(self, attrs):
        named = [k for k in ("outgoing", "incoming", "original") if attrs.get(k)]
        if len(named) != 1:
            raise serializers.ValidationError("Ghi đúng một văn bản được sao: outgoing, incoming hoặc original.")
        return attrs


class CopyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Bản sao văn bản: listed for the registry and leaders (the year's register), made by the registry."""

    serializer_class = CopyOut
    filter_backends: list = []
    queryset = DocumentCopy.objects.none()  # for the schema

    def get_queryset(self):
        actor = current_actor(self.request)
        copies = copies_visible_to(actor).select_related(
            "signer", "outgoing__agency", "incoming", "original__outgoing__agency", "original__incoming"
        )
        if year := query_year(self.request.query_params):
            copies = copies.filter(register__year=year)
        return copies.order_by("-copied_on", "-number")

    @extend_schema(parameters=[year_parameter("Năm sao")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        return Response(CopyOut(get_copy_for_user(current_actor(request), pk)).data)

    @extend_schema(request=CopyIn, responses={201: CopyOut})
    def create(self, request):
        actor = current_actor(request)
        data = validated(CopyIn, request)
        kind = next(k for k in ("outgoing", "incoming", "original") if data.get(k))
        source = source_for(actor, kind, data[kind])
        if data.get("signer"):
            data["signer"] = signers(actor.agency).filter(username=data["signer"]).first()
            if data["signer"] is None:
                raise ValidationFailed(
                    "Người ký bản sao phải là lãnh đạo cơ quan.", fields={"signer": ["Không phải lãnh đạo cơ quan."]}
                )
        copy = copy_make(actor=actor, source=source, request=request_from(data))
        return Response(CopyOut(copy).data, status=201)

    @extend_schema(responses=file_response("application/pdf", "Bản sao (PDF)"))
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None) -> FileResponse:
        copy = get_copy_for_user(current_actor(request), pk)
        return stored_file_response(copy.file, f"ban-sao-{copy.code.replace('/', '-')}.pdf")

    @extend_schema(parameters=[year_parameter("Năm của sổ")], responses=file_response(XLSX_TYPE, "Sổ đăng ký bản sao (XLSX)"))
    @action(detail=False, methods=["get"], url_path="register.xlsx", url_name="register-xlsx")
    def register_xlsx(self, request) -> HttpResponse:
        actor = current_actor(request)
        if not actor.sees_whole_agency:
            raise NotFound("Chỉ văn thư và lãnh đạo cơ quan được xem sổ.")
        return exports.register_xlsx_response(actor, year=query_year(request.query_params) or timezone.localdate().year)
