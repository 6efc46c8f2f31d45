"""API of tasks: /api/v1/tasks/ (list, retrieve, create, one POST action per
step of workflow.py) and /api/v1/tasks/statistics/ (the Sổ theo dõi's figures).
Every task is fetched through the access helper; the rules are the services'."""

from dataclasses import asdict

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.core.errors import ValidationFailed, require
from eoffice.core.params import query_date
from eoffice.operations.access import get_task_for_user
from eoffice.operations.models import Task, TaskStatus
from eoffice.operations.tasking import selectors, services
from eoffice.operations.tasking import serializers as s
from eoffice.operations.tasking.workflow import TASK
from eoffice.organisation.access import current_actor

LIST_PARAMS = [
    OpenApiParameter("tab", str, enum=[*selectors.TABS], description="waiting (chờ tôi), lead, coordinate, mine, all"),
    OpenApiParameter("status", str, enum=TaskStatus.values, description="Trạng thái"),
    OpenApiParameter("overdue", bool, description="true: chỉ nhiệm vụ quá hạn"),
    OpenApiParameter("assigned_from", OpenApiTypes.DATE, description="Giao từ ngày (YYYY-MM-DD)"),
    OpenApiParameter("assigned_to", OpenApiTypes.DATE, description="Giao đến ngày (YYYY-MM-DD)"),
]
PERIOD_PARAMS = LIST_PARAMS[3:]


class TaskViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Nhiệm vụ the caller may see."""

    queryset = Task.objects.none()  # for the schema; get_queryset() is per caller
    serializer_class = s.TaskOut
    filter_backends: list = []

    def get_queryset(self):
        actor = current_actor(self.request)
        params = self.request.query_params
        tab = params.get("tab", "all")
        status = params.get("status", "")
        if tab not in selectors.TABS or (status and status not in TaskStatus.values):
            raise ValidationFailed("Tham số tab hoặc status không hợp lệ.", fields={"tab": ["Không hợp lệ."]})
        overdue = params.get("overdue", "").lower()
        if overdue not in ("", "true", "false", "1", "0"):
            raise ValidationFailed("Tham số overdue phải là true hoặc false.", fields={"overdue": ["Không hợp lệ."]})
        tasks = selectors.filter_tasks(
            selectors.tab_queryset(actor, tab),
            status=status,
            overdue=overdue in ("true", "1"),
            date_from=query_date(params, "assigned_from"),
            date_to=query_date(params, "assigned_to"),
        )
        return selectors.in_list_order(tasks, few=tab == "waiting").prefetch_related("coordinating_units")

    @extend_schema(parameters=LIST_PARAMS, responses=s.TaskOut(many=True))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _detail(self, task: Task, status: int = 200) -> Response:
        task = (
            Task.objects.select_related("assigner", "lead_unit", "lead_person")
            .prefetch_related("coordinating_units", "reports__author", "reports__files", "extensions__requested_by",
                              "deadline_changes", "trace__actor")
            .get(pk=task.pk)
        )  # fmt: skip
        return Response(s.TaskDetailOut(task).data, status=status)

    @extend_schema(responses=s.TaskDetailOut)
    def retrieve(self, request, pk=None):
        return self._detail(get_task_for_user(current_actor(request), pk))

    @extend_schema(request=s.TaskIn, responses={201: s.TaskDetailOut})
    def create(self, request):
        """Giao nhiệm vụ (a leader, or the registry naming the leader as assigner)."""
        actor = current_actor(request)
        return self._detail(services.task_create(actor=actor, **_task_in(request, actor)), status=201)

    def step_response(self, request, step, task, result) -> Response:
        return self._detail(task, status=step.api_status)


def _task_in(request, actor) -> dict:
    body = s.TaskIn(data=request.data, context={"actor": actor})
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


TASK.add_api_actions(TaskViewSet, s.TaskDetailOut)


class TaskStatisticsOut(serializers.Serializer):  # output only
    rows = s.TaskStatisticsRowOut(many=True)
    total = s.TaskStatisticsRowOut()


class TaskStatisticsView(APIView):
    """Sổ theo dõi nhiệm vụ: per lead unit, the tasks assigned in the period and
    where they stand today (on time, late, within deadline, overdue, long
    overdue, ongoing, cancelled, on-time rate). Confidential tasks are counted."""

    @extend_schema(parameters=PERIOD_PARAMS, responses=TaskStatisticsOut)
    def get(self, request):
        actor = current_actor(request)
        require(selectors.may_see_all(actor), "Chỉ lãnh đạo cơ quan và văn phòng được xem Sổ theo dõi nhiệm vụ.")
        params = request.query_params
        lines, total = selectors.statistics(
            actor.agency, date_from=query_date(params, "assigned_from"), date_to=query_date(params, "assigned_to")
        )
        rows = [asdict(line) | {"on_time_rate": line.on_time_rate} for line in lines]
        return Response(TaskStatisticsOut({"rows": rows, "total": asdict(total) | {"on_time_rate": total.on_time_rate}}).data)
