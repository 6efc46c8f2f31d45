"""API of one-stop dossiers: /api/v1/dossiers/ with one POST action per step
of the lifecycle, the slips as PDF and the Sổ theo dõi hồ sơ as XLSX. Every
dossier is fetched through the access helper; the rules are the services'."""

import base64
import binascii
from datetime import date
from typing import cast

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from eoffice.core.api import validated
from eoffice.core.errors import NotAllowed, ValidationFailed
from eoffice.core.xlsx import XLSX_TYPE, xlsx_response
from eoffice.onestop.access import get_dossier_for_user
from eoffice.onestop.dossiers import pages, services, worklist
from eoffice.onestop.dossiers import serializers as s
from eoffice.onestop.dossiers.exports import dossier_book_xlsx
from eoffice.onestop.dossiers.selectors import dossiers_visible_to, published_procedure
from eoffice.onestop.models import Dossier, RequiredPaper, Status
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
    value = params.get(name, "")
    if not value:
        if required:
            raise ValidationFailed(f"Cần tham số {name} (YYYY-MM-DD).", fields={name: ["Trường này là bắt buộc."]})
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(
            f"Tham số {name} phải là một ngày có thật dạng YYYY-MM-DD.", fields={name: ["Ngày không hợp lệ."]}
        ) from None


def _flag(params, name: str) -> bool | None:
    value = params.get(name, "").strip().lower()
    if value in ("", None):
        return None
    if value not in ("true", "false", "1", "0"):
        raise ValidationFailed(f"Tham số {name} phải là true hoặc false.", fields={name: ["Giá trị không hợp lệ."]})
    return value in ("true", "1")


# --------------------------------------------------------------------------- files and papers
def _decoded(name: str, content: str, field: str) -> SimpleUploadedFile:
    """A base64 file as an upload, so it is checked like any other (type by content, size)."""
    if not name:
        raise ValidationFailed("Cần tên tệp (kèm phần mở rộng) khi gửi tệp base64.", fields={field: ["Thiếu tên tệp."]})
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed(
            f"Nội dung tệp “{name}” không phải base64 hợp lệ.", fields={field: ["Base64 không hợp lệ."]}
        ) from None
    return SimpleUploadedFile(name, data)


def _upload(item: dict, prefix: str, field: str):
    """The file of an input item: a multipart part, or base64 with its name."""
    if item.get(prefix):
        return item[prefix]
    if item.get(f"{prefix}_base64"):
        return _decoded(item.get(f"{prefix}_name", ""), item[f"{prefix}_base64"], field)
    return None


def _papers(procedure, items: list[dict]) -> list[dict]:
    """The papers as the services take them: checklist ids resolved within the
    procedure, scans stored (within the caller's transaction)."""
    ids = [item["required_paper"] for item in items if item.get("required_paper") is not None]
    listed = RequiredPaper.objects.in_bulk(ids) if ids else {}
    papers = []
    for index, item in enumerate(items):
        paper = None
        if item.get("required_paper") is not None:
            paper = listed.get(item["required_paper"])
            if paper is None or paper.procedure_id != procedure.pk:
                raise ValidationFailed(
                    f"Giấy tờ id {item['required_paper']} không thuộc thành phần hồ sơ của thủ tục {procedure.code}.",
                    fields={"papers": [f"Giấy tờ thứ {index + 1}: không thuộc thủ tục."]},
                )
        upload = _upload(item, "file", "papers")
        stored = pages.store_upload(upload, "papers") if upload else None
        entry = {"required_paper": paper, "name": item.get("name", ""), "file": stored}
        entry |= {key: item[key] for key in ("originals", "copies") if key in item}
        papers.append(entry)
    return papers


