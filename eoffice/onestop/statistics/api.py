"""GET /api/v1/dossiers/statistics/: the one-stop statistics of the agency
chosen for the request (queries.dossier_statistics), for its leaders,
one-stop officers and administrators. Registered before the dossiers router,
whose detail route would otherwise take "statistics" for a dossier id."""

from datetime import date
from typing import cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.core.errors import ValidationFailed, require
from eoffice.core.params import query_date
from eoffice.onestop.dossiers.selectors import sees_all_dossiers
from eoffice.onestop.statistics.queries import GROUPINGS, dossier_statistics
from eoffice.organisation.access import current_actor

DATE_LABELS = {"start": "Ngày bắt đầu", "end": "Ngày kết thúc"}


class StatisticsRowOut(serializers.Serializer):
    key = serializers.IntegerField(allow_null=True, help_text="Mã số của thủ tục, lĩnh vực hoặc đơn vị; null ở dòng tổng")
    code = serializers.CharField(help_text="Mã thủ tục, mã lĩnh vực hoặc tên viết tắt của đơn vị")
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    carried_over = serializers.IntegerField(help_text="Kỳ trước chuyển sang: đang giải quyết lúc đầu kỳ")
    received = serializers.IntegerField(help_text="Mới tiếp nhận trong kỳ")
    received_online = serializers.IntegerField(help_text="Trong đó nộp trực tuyến")
    resolved = serializers.IntegerField(help_text="Đã giải quyết (có kết quả) trong kỳ")
    early = serializers.IntegerField(help_text="Giải quyết trước hạn")
    on_time = serializers.IntegerField(help_text="Giải quyết đúng hạn")
    late = serializers.IntegerField(help_text="Giải quyết quá hạn")
    refused = serializers.IntegerField(help_text="Từ chối giải quyết trong kỳ")
    withdrawn = serializers.IntegerField(help_text="Rút hồ sơ trong kỳ")
    pending = serializers.IntegerField(help_text="Đang giải quyết lúc cuối kỳ")
    pending_in_time = serializers.IntegerField(help_text="Đang giải quyết, còn hạn")
    overdue = serializers.IntegerField(help_text="Đang giải quyết, quá hạn (tại cuối kỳ hoặc hiện tại nếu kỳ chưa hết)")
    on_time_rate = serializers.FloatField(allow_null=True, help_text="% giải quyết trước hạn và đúng hạn; null nếu chưa có")


class StatisticsOut(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    group_by = serializers.CharField(allow_null=True)
    rows = StatisticsRowOut(many=True)
    total = StatisticsRowOut()


def parse_date(params, name: str) -> date:
    """An ISO date (YYYY-MM-DD) from the query string, or a 400 naming the parameter."""
    return cast(date, query_date(params, name, label=DATE_LABELS[name], required=True))


def parse_group_by(params) -> str | None:
    value = (params.get("group_by") or "").strip()
    if value in ("", "none"):
        return None
    if value not in GROUPINGS:
        raise ValidationFailed(
            f"Cách nhóm “{value}” không hợp lệ; dùng procedure (thủ tục), field (lĩnh vực), unit (đơn vị) hoặc none.",
            fields={"group_by": ["Chỉ nhận procedure, field, unit hoặc none."]},
        )
    return value


class DossierStatisticsView(APIView):
    """Thống kê tình hình giải quyết hồ sơ: received, resolved early / on time /
    late, refused, withdrawn, pending and overdue in a period, per procedure,
    field or unit, and the totals (see docs/onestop.md, "Statistics")."""

    @extend_schema(
        parameters=[
            OpenApiParameter("start", date, required=True, description="Ngày đầu kỳ (YYYY-MM-DD), tính từ 00:00 giờ Việt Nam"),
            OpenApiParameter(
                "end", date, required=True, description="Ngày cuối kỳ (YYYY-MM-DD), tính hết 24:00; kỳ tối đa 5 năm"
            ),
            OpenApiParameter(
                "group_by",
                str,
                enum=["procedure", "field", "unit", "none"],
                description="Nhóm theo thủ tục, lĩnh vực, đơn vị (mỗi hồ sơ tính cho mọi đơn vị có bước xử lý), hoặc chỉ tổng",
            ),
        ],
        responses=StatisticsOut,
    )
    def get(self, request):
        actor = current_actor(request)
        require(
            sees_all_dossiers(actor),
            "Chỉ lãnh đạo, cán bộ Bộ phận một cửa và quản trị của cơ quan được xem thống kê hồ sơ.",
        )
        params = request.query_params
        start, end, group_by = parse_date(params, "start"), parse_date(params, "end"), parse_group_by(params)
        rows = dossier_statistics(agency=actor.agency, start=start, end=end, group_by=group_by)
        data = {"start": start, "end": end, "group_by": group_by, "rows": rows[:-1], "total": rows[-1]}
        return Response(StatisticsOut(data).data)
