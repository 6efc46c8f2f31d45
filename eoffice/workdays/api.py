import math
from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.core.errors import ValidationFailed
from eoffice.workdays.services import add_working_days


class WorkingDaysView(APIView):
    """N working days after a date, by the office calendar."""

    @extend_schema(
        parameters=[
            OpenApiParameter("start", date, required=True, description="Ngày bắt đầu (YYYY-MM-DD)"),
            OpenApiParameter("add", float, required=True, description="Số ngày làm việc (cho phép 0,5)"),
        ],
        responses=inline_serializer("WorkingDaysOut", {"date": serializers.DateField()}),
    )
    def get(self, request: Request) -> Response:
        errors: dict[str, list[str]] = {}
        try:
            start = date.fromisoformat(request.query_params.get("start", ""))
        except ValueError:
            errors["start"] = ["Ngày không hợp lệ, dùng dạng YYYY-MM-DD."]
        try:
            add = float(request.query_params.get("add", ""))
            if not math.isfinite(add):  # "nan" and "inf" parse as floats
                raise ValueError(add)
        except ValueError:
            errors["add"] = ["Số ngày không hợp lệ."]
        if errors:
            raise ValidationFailed("Tham số không hợp lệ.", fields=errors)
        try:
            result = add_working_days(start, add)
        except OverflowError:  # a start near 31/12/9999
            raise ValidationFailed("Tham số không hợp lệ.", fields={"start": ["Ngày quá xa."]}) from None
        return Response({"date": result.isoformat()})
