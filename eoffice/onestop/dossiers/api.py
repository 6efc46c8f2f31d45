"""API of one-stop dossiers: /api/v1/dossiers/ with one POST action per step
of the lifecycle, the slips as PDF and the Sổ theo dõi hồ sơ as XLSX. Every
dossier is fetched through the access helper; the rules are the services'."""

from datetime import date
from typing import cast

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from eoffice.core.api import validated
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.core.params import query_date
from eoffice.core.xlsx import XLSX_TYPE, xlsx_response
from eoffice.onestop.access import get_dossier_for_user
from eoffice.onestop.dossiers import pages, services, worklist
from eoffice.onestop.dossiers import serializers as s
from eoffice.onestop.dossiers.exports import dossier_book_xlsx
from eoffice.onestop.dossiers.selectors import dossiers_visible_to, published_procedure
from eoffice.onestop.dossiers.workflow import DOSSIER
from eoffice.onestop.models import Dossier, Status
from eoffice.organisation.access import current_actor

LIST_PARAMS = [
    OpenApiParameter("status", str, enum=Status.values, description="Trạng thái hồ sơ"),
    OpenApiParameter("procedure", str, description="Mã thủ tục"),
    OpenApiParameter("received_from", OpenApiTypes.DATE, description="Nhận từ ngày (YYYY-MM-DD)"),
    OpenApiParameter("received_to", OpenApiTypes.DATE, description="Nhận đến ngày (YYYY-MM-DD)"),
    OpenApiParameter("overdue", bool, description="true: chỉ hồ sơ quá hạn; false: chỉ hồ sơ chưa quá hạn"),
    OpenApiParameter("q", str, description="Mã hồ sơ hoặc tên người nộp (có hoặc không dấu)"),
]
BOOK_PARAMS = [
    OpenApiParameter("received_from", OpenApiTypes.DATE, required=True, description="Từ ngày (YYYY-MM-DD)"),
    OpenApiParameter("received_to", OpenApiTypes.DATE, required=True, description="Đến ngày (YYYY-MM-DD)"),
]
PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")}


def _date(params, name: str, *, required: bool = False) -> date | None:
    return query_date(params, name, required=required)


def _flag(params, name: str) -> bool | None:
    value = params.get(name, "").strip().lower()
    if value in ("", None):
        return None
    if value not in ("true", "false", "1", "0"):
        raise ValidationFailed(f"Tham số {name} phải là true hoặc false.", fields={name: ["Giá trị không hợp lệ."]})
    return value in ("true", "1")


