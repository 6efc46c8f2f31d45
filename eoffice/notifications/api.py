"""/api/v1/notifications/: the caller's own notifications, the unread count
(the bell), and marking read. Nobody else's are ever listed or touched."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from eoffice.core.api import validated
from eoffice.core.errors import ValidationFailed
from eoffice.notifications import selectors, services
from eoffice.notifications.kinds import LABELS
from eoffice.notifications.models import Channel, Notification

BIGINT = 2**63 - 1


class NotificationOut(serializers.ModelSerializer):
    agency = serializers.IntegerField(source="agency_id", help_text="Cơ quan nơi việc phát sinh")
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "agency", "object_type", "object_id", "created_at", "read_at", "is_read"]

    def get_is_read(self, row: Notification) -> bool:
        return row.read_at is not None


class MarkReadIn(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIGINT), required=False, max_length=1000, help_text="Các thông báo"
    )
    all = serializers.BooleanField(required=False, default=False, help_text="Đánh dấu tất cả thông báo chưa đọc")


class PreferenceIn(serializers.Serializer):
    # The page's form offers the same groups and channels (kinds.LABELS, Channel).
    group = serializers.ChoiceField(choices=list(LABELS.items()), help_text="Nhóm thông báo")
    channel = serializers.ChoiceField(choices=Channel.choices, help_text="Cách nhận thư thông báo của nhóm")


class PreferencesIn(serializers.Serializer):
    preferences = PreferenceIn(many=True, help_text="Mỗi nhóm một lần")

    def validate_preferences(self, rows: list[dict[str, str]]) -> list[dict[str, str]]:
        groups = [row["group"] for row in rows]
        if len(set(groups)) != len(groups):
            raise serializers.ValidationError("Mỗi nhóm thông báo chỉ được nêu một lần.")
        missing = [str(LABELS[group]) for group in LABELS if group not in groups]
        if self.context.get("complete") and missing:
            raise serializers.ValidationError("Thiếu cách nhận thư của nhóm: " + ", ".join(missing) + ".")
        return rows


PREFERENCE_OUT = inline_serializer(
    "NotificationPreferenceOut",
    {"group": serializers.CharField(), "label": serializers.CharField(help_text="Tên nhóm"), "channel": serializers.CharField()},
    many=True,
)
PREFERENCES_OUT = inline_serializer("NotificationPreferencesOut", {"preferences": PREFERENCE_OUT})
COUNT_OUT = inline_serializer("NotificationCountOut", {"unread": serializers.IntegerField()})
MARKED_OUT = inline_serializer(
    "NotificationsMarkedOut", {"marked": serializers.IntegerField(), "unread": serializers.IntegerField()}
)


def _unread_only(request: Request) -> bool:
    value = request.query_params.get("unread", "").strip().lower()
    if value not in ("", "true", "false", "1", "0"):
        raise ValidationFailed("Tham số unread phải là true hoặc false.", fields={"unread": ["Giá trị không hợp lệ."]})
    return value in ("true", "1")


def _preferences(user) -> dict[str, list[dict[str, str]]]:
    chosen = services.preferences_of(user)
    return {"preferences": [{"group": group, "label": str(label), "channel": chosen[group]} for group, label in LABELS.items()]}


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Thông báo của người gọi API (mới nhất trước)."""

    queryset = Notification.objects.none()  # for the schema; get_queryset() is per caller
    serializer_class = NotificationOut
    filter_backends: list = []

    def get_queryset(self):
        return selectors.notifications_of(self.request.user, unread_only=_unread_only(self.request))

    @extend_schema(parameters=[OpenApiParameter("unread", bool, description="Chỉ thông báo chưa đọc")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses=COUNT_OUT)
    @action(detail=False, methods=["get"], url_path="unread-count", url_name="unread-count")
    def unread_count(self, request: Request) -> Response:
        return Response({"unread": services.unread_count(request.user)})

    @extend_schema(request=MarkReadIn, responses=MARKED_OUT)
    @action(detail=False, methods=["post"], url_path="mark-read", url_name="mark-read")
    def mark_read(self, request: Request) -> Response:
        """Đánh dấu đã đọc: các thông báo `ids`, hoặc tất cả với `all`; thông báo
        của người khác bị bỏ qua."""
        body = validated(MarkReadIn, request)
        if "ids" not in body and not body["all"]:
            raise ValidationFailed("Cần nêu các thông báo (ids) hoặc đánh dấu tất cả (all).", fields={"ids": ["Bắt buộc."]})
        marked = services.mark_read(request.user, None if body["all"] else body["ids"])
        return Response({"marked": marked, "unread": services.unread_count(request.user)})

    @extend_schema(methods=["GET"], request=None, responses=PREFERENCES_OUT)
    @extend_schema(methods=["PUT", "PATCH"], request=PreferencesIn, responses=PREFERENCES_OUT)
    @action(detail=False, methods=["get", "put", "patch"], url_path="preferences", url_name="preferences")
    def preferences(self, request: Request) -> Response:
        """Cách nhận thư thông báo theo từng nhóm (như trang /thong-bao/cai-dat/):
        PUT nêu mọi nhóm, PATCH chỉ những nhóm cần đổi."""
        if request.method != "GET":
            body = PreferencesIn(data=request.data, context={"complete": request.method == "PUT"})
            body.is_valid(raise_exception=True)
            services.preferences_set(request.user, {row["group"]: row["channel"] for row in body.validated_data["preferences"]})
        return Response(_preferences(request.user))
