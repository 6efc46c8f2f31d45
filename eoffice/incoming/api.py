"""API for incoming documents: /api/v1/incoming/ and /api/v1/assignments/. The
POST action of each workflow step comes from incoming.workflow; the register
as XLSX is in reports/api.py."""

from collections.abc import Sequence
from typing import Any, cast

from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from eoffice.core.api import validated
from eoffice.core.errors import ValidationFailed
from eoffice.core.openapi import year_parameter
from eoffice.core.params import query_date, query_year
from eoffice.incoming import serializers as s
from eoffice.incoming.access import get_incoming_for_user
from eoffice.incoming.models import Assignment, IncomingDocument
from eoffice.incoming.receiving import services
from eoffice.incoming.selectors import TABS, document_filters, inbox_assignments, registry_queue
from eoffice.incoming.workflow import ASSIGNMENT, DOCUMENT
from eoffice.organisation.access import current_actor

LIST_PARAMS = [
    OpenApiParameter(name, str, description=text)
    for name, text in [
        ("q", "Tìm theo trích yếu, số, ký hiệu, cơ quan ban hành (có hoặc không dấu)"),
        ("status", "Trạng thái"),
        ("type_name", "Loại văn bản"),
        ("priority", "Độ khẩn 0–3"),
        ("confidentiality", "Độ mật 0–3"),
        ("date_from", "Ngày đến từ (YYYY-MM-DD)"),
        ("date_to", "Ngày đến đến (YYYY-MM-DD)"),
    ]
] + [year_parameter("Năm đến")]


def list_params(query: QueryDict) -> dict[str, Any]:
    """The list's query string with its dates and year read strictly (400 otherwise)."""
    params: dict[str, Any] = {key: query.get(key) for key in query}
    params["date_from"] = query_date(query, "date_from", label="Ngày đến từ")
    params["date_to"] = query_date(query, "date_to", label="Ngày đến đến")
    params["year"] = query_year(query)
    return params


class IncomingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Văn bản đến. Every object is fetched through the access helper."""

    serializer_class = s.IncomingOut
    filter_backends: list = []

    queryset = IncomingDocument.objects.none()  # for the schema; get_queryset() is per caller

    def get_queryset(self):
        actor = current_actor(self.request)
        qs = IncomingDocument.objects.visible_to(actor).select_related("register")
        return document_filters(qs, list_params(self.request.query_params)).order_by("-arrival_date", "-arrival_number")

    @extend_schema(parameters=LIST_PARAMS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        document = get_incoming_for_user(current_actor(request), pk)
        return Response(s.IncomingDetailOut(document).data)

    @extend_schema(request=s.IncomingIn, responses={201: s.IncomingDetailOut})
    def create(self, request):
        data = validated(s.IncomingIn, request)
        files = data.pop("files", []) or request.FILES.getlist("files")
        confirm = data.pop("confirm_duplicate", False)
        document = services.incoming_register(actor=current_actor(request), data=data, files=files, confirm_duplicate=confirm)
        return Response(s.IncomingDetailOut(document).data, status=201)

    def step_response(self, request, step, document, result):
        document.refresh_from_db()
        return Response(s.IncomingDetailOut(document).data, status=step.api_status)


DOCUMENT.add_api_actions(IncomingViewSet, s.IncomingDetailOut)


class AssignmentViewSet(viewsets.GenericViewSet):
    """Nhiệm vụ xử lý văn bản đến (the inbox items)."""

    serializer_class = s.AssignmentOut

    def get_queryset(self):  # used only for schema generation
        return Assignment.objects.none()

    @extend_schema(parameters=[OpenApiParameter("tab", str, enum=list(TABS))], responses=s.AssignmentOut(many=True))
    def list(self, request):
        tab = request.query_params.get("tab", "waiting")
        if tab not in TABS:
            raise ValidationFailed("Tab không hợp lệ: waiting, due_soon, overdue hoặc done.", fields={"tab": ["Không hợp lệ."]})
        page = self.paginate_queryset(cast("Sequence[Any]", inbox_assignments(current_actor(request), tab)))  # sliced and counted
        return self.get_paginated_response(s.AssignmentOut(page, many=True).data)

    def step_response(self, request, step, assignment, result):
        if not step.api_result:
            result = assignment
            result.refresh_from_db()
        return Response(s.AssignmentOut(result).data, status=step.api_status)


ASSIGNMENT.add_api_actions(AssignmentViewSet, s.AssignmentOut)


class RegistryQueueViewSet(viewsets.GenericViewSet):
    queryset = IncomingDocument.objects.none()  # for the schema; get_queryset() is per caller
    serializer_class = s.IncomingOut

    def get_queryset(self):
        return registry_queue(current_actor(self.request))

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.IncomingOut(page, many=True).data)