# --------------------------------------------------------------------------- the viewset
class DossierViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Hồ sơ thủ tục hành chính (một cửa) the caller may see."""

    queryset = Dossier.objects.none()  # for the schema; get_queryset() is per caller
    serializer_class = s.DossierOut
    filter_backends: list = []

    def get_queryset(self):
        actor = current_actor(self.request)
        params = self.request.query_params
        status = params.get("status", "")
        if status and status not in Status.values:
            allowed = ", ".join(Status.values)
            raise ValidationFailed(
                f"Trạng thái “{status}” không hợp lệ; chọn một trong: {allowed}.", fields={"status": ["Không hợp lệ."]}
            )
        dossiers = worklist.filter_dossiers(
            dossiers_visible_to(actor),
            procedure=params.get("procedure", "").strip(),
            status=status,
            date_from=_date(params, "received_from"),
            date_to=_date(params, "received_to"),
            q=params.get("q", ""),
        )
        late = _flag(params, "overdue")
        if late is not None:
            dossiers = (
                dossiers.filter(worklist.overdue(timezone.now())) if late else dossiers.exclude(worklist.overdue(timezone.now()))
            )
        return worklist.in_tab_order(dossiers, "all").select_related("procedure", "received_by")

    def _context(self, dossiers) -> dict:
        now = timezone.now()
        return {"request": self.request, "time_left": {d.pk: worklist.time_left(d, now) for d in dossiers}}

    @extend_schema(parameters=LIST_PARAMS, responses=s.DossierOut(many=True))
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.DossierOut(page, many=True, context=self._context(page)).data)

    def _detail(self, dossier, status=200) -> Response:
        dossier = (
            Dossier.objects.select_related("procedure", "received_by", "result_file")
            .prefetch_related("steps__unit", "steps__handed_by", "steps__done_by", "papers__file", "events__actor")
            .get(pk=dossier.pk)
        )
        context = self._context([dossier])
        context["slips"] = [self._slip_url(dossier, link) for link in pages.slips_available(dossier)]
        return Response(s.DossierDetailOut(dossier, context=context).data, status=status)

    def _slip_url(self, dossier, link) -> str:
        url = reverse("api-dossiers-slip", kwargs={"pk": dossier.pk, "kind": link["slip"].key})
        return self.request.build_absolute_uri(url + (f"?event={link['event'].pk}" if link["event"] else ""))

    @extend_schema(responses=s.DossierDetailOut)
    def retrieve(self, request, pk=None):
        return self._detail(get_dossier_for_user(current_actor(request), pk))

    @extend_schema(request=s.DossierIn, responses={201: s.DossierDetailOut})
    def create(self, request):
        """Tiếp nhận hồ sơ at the counter: one transaction with its scans."""
        actor = current_actor(request)
        data = validated(s.DossierIn, request)
        procedure = published_procedure(data["procedure"])
        dossier = services.dossier_receive(
            actor=actor,
            procedure=procedure,
            applicant=dict(data["applicant"]),
            papers=s.paper_items(procedure, data["papers"]),
            channel=data["channel"],
            note=data["note"],
        )
        return self._detail(dossier, status=201)

    def step_response(self, request, step, dossier, result) -> Response:
        return self._detail(dossier, status=step.api_status)

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=[*pages.SLIP_BY_KEY], description="Loại phiếu"),
            OpenApiParameter("event", int, description="id sự kiện (phiếu bổ sung, xin lỗi); mặc định phiếu mới nhất"),
        ],
        responses=PDF,
    )
    @action(detail=True, methods=["get"], url_path=r"slips/(?P<kind>[a-z-]+)\.pdf", url_name="slip")
    def slip(self, request, pk=None, kind=None) -> HttpResponse:
        """A slip of the dossier as PDF; 404 if the dossier has none of that kind."""
        dossier = get_dossier_for_user(current_actor(request), pk)
        data, filename = pages.slip_pdf(dossier, pages.SLIP_BY_KEY.get(kind), request.query_params.get("event"))
        return pages.pdf_response(data, filename)

    @extend_schema(parameters=BOOK_PARAMS, responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="XLSX")})
    @action(detail=False, methods=["get"], url_path=r"book\.xlsx", url_name="book-xlsx")
    def book_xlsx(self, request) -> HttpResponse:
        """Sổ theo dõi hồ sơ of a period (the counter and the agency's leaders)."""
        actor = current_actor(request)
        if not worklist.may_see_book(actor):
            raise NotAllowed("Chỉ Bộ phận một cửa và lãnh đạo cơ quan được xem Sổ theo dõi hồ sơ.")
        first = cast(date, _date(request.query_params, "received_from", required=True))  # required: a date or 400
        last = cast(date, _date(request.query_params, "received_to", required=True))
        if first > last:
            raise ValidationFailed(
                "received_from phải trước hoặc bằng received_to.", fields={"received_from": ["Kỳ không hợp lệ."]}
            )
        label = worklist.period_label(first, last)
        data = dossier_book_xlsx(worklist.book_dossiers(actor, first, last), agency=actor.agency, period_label=label)
        return xlsx_response(data, worklist.book_filename(first, last))


DOSSIER.add_api_actions(DossierViewSet, s.DossierDetailOut)