# --------------------------------------------------------------------------- the viewset
class DossierViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Hồ sơ thủ tục hành chính (một cửa) the caller may see."""

    queryset = Dossier.objects.none()  # for the schema; get_queryset() is per caller
    serializer_class = s.DossierOut
    parser_classes = [JSONParser, MultiPartParser, FormParser]
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
    @transaction.atomic
    def create(self, request):
        """Tiếp nhận hồ sơ at the counter: one transaction with its scans."""
        actor = current_actor(request)
        data = validated(s.DossierIn, request)
        procedure = published_procedure(data["procedure"])
        dossier = services.dossier_receive(
            actor=actor,
            procedure=procedure,
            applicant=dict(data["applicant"]),
            papers=_papers(procedure, data["papers"]),
            channel=data["channel"],
            note=data["note"],
        )
        return self._detail(dossier, status=201)

    def _act(self, request, pk, run, serializer_class=None) -> Response:
        actor = current_actor(request)
        dossier = get_dossier_for_user(actor, pk)
        with transaction.atomic():
            run(actor, dossier, validated(serializer_class, request) if serializer_class else {})
        return self._detail(dossier)

    @extend_schema(request=None, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Tiếp nhận a dossier submitted online (the counter)."""
        return self._act(request, pk, lambda a, d, v: services.dossier_accept(actor=a, dossier=d))

    @extend_schema(request=s.DossierNoteIn, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"], url_path="hand-over", url_name="hand-over")
    def hand_over(self, request, pk=None):
        """Chuyển xử lý: to the first step (the counter) or to the next one (the unit holding the step)."""
        return self._act(
            request, pk, lambda a, d, v: services.dossier_hand_over(actor=a, dossier=d, note=v["note"]), s.DossierNoteIn
        )

    @extend_schema(request=s.SupplementRequestIn, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"], url_path="request-supplement", url_name="request-supplement")
    def request_supplement(self, request, pk=None):
        """Yêu cầu bổ sung: the clock stops."""
        run = lambda a, d, v: services.dossier_request_supplement(actor=a, dossier=d, items=v["items"], reason=v["reason"])  # noqa: E731
        return self._act(request, pk, run, s.SupplementRequestIn)

    @extend_schema(request=s.SupplementIn, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"])
    def supplement(self, request, pk=None):
        """Nhận giấy tờ bổ sung (the counter): the clock resumes."""
        run = lambda a, d, v: services.dossier_supplement(actor=a, dossier=d, papers=_papers(d.procedure, v["papers"]))  # noqa: E731
        return self._act(request, pk, run, s.SupplementIn)

    @extend_schema(request=s.DossierReasonIn, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._act(
            request, pk, lambda a, d, v: services.dossier_refuse(actor=a, dossier=d, reason=v["reason"]), s.DossierReasonIn
        )

    @extend_schema(request=s.ApologyIn, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"])
    def apologise(self, request, pk=None):
        """Xin lỗi và hẹn lại: `new_due` later than the current appointment."""

        def run(actor, dossier, values):
            new_due = values["new_due"]
            if timezone.is_naive(new_due):
                new_due = timezone.make_aware(new_due, timezone.get_default_timezone())
            return services.dossier_apologise(actor=actor, dossier=dossier, reason=values["reason"], new_due=new_due)

        return self._act(request, pk, run, s.ApologyIn)

    @extend_schema(request=s.FinishIn, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        """Có kết quả: the last step done, the result (and its file) waits at the counter."""

        def run(actor, dossier, values):
            upload = _upload(values, "result_file", "result_file")
            stored = pages.store_upload(upload, "result_file") if upload else None
            return services.dossier_finish(
                actor=actor, dossier=dossier, result_summary=values["result_summary"], result_file=stored
            )

        return self._act(request, pk, run, s.FinishIn)

    @extend_schema(request=None, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """Trả kết quả (the counter)."""
        return self._act(request, pk, lambda a, d, v: services.dossier_return(actor=a, dossier=d))

    @extend_schema(request=s.DossierReasonIn, responses=s.DossierDetailOut)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Rút hồ sơ at the applicant's request (the counter)."""
        return self._act(
            request, pk, lambda a, d, v: services.dossier_withdraw(actor=a, dossier=d, reason=v["reason"]), s.DossierReasonIn
        )

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
