"""API of the weekly schedule: /api/v1/schedule/weeks/ (with one POST action per
workflow step and the PDF), /api/v1/schedule/entries/, /api/v1/schedule/rooms/.
Staff of the agency read; drafters write. Every record comes through access.py."""

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from eoffice.core.api import validated
from eoffice.core.errors import ValidationFailed
from eoffice.core.openapi import file_response, year_parameter
from eoffice.core.params import query_date, query_year
from eoffice.operations.access import get_entry_for_user, get_room_for_user, get_week_for_user
from eoffice.operations.models import Room, ScheduleEntry, WeekSchedule
from eoffice.operations.models.schedule import WeekStatus
from eoffice.operations.schedule import pdf, selectors, services
from eoffice.operations.schedule import serializers as s
from eoffice.operations.schedule.workflow import WEEK
from eoffice.organisation.access import current_actor


def _number(params, name: str) -> int | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise ValidationFailed(f"Tham số {name} phải là một số.", fields={name: ["Giá trị không hợp lệ."]})
    return int(value)


class WeekViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Lịch công tác tuần of the caller's agency (drafts only for those who draft, approve or lead)."""

    queryset = WeekSchedule.objects.none()
    serializer_class = s.WeekOut
    filter_backends: list = []

    def get_queryset(self):
        actor = current_actor(self.request)
        weeks = selectors.weeks_visible_to(actor).select_related("drafted_by", "approved_by", "published_by")
        if (year := query_year(self.request.query_params)) is not None:
            weeks = weeks.filter(year=year)
        status = self.request.query_params.get("status", "")
        if status:
            if status not in WeekStatus.values:
                raise ValidationFailed(f"Trạng thái “{status[:30]}” không hợp lệ.", fields={"status": ["Không hợp lệ."]})
            weeks = weeks.filter(status=status)
        return weeks.order_by("-year", "-week")

    @extend_schema(
        parameters=[year_parameter("Năm (ISO)"), OpenApiParameter("status", str, enum=WeekStatus.values)],
        responses=s.WeekOut(many=True),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _detail(self, week, status=200) -> Response:
        context = {"entries": selectors.entries_of_week(week)}
        return Response(s.WeekDetailOut(week, context=context).data, status=status)

    @extend_schema(responses=s.WeekDetailOut)
    def retrieve(self, request, pk=None):
        return self._detail(get_week_for_user(current_actor(request), pk))

    @extend_schema(request=s.WeekIn, responses={201: s.WeekDetailOut})
    def create(self, request):
        """Lập lịch tuần (a drafter): the existing week if there is one."""
        data = validated(s.WeekIn, request)
        return self._detail(services.week_create(actor=current_actor(request), **data), status=201)

    def step_response(self, request, step, week, result) -> Response:
        week.refresh_from_db()
        return self._detail(week, status=step.api_status)

    @extend_schema(responses=file_response("application/pdf", "PDF A4 ngang"))
    @action(detail=True, methods=["get"], url_path=r"pdf", url_name="pdf")
    def pdf(self, request, pk=None) -> HttpResponse:
        """The week as the printed A4 landscape table."""
        week = get_week_for_user(current_actor(request), pk)
        response = HttpResponse(pdf.week_pdf(week, selectors.entries_of_week(week)), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="lich-cong-tac-tuan-{week.year}-{week.week:02d}.pdf"'
        return response


WEEK.add_api_actions(WeekViewSet, s.WeekDetailOut)


class EntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Mục lịch công tác of the weeks the caller may see."""

    queryset = ScheduleEntry.objects.none()
    serializer_class = s.EntryOut
    filter_backends: list = []

    def get_queryset(self):
        actor = current_actor(self.request)
        params = self.request.query_params
        entries = ScheduleEntry.objects.filter(week__in=selectors.weeks_visible_to(actor))
        if (week := _number(params, "week")) is not None:
            entries = entries.filter(week_id=week)
        if (first := query_date(params, "date_from")) is not None:
            entries = entries.filter(date__gte=first)
        if (last := query_date(params, "date_to")) is not None:
            entries = entries.filter(date__lte=last)
        return selectors.with_people(entries.order_by("date", "slot", "start_time", "pk"))

    @extend_schema(
        parameters=[
            OpenApiParameter("week", int, description="id của lịch tuần"),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
        ],
        responses=s.EntryOut(many=True),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _one(self, entry, status=200) -> Response:
        return Response(s.EntryOut(selectors.with_people(ScheduleEntry.objects.filter(pk=entry.pk)).get()).data, status=status)

    @extend_schema(responses=s.EntryOut)
    def retrieve(self, request, pk=None):
        return self._one(get_entry_for_user(current_actor(request), pk))

    @extend_schema(request=s.EntryCreateIn, responses={201: s.EntryOut})
    def create(self, request):
        """Thêm mục lịch (a drafter); 409 `conflict` when a leader or room is taken and `confirm` is not set."""
        actor = current_actor(request)
        data = validated(s.EntryCreateIn, request)
        week = get_week_for_user(actor, data["week"])
        values = s.entry_values(actor.agency, data)
        entry = services.entry_add(actor=actor, week=week, values=values, confirm=data["confirm"], notice=data["notice"])
        return self._one(entry, status=201)

    @extend_schema(request=s.EntryIn, responses=s.EntryOut)
    def update(self, request, pk=None):
        """Sửa mục lịch (the whole entry); after publication `notice` is required."""
        actor = current_actor(request)
        entry = get_entry_for_user(actor, pk)
        data = validated(s.EntryIn, request)
        values = s.entry_values(actor.agency, data)
        entry = services.entry_update(actor=actor, entry=entry, values=values, confirm=data["confirm"], notice=data["notice"])
        return self._one(entry)

    @extend_schema(request=s.CancelIn, responses=s.EntryOut)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Hủy mục lịch; after publication `notice` is required."""
        actor = current_actor(request)
        entry = get_entry_for_user(actor, pk)
        data = validated(s.CancelIn, request)
        return self._one(services.entry_cancel(actor=actor, entry=entry, notice=data["notice"]))


class RoomViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Phòng họp of the caller's agency."""

    queryset = Room.objects.none()
    serializer_class = s.RoomOut
    filter_backends: list = []

    def get_queryset(self):
        return Room.objects.filter(agency=current_actor(self.request).agency).select_related("keeper").order_by("name")

    @extend_schema(responses=s.RoomOut)
    def retrieve(self, request, pk=None):
        return Response(s.RoomOut(get_room_for_user(current_actor(request), pk)).data)

    @extend_schema(request=s.RoomIn, responses={201: s.RoomOut})
    def create(self, request):
        """Thêm phòng họp (a drafter)."""
        data = validated(s.RoomIn, request)
        return Response(s.RoomOut(services.room_create(actor=current_actor(request), **data)).data, status=201)

    @extend_schema(parameters=[OpenApiParameter("date_from", OpenApiTypes.DATE)], responses=s.EntryOut(many=True))
    @action(detail=True, methods=["get"])
    def bookings(self, request, pk=None):
        """The entries holding the room for two weeks from `date_from` (today by default), not cancelled."""
        actor = current_actor(request)
        room = get_room_for_user(actor, pk)
        first = query_date(request.query_params, "date_from") or timezone.localdate()
        held = selectors.room_bookings(actor.agency, first, 14)
        entries = next((found.bookings for found in held if found.room.pk == room.pk), [])
        visible = set(selectors.weeks_visible_to(actor).values_list("pk", flat=True))
        shown = selectors.with_people(ScheduleEntry.objects.filter(pk__in=[e.pk for e in entries if e.week_id in visible]))
        return Response(s.EntryOut(shown.order_by("date", "start_time", "pk"), many=True).data)
