"""API for outgoing documents: /api/v1/outgoing/ with one action per step (the
steps come from outgoing.workflow)."""

from typing import Any, cast

from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from eoffice.core.api import validated
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.core.openapi import file_response, year_parameter
from eoffice.core.params import query_year
from eoffice.core.parsers import CleanFormParser, CleanMultiPartParser
from eoffice.core.xlsx import XLSX_TYPE
from eoffice.incoming.access import get_incoming_for_user
from eoffice.incoming.reports.api import CONFIDENTIAL as CONFIDENTIAL_REGISTER
from eoffice.organisation.access import current_actor
from eoffice.organisation.models import Agency, User
from eoffice.outgoing import serializers as s
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.documents.files import DOCX_TYPE, docx_response, pdf_response
from eoffice.outgoing.drafting import services
from eoffice.outgoing.drafting.serializers import DraftIn, DraftUpdateIn, OutgoingAttachmentChangeIn, OutgoingAttachmentIn
from eoffice.outgoing.models import OutgoingDocument
from eoffice.outgoing.register.exports import register_pdf_response, register_xlsx_response
from eoffice.outgoing.register.selectors import open_confidential_register
from eoffice.outgoing.workflow import DOCUMENT


def _signer(actor, username: str) -> User:
    user = User.objects.filter(username=username, memberships__agency=actor.agency).distinct().first()
    if user is None:
        raise ValidationFailed(f"Không có cán bộ “{username}” trong cơ quan.", fields={"signer": ["Không tìm thấy cán bộ."]})
    return user


def _recipients(keys: list[str]) -> list[Agency]:
    agencies = []
    for key in keys:
        agency = Agency.objects.filter(Q(organ_id=key) | Q(short_name=key)).order_by("-hosted", "id").first()
        if agency is None:
            raise ValidationFailed(f"Không tìm thấy cơ quan nhận “{key}”.", fields={"recipients": [f"“{key}” không có."]})
        agencies.append(agency)
    return agencies


def _relations(actor, data: dict) -> dict:
    """Turn the API's names and ids into objects, through the access helpers."""
    extra: dict[str, Any] = {}
    if "signer" in data:
        extra["signer"] = _signer(actor, data.pop("signer"))
    if "recipients" in data:
        extra["recipients"] = _recipients(data.pop("recipients"))
    if "answers" in data:
        extra["answers"] = [get_incoming_for_user(actor, pk) for pk in data.pop("answers")]
    return extra


class OutgoingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Văn bản đi. Every object is fetched through the access helper."""

    serializer_class = s.OutgoingOut
    filter_backends: list = []

    queryset = OutgoingDocument.objects.none()  # for the schema; get_queryset() is per caller

    def get_queryset(self):
        actor = current_actor(self.request)
        qs = OutgoingDocument.objects.visible_to(actor).select_related("drafting_unit", "drafter", "signer")
        params = self.request.query_params
        for name in ("status", "type_name"):
            if params.get(name):
                qs = qs.filter(**{name: params[name]})
        if year := query_year(params):
            qs = qs.filter(issued_date__year=year)
        return qs.order_by("-updated_at", "-id")

    @extend_schema(parameters=[OpenApiParameter(n, str) for n in ("status", "type_name")] + [year_parameter("Năm ban hành")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        return Response(s.OutgoingDetailOut(get_outgoing_for_user(current_actor(request), pk)).data)

    @extend_schema(request=DraftIn, responses={201: s.OutgoingDetailOut})
    def create(self, request):
        actor = current_actor(request)
        data = validated(DraftIn, request)
        document = services.outgoing_create(actor=actor, data=data, **_relations(actor, data))
        return Response(s.OutgoingDetailOut(document).data, status=201)

    @extend_schema(request=DraftUpdateIn, responses=s.OutgoingDetailOut)
    def partial_update(self, request, pk=None):
        actor = current_actor(request)
        document = get_outgoing_for_user(actor, pk)
        data = validated(DraftUpdateIn, request, partial=True)
        others = {name: data.pop(name) for name in DraftUpdateIn.NOT_DRAFT_FIELDS if name in data}
        document = services.outgoing_update(actor=actor, document=document, data=data, **others, **_relations(actor, data))
        return Response(s.OutgoingDetailOut(document).data)

    def step_response(self, request, step, document, result):
        if step.api_result:
            document = result
        else:
            document.refresh_from_db()
        return Response(s.OutgoingDetailOut(document).data, status=step.api_status)

    @extend_schema(request={"multipart/form-data": OutgoingAttachmentIn}, responses={201: s.OutgoingAttachmentOut})
    @action(detail=True, methods=["post"], parser_classes=[CleanMultiPartParser, CleanFormParser])
    def attachments(self, request, pk=None):
        """Đính kèm a file (or phụ lục, `is_appendix`) to a draft: its drafter, while it may be edited."""
        actor = current_actor(request)
        document = get_outgoing_for_user(actor, pk)
        values = validated(OutgoingAttachmentIn, request)
        attachment = services.attachment_add(
            actor=actor, document=document, upload=values["file"], is_appendix=values["is_appendix"]
        )
        return Response(s.OutgoingAttachmentOut(attachment).data, status=201)

    @extend_schema(request=OutgoingAttachmentChangeIn, responses={200: s.OutgoingAttachmentOut, 204: None})
    @action(detail=True, methods=["patch", "delete"], url_path=r"attachments/(?P<attachment_pk>[0-9]+)", url_name="attachment")
    def attachment(self, request, pk=None, attachment_pk=None):
        """PATCH marks a draft's file as phụ lục or not; DELETE takes it off the draft."""
        actor = current_actor(request)
        document = get_outgoing_for_user(actor, pk)
        attachment = document.attachments.filter(pk=attachment_pk).select_related("stored_file").first()
        if attachment is None:
            raise NotFound("Không có tệp này trong văn bản.")
        if request.method == "DELETE":
            services.attachment_remove(actor=actor, document=document, attachment=attachment)
            return Response(status=204)
        values = validated(OutgoingAttachmentChangeIn, request)
        attachment = services.attachment_mark(actor=actor, document=document, attachment=attachment, **values)
        return Response(s.OutgoingAttachmentOut(attachment).data)

    @extend_schema(responses=file_response("application/pdf", "PDF: bản đã ban hành (hoặc đã ký), nếu không là bản dự thảo"))
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None) -> HttpResponse:
        return pdf_response(get_outgoing_for_user(current_actor(request), pk))

    @extend_schema(responses=file_response(DOCX_TYPE, "DOCX có thể chỉnh sửa"))
    @action(detail=True, methods=["get"])
    def docx(self, request, pk=None) -> HttpResponse:
        return docx_response(get_outgoing_for_user(current_actor(request), pk))

    def _register(self, request) -> tuple[Any, int, bool]:
        """(actor, year, confidential) of a register request; `so=mat` only to those granted, audited."""
        actor = current_actor(request)
        if not actor.sees_whole_agency:
            raise NotAllowed("Chỉ văn thư và lãnh đạo cơ quan được xem sổ đăng ký văn bản đi.")
        year = cast(int, query_year(request.query_params, required=True))
        confidential = request.query_params.get("so") == "mat"
        if confidential:
            open_confidential_register(actor, path=request.path)
        return actor, year, confidential

    @extend_schema(
        parameters=[year_parameter("Năm của sổ", required=True), CONFIDENTIAL_REGISTER],
        responses=file_response(XLSX_TYPE, "Sổ đăng ký văn bản đi (XLSX)"),
    )
    @action(detail=False, methods=["get"], url_path="register.xlsx", url_name="register-xlsx")
    def register_xlsx(self, request) -> HttpResponse:
        """Sổ đăng ký văn bản đi of a year (Appendix IV columns; confidential documents in the register `so=mat`)."""
        actor, year, confidential = self._register(request)
        return register_xlsx_response(actor, year=year, confidential=confidential)

    @extend_schema(
        parameters=[year_parameter("Năm của sổ", required=True), CONFIDENTIAL_REGISTER],
        responses=file_response("application/pdf", "Sổ đăng ký văn bản đi, bản in để đóng sổ (PDF)"),
    )
    @action(detail=False, methods=["get"], url_path="register.pdf", url_name="register-pdf")
    def register_pdf(self, request) -> HttpResponse:
        """The register printed to be signed and bound: cover, first page, rows."""
        actor, year, confidential = self._register(request)
        return register_pdf_response(actor, year=year, confidential=confidential)


DOCUMENT.add_api_actions(OutgoingViewSet, s.OutgoingDetailOut)
