"""API of meetings: /api/v1/meetings/ (list, retrieve, create from a schedule
entry, the invitees, the papers and their files, the conclusions, and one POST
action per step of workflow.py: reply, convert…). Every meeting is fetched
through the access helper, so a meeting — and its papers — is a 404 to whoever
is neither invited nor organising."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from eoffice.attachments.http import attachment_response
from eoffice.core.errors import ValidationFailed
from eoffice.operations.access import get_entry_for_user, get_meeting_for_user, get_paper_for_user
from eoffice.operations.meetings import selectors, services
from eoffice.operations.meetings import serializers as s
from eoffice.operations.meetings.workflow import MEETING
from eoffice.operations.models import Meeting, MeetingPaper
from eoffice.organisation.access import current_actor


class MeetingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Cuộc họp the caller organises, chairs or is invited to."""

    queryset = Meeting.objects.none()  # for the schema; get_queryset() is per caller
    serializer_class = s.MeetingOut
    filter_backends: list = []

    def get_queryset(self):
        return selectors.meetings_for(current_actor(self.request)).select_related("invitation", "notice")

    def _detail(self, meeting: Meeting, status: int = 200) -> Response:
        meeting = (
            Meeting.objects.select_related("chair", "entry__room", "invitation", "notice")
            .prefetch_related("invitations__person", "invitations__unit", "invitations__deputy", "papers",
                              "conclusions__lead_unit", "conclusions__coordinating_units")
            .get(pk=meeting.pk)
        )  # fmt: skip
        return Response(s.MeetingDetailOut(meeting).data, status=status)

    @extend_schema(responses=s.MeetingDetailOut)
    def retrieve(self, request, pk=None):
        return self._detail(get_meeting_for_user(current_actor(request), pk))

    @extend_schema(request=s.MeetingIn, responses={201: s.MeetingDetailOut})
    def create(self, request):
        """Tạo cuộc họp on a schedule entry (the organiser side); a room booked twice needs confirm."""
        actor = current_actor(request)
        body = s.MeetingIn(data=request.data, context={"actor": actor})
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        try:
            values["entry"] = get_entry_for_user(actor, values["entry"])
        except Http404:
            raise ValidationFailed("Không tìm thấy mục lịch.", fields={"entry": ["Không tìm thấy."]}) from None
        return self._detail(services.meeting_create(actor=actor, **values), status=201)

    @extend_schema(responses=s.MeetingInvitationOut(many=True))
    @action(detail=True, methods=["get"])
    def invitees(self, request, pk=None):
        """Thành phần mời và trả lời."""
        meeting = get_meeting_for_user(current_actor(request), pk)
        rows = meeting.invitations.select_related("person", "unit", "deputy")
        return Response(s.MeetingInvitationOut(rows, many=True).data)

    @extend_schema(responses=s.MeetingPaperOut(many=True))
    @action(detail=True, methods=["get"])
    def papers(self, request, pk=None):
        """Tài liệu họp (the invitees, the chair and the organiser side only)."""
        meeting = get_meeting_for_user(current_actor(request), pk)
        return Response(s.MeetingPaperOut(meeting.papers.all(), many=True).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"papers/(?P<paper_pk>\d+)", url_name="paper")
    def paper(self, request, pk=None, paper_pk=None):
        """One paper's file; each read audited."""
        found = get_paper_for_user(current_actor(request), pk, paper_pk)
        return attachment_response(MeetingPaper.objects.filter(pk=found.pk), found.pk)

    @extend_schema(responses=s.MeetingConclusionOut(many=True))
    @action(detail=True, methods=["get"])
    def conclusions(self, request, pk=None):
        """Kết luận, each with its task once converted."""
        meeting = get_meeting_for_user(current_actor(request), pk)
        rows = meeting.conclusions.select_related("lead_unit").prefetch_related("coordinating_units")
        return Response(s.MeetingConclusionOut(rows, many=True).data)

    def step_response(self, request, step, meeting, result) -> Response:
        return self._detail(meeting, status=step.api_status)


MEETING.add_api_actions(MeetingViewSet, s.MeetingDetailOut)
