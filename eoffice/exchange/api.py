"""The `http` transport's receiving side: POST /api/v1/exchange/packages/.

A peer (exchange.models.Peer) posts one edXML package, a document or a status,
as the request body, with `Authorization: Bearer <its token>`; never anonymous.
The package is received within the request (exchange.receiving): the reply
says what became of it, so a peer that gets no 2xx sends it again, and a
repeat is answered as a duplicate without a second document. The body is
spooled to disk past 1 MB and refused past EOFFICE_EXCHANGE_MAX_PACKAGE_MB."""

import logging
import tempfile
from typing import IO, Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.core.errors import ServiceError, ValidationFailed
from eoffice.core.uploads import UploadTooLarge
from eoffice.exchange.models import PackageState, Peer, TransportKind
from eoffice.exchange.peers import peer_of_token, routes_of
from eoffice.exchange.receiving import Receipt, receive_package

logger = logging.getLogger(__name__)
CHUNK = 64 * 1024


class PeerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <token>` of an active peer; `request.auth` is the Peer."""

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != b"bearer":
            return None
        token = words[1].decode("latin-1") if len(words) == 2 else ""
        peer = peer_of_token(token)
        if peer is None:
            logger.warning("exchange: a package posted with an unknown token")
            raise AuthenticationFailed("Mã truy cập của bên liên thông không đúng hoặc đã bị thu hồi.")
        return (None, peer)

    def authenticate_header(self, request):
        return 'Bearer realm="eoffice-exchange"'


class IsPeer(BasePermission):
    message = "Cần mã truy cập của bên liên thông (Authorization: Bearer …)."

    def has_permission(self, request, view):
        return isinstance(request.auth, Peer)


class TooLarge(Exception):
    pass


class PackageRefused(ServiceError):
    """The package was kept, but as FAILED (or a status nobody sent for): the
    peer must not send it again unchanged."""

    status = 422
    code = "package_refused"


class PeerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "eoffice.exchange.api.PeerTokenAuthentication"
    name = "peerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Mã truy cập của bên liên thông (quản trị cấp)."}


RECEIPT = inline_serializer(
    "ExchangeReceipt",
    {
        "kind": serializers.ChoiceField(choices=["document", "status"]),
        "duplicate": serializers.BooleanField(),
        "packages": serializers.ListField(child=serializers.DictField()),
        "statuses": serializers.ListField(child=serializers.DictField()),
        "detail": serializers.CharField(),
    },
)
TOO_LARGE = "Gói tin vượt quá {} MB, không nhận."


class PackageReceiveView(APIView):
    authentication_classes = [PeerTokenAuthentication]
    permission_classes = [IsPeer]
    parser_classes: list[Any] = []  # the body is read raw, streaming

    @extend_schema(
        operation_id="exchange_packages_receive",
        summary="Nhận một gói tin edXML (văn bản hoặc trạng thái) từ bên liên thông",
        request={"application/xml": OpenApiTypes.BINARY},
        responses={
            202: RECEIPT,
            200: OpenApiResponse(RECEIPT, description="Gói tin đã nhận trước đó (không tạo văn bản thứ hai)"),
            401: OpenApiResponse(description="Không có, sai hoặc đã thu hồi mã truy cập của bên liên thông"),
            413: OpenApiResponse(description="Gói tin vượt dung lượng cho phép (`too_large`)"),
            422: OpenApiResponse(description="Gói tin bị từ chối, lý do trong `message`, gói tin gốc được lưu"),
        },
        tags=["exchange"],
    )
    def post(self, request):
        peer: Peer = request.auth
        cap = settings.EOFFICE_EXCHANGE_MAX_PACKAGE_MB * 1024 * 1024
        try:
            body = _spool(request.stream, cap, _declared_length(request))
        except TooLarge:
            raise UploadTooLarge(TOO_LARGE.format(settings.EOFFICE_EXCHANGE_MAX_PACKAGE_MB)) from None
        with body:
            if not body.tell():
                raise ValidationFailed("Gói tin rỗng.")
            body.seek(0)
            message_id = request.headers.get("X-Message-Id", "")[:64]
            receipt = receive_package(
                stream=body,
                transport=TransportKind.HTTP,
                reference=f"{peer.name[:120]}:{message_id}",
                senders=None if "*" in routes_of(peer) else routes_of(peer),
            )
        return _reply(receipt)


def _declared_length(request) -> int:
    try:
        return max(int(request.headers.get("Content-Length") or 0), 0)
    except ValueError:
        return 0


def _spool(stream: IO[bytes] | None, cap: int, declared: int) -> IO[bytes]:
    if declared > cap:
        raise TooLarge
    body = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 - the caller closes it
    size = 0
    while stream is not None and (chunk := stream.read(CHUNK)):
        size += len(chunk)
        if size > cap:
            body.close()
            raise TooLarge
        body.write(chunk)
    return body


def _reply(receipt: Receipt) -> Response:
    problems = [p.problem for p in receipt.packages if p.state == PackageState.FAILED]
    problems += [s.problem for s in receipt.statuses if not s.matched]
    if problems:
        raise PackageRefused(problems[0])
    body = {
        "kind": "status" if receipt.statuses else "document",
        "duplicate": receipt.duplicate,
        "packages": [{"id": p.pk, "state": p.state} for p in receipt.packages],
        "statuses": [{"id": s.pk, "code": s.code} for s in receipt.statuses],
        "detail": "Đã nhận trước đó." if receipt.duplicate else "Đã nhận.",
    }
    return Response(body, status=status.HTTP_200_OK if receipt.duplicate else status.HTTP_202_ACCEPTED)
