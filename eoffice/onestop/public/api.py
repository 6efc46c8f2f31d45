"""Public API of one-stop dossiers (no login): the status look-up by code and the
phone's last four digits (POSTed, so the digits stay out of addresses and server
logs; the older GET with ?phone_last4= still answers, marked deprecated), and the
satisfaction rating after return. The same
guard, limits and wording as the /tra-cuu-ho-so/ page (ratelimit.guarded_status):
404 for an unknown code and a wrong phone alike, 429 with Retry-After over a
limit or while the code is locked, 400 for a malformed phone_last4."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.core.api import validated
from eoffice.onestop.dossiers.services import COMMENT_MAX_LENGTH, dossier_rate
from eoffice.onestop.models import Dossier, Satisfaction
from eoffice.onestop.public.ratelimit import RateLimited, clean_phone_last4, client_address, guarded_status


class PublicStatusOut(serializers.Serializer):
    """What anyone holding the receipt may know: nothing personal."""

    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    procedure_code = serializers.CharField()
    procedure_name = serializers.CharField()
    agency_name = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True, help_text="Ngày hẹn trả kết quả")
    returned_at = serializers.DateTimeField(allow_null=True)
    current_step = serializers.CharField(help_text="Bước đang giải quyết, nếu có")
    overdue = serializers.BooleanField()
    timeliness_label = serializers.CharField(help_text="Trước hạn / Đúng hạn / Quá hạn, khi đã có kết quả")
    supplement_items = serializers.ListField(child=serializers.CharField(), help_text="Giấy tờ cần bổ sung, khi chờ bổ sung")
    rated = serializers.BooleanField(help_text="Đã đánh giá mức độ hài lòng")


@extend_schema_field({"type": "string", "enum": Satisfaction.values, "description": "Mức độ hài lòng"})
class SatisfactionField(serializers.ChoiceField):
    """Inline in the schema: a component named after "level" would clash with the procedures' Level."""

    def __init__(self, **kwargs):
        super().__init__(choices=Satisfaction.choices, **kwargs)


def phone_last4_field() -> serializers.CharField:
    """Blank allowed here so that clean_phone_last4 names the one problem in words."""
    return serializers.CharField(
        max_length=10, required=False, allow_blank=True, default="", help_text="4 chữ số cuối số điện thoại người nộp"
    )


class RatingIn(serializers.Serializer):
    phone_last4 = phone_last4_field()
    level = SatisfactionField()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=COMMENT_MAX_LENGTH, default="")


class RatingOut(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.CharField()
    level_label = serializers.CharField()


ERRORS = {
    400: OpenApiResponse(description="phone_last4 không phải 4 chữ số, hoặc dữ liệu không hợp lệ"),
    404: OpenApiResponse(description="Không tìm thấy hồ sơ phù hợp với mã và số điện thoại đã nhập"),
    429: OpenApiResponse(description="Quá số lần tra cứu, hoặc mã hồ sơ tạm khóa tra cứu (header Retry-After)"),
}


class PublicView(APIView):
    """Anyone, no session (so no CSRF), limited by ratelimit instead of DRF throttles."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes: list = []

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response


class LookupIn(serializers.Serializer):
    phone_last4 = phone_last4_field()


class PublicDossierView(PublicView):
    """Tra cứu hồ sơ: POST /api/v1/public/dossiers/<code>/ {"phone_last4": "NNNN"}."""

    @extend_schema(request=LookupIn, responses={200: PublicStatusOut, **ERRORS})
    def post(self, request, code):
        return self._status(request, code, validated(LookupIn, request)["phone_last4"])

    @extend_schema(
        deprecated=True,
        description="Như POST, nhưng 4 chữ số nằm trong địa chỉ (và nhật ký máy chủ): dùng POST.",
        parameters=[OpenApiParameter("phone_last4", str, required=True, description="4 chữ số cuối số điện thoại người nộp")],
        responses={200: PublicStatusOut, **ERRORS},
    )
    def get(self, request, code):
        return self._status(request, code, request.query_params.get("phone_last4"))

    def _status(self, request, code, phone_last4):
        found = guarded_status(client_address(request), code, clean_phone_last4(phone_last4))
        return Response(PublicStatusOut(found).data)


class PublicRatingView(PublicView):
    """Đánh giá mức độ hài lòng: POST /api/v1/public/dossiers/<code>/rating/, once, after return."""

    @extend_schema(
        request=RatingIn,
        responses={201: RatingOut, **ERRORS, 409: OpenApiResponse(description="Chưa trả kết quả hoặc đã đánh giá")},
    )
    def post(self, request, code):
        data = validated(RatingIn, request)
        found = guarded_status(client_address(request), code, clean_phone_last4(data["phone_last4"]))
        rating = dossier_rate(dossier=Dossier.objects.get(code=found["code"]), level=data["level"], comment=data["comment"])
        out = {"code": found["code"], "level": rating.level, "level_label": rating.get_level_display()}
        return Response(RatingOut(out).data, status=status.HTTP_201_CREATED)
