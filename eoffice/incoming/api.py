"""API for incoming documents: /api/v1/incoming/ and /api/v1/assignments/."""

from collections.abc import Sequence
from typing import Any, cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.core.api import validated
from eoffice.core.errors import ValidationFailed
from eoffice.incoming import serializers as s
from eoffice.incoming import services
from eoffice.incoming.access import get_assignment_for_user, get_incoming_for_user
from eoffice.incoming.exports import XLSX_TYPE, register_xlsx_response
from eoffice.incoming.models import Assignment, IncomingDocument
from eoffice.incoming.selectors import TABS, document_filters, inbox_assignments, registry_queue
from eoffice.organisation.access import current_actor
from eoffice.organisation.models import Unit, User

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
        ("year", "Năm đến"),
    ]
]


def _unit(actor, abbreviation: str, field: str) -> Unit:
    unit = Unit.objects.filter(agency=actor.agency, abbreviation=abbreviation).first()
    if unit is None:
        raise ValidationFailed(f"Không có đơn vị “{abbreviation}” trong cơ quan.", fields={field: ["Không tìm thấy đơn vị."]})
    return unit


def _user(actor, username: str, field: str) -> User:
    user = User.objects.filter(username=username, memberships__agency=actor.agency).distinct().first()
    if user is None:
        raise ValidationFailed(f"Không có cán bộ “{username}” trong cơ quan.", fields={field: ["Không tìm thấy cán bộ."]})
    return user


class IncomingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Văn bản đến. Every object is fetched through the access helper."""

    serializer_class = s.IncomingOut
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends: list = []

    queryset = IncomingDocument.objects.none()  # for the schema; get_queryset() is per caller

    def get_queryset(self):
        actor = current_actor(self.request)
        qs = IncomingDocument.objects.visible_to(actor).select_related("register")
        return document_filters(qs, self.request.query_params).order_by("-arrival_date", "-arrival_number")

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

    def _act(self, request, pk, serializer_class, run):
        actor = current_actor(request)
        document = get_incoming_for_user(actor, pk)
        run(actor, document, validated(serializer_class, request))
        document.refresh_from_db()
        return Response(s.IncomingDetailOut(document).data)

    @extend_schema(request=s.SubmitIn, responses=s.IncomingDetailOut)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(
            request,
            pk,
            s.SubmitIn,
            lambda actor, doc, d: services.incoming_submit(
                actor=actor, document=doc, leader=_user(actor, d["leader"], "leader"), note=d["note"]
            ),
        )

    @extend_schema(request=s.ReasonIn, responses=s.IncomingDetailOut)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._act(
            request, pk, s.ReasonIn, lambda actor, doc, d: services.incoming_return(actor=actor, document=doc, reason=d["reason"])
        )

    @extend_schema(request=s.ReasonIn, responses=s.IncomingDetailOut)
    @action(detail=True, methods=["post"])
    def recall(self, request, pk=None):
        return self._act(
            request, pk, s.ReasonIn, lambda actor, doc, d: services.incoming_recall(actor=actor, document=doc, reason=d["reason"])
        )

    @extend_schema(request=s.DirectIn, responses=s.IncomingDetailOut)
    @action(detail=True, methods=["post"])
    def direct(self, request, pk=None):
        def run(actor, doc, d):
            services.incoming_direct(
                actor=actor,
                document=doc,
                opinion=d["opinion"],
                lead_unit=_unit(actor, d["lead_unit"], "lead_unit"),
                coordinating_units=[_unit(actor, a, "coordinating_units") for a in d["coordinating_units"]],
                inform_units=[_unit(actor, a, "inform_units") for a in d["inform_units"]],
                inform_users=[_user(actor, u, "inform_users") for u in d["inform_users"]],
                deadline=d.get("deadline"),
                deadline_days=d.get("deadline_days"),
            )

        return self._act(request, pk, s.DirectIn, run)

    @extend_schema(request=s.GrantIn, responses=s.IncomingDetailOut)
    @action(detail=True, methods=["post"])
    def grant(self, request, pk=None):
        return self._act(
            request,
            pk,
            s.GrantIn,
            lambda actor, doc, d: services.incoming_grant_access(actor=actor, document=doc, user=_user(actor, d["user"], "user")),
        )


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

    def _act(self, request, pk, serializer_class, run):
        actor = current_actor(request)
        assignment = get_assignment_for_user(actor, pk)
        result = run(actor, assignment, validated(serializer_class, request))
        return Response(s.AssignmentOut(result).data)

    @extend_schema(request=s.ReassignIn, responses=s.AssignmentOut)
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        return self._act(
            request,
            pk,
            s.ReassignIn,
            lambda actor, a, d: services.assignment_reassign(
                actor=actor,
                assignment=a,
                user=_user(actor, d["user"], "user"),
                deadline=d.get("deadline"),
                deadline_days=d.get("deadline_days"),
                note=d["note"],
            ),
        )

    @extend_schema(request=s.NoteIn, responses=s.AssignmentOut)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        def run(actor, a, d):
            services.assignment_progress(actor=actor, assignment=a, note=d["note"])
            a.refresh_from_db()
            return a

        return self._act(request, pk, s.NoteIn, run)

    @extend_schema(request=s.CompleteIn, responses=s.AssignmentOut)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._act(
            request,
            pk,
            s.CompleteIn,
            lambda actor, a, d: services.assignment_complete(
                actor=actor, assignment=a, proposal=d["proposal"], answer_reference=d["answer_reference"]
            ),
        )


class RegistryQueueViewSet(viewsets.GenericViewSet):
    queryset = IncomingDocument.objects.none()  # for the schema; get_queryset() is per caller
    serializer_class = s.IncomingOut

    def get_queryset(self):
        return registry_queue(current_actor(self.request))

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.IncomingOut(page, many=True).data)


class IncomingRegisterXlsxView(APIView):
    """Sổ đăng ký văn bản đến of a year as XLSX (Appendix IV columns)."""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True)],
        responses={(200, XLSX_TYPE): bytes},
    )
    def get(self, request):
        year = request.query_params.get("year", "")
        if not year.isdigit() or not 1900 < int(year) < 2200:
            raise ValidationFailed("Tham số year phải là năm, ví dụ 2026.", fields={"year": ["Năm không hợp lệ."]})
        return register_xlsx_response(current_actor(request), year=int(year))
