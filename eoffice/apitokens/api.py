"""The API's keys: POST auth/token/ issues one (password, and the code for
those with two-factor sign-in), auth/tokens/ lists and revokes the caller's
own, auth/tokens/logout/ revokes the key in use, auth/tokens/logout-all/ all."""

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from eoffice.apitokens import services
from eoffice.apitokens.models import ApiToken
from eoffice.organisation.lockout import ThrottledObtainAuthToken
from eoffice.twofactor.api import TwoFactorTokenSerializer


class TokenRequestSerializer(TwoFactorTokenSerializer):
    name = serializers.CharField(label="Tên khóa", required=False, allow_blank=True, max_length=100, write_only=True)
    days = serializers.IntegerField(
        label="Số ngày hiệu lực",
        required=False,
        min_value=1,
        max_value=settings.EOFFICE_API_TOKEN_DAYS,
        write_only=True,
    )


class TokenSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="token_key", read_only=True, help_text="Các ký tự đầu của khóa, để nhận ra nó.")
    current = serializers.SerializerMethodField(help_text="Khóa đang dùng cho yêu cầu này.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created", "expiry", "last_used", "current"]

    def get_current(self, token: ApiToken) -> bool:
        return getattr(self.context["request"], "auth", None) == token


class IssuedSerializer(TokenSerializer):
    token = serializers.CharField(help_text="Khóa, chỉ trả về một lần: gửi trong tiêu đề Authorization: Token <khóa>.")

    class Meta(TokenSerializer.Meta):
        fields = ["token", *TokenSerializer.Meta.fields]


class TokenObtainView(ThrottledObtainAuthToken):
    serializer_class = TokenRequestSerializer

    @extend_schema(request=TokenRequestSerializer, responses={200: IssuedSerializer}, tags=["auth"])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def issue(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        token, key = services.token_issue(data["user"], name=data.get("name", ""), days=data.get("days"))
        token.token = key  # shown this once
        return Response(IssuedSerializer(token, context={"request": request}).data)


@extend_schema(tags=["auth"])
class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The caller's own API keys still valid."""

    serializer_class = TokenSerializer
    queryset = ApiToken.objects.none()  # the schema's model; get_queryset() answers requests
    lookup_field = "token_key"
    lookup_url_kwarg = "id"
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return services.tokens_of(self.request.user)  # type: ignore[arg-type]

    def perform_destroy(self, instance: ApiToken) -> None:
        services.token_revoke(self.request.user, instance)  # type: ignore[arg-type]

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Đã thu hồi khóa đang dùng.")})
    @action(detail=False, methods=["post"])
    def logout(self, request: Request) -> Response:
        """Revoke the key this request came with (nothing for a browser session)."""
        if isinstance(request.auth, ApiToken):
            services.token_revoke(request.user, request.auth)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Đã thu hồi mọi khóa.")})
    @action(detail=False, methods=["post"], url_path="logout-all")
    def logout_all(self, request: Request) -> Response:
        services.tokens_revoke_all(request.user, request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)
