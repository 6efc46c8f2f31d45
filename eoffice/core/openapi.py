"""The OpenAPI schema's AutoSchema: every operation documents the errors it can answer,
in the one error shape (core.api_errors), so that a client, and the schema-driven fuzz
(core/tests/test_api_fuzz.py), can rely on the schema for every status code."""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from eoffice.core.params import FIRST_YEAR, LAST_YEAR

JSON = "application/json"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

ERRORS = {
    400: "Dữ liệu hoặc tham số không hợp lệ (`invalid`, `parse_error`; `fields` nêu từng trường)",
    401: "Chưa đăng nhập hoặc mã xác thực không hợp lệ (`not_authenticated`)",
    403: "Không có quyền thực hiện thao tác này (`permission_denied`)",
    404: "Không tìm thấy, thuộc cơ quan khác, hoặc văn bản mật không được phép xem (`not_found`)",
    409: (
        "Trùng văn bản đã vào sổ (`duplicate`), trạng thái không cho phép thao tác (`invalid_state`) "
        "hoặc lịch trùng người, trùng phòng chưa xác nhận (`conflict`)"
    ),
    413: "Dữ liệu hoặc tệp gửi lên vượt quá dung lượng cho phép (`too_large`)",
    415: "Kiểu dữ liệu gửi lên không được hỗ trợ (`unsupported_media_type`)",
    422: "Gói tin đã lưu nhưng bị từ chối, lý do trong `message` (`package_refused`)",
    429: "Quá nhiều yêu cầu (`throttled`, `locked`); header Retry-After cho biết số giây phải chờ",
}


ERROR_SCHEMA = {
    "type": "object",
    "description": "The one shape of every API error.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Mã lỗi ổn định, ví dụ `invalid`, `not_found`, `invalid_state`"},
                "message": {"type": "string", "description": "Thông báo bằng tiếng Việt"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {},
                    "description": "Lỗi theo từng trường gửi lên (có thể lồng nhau)",
                },
                "reference": {"type": "string", "description": "Mã tra cứu trong nhật ký (lỗi trước khi tới API)"},
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}
ERROR_COMPONENT = ResolvedComponent(  # type: ignore[no-untyped-call]
    name="ApiError", type=ResolvedComponent.SCHEMA, schema=ERROR_SCHEMA, object="ApiError"
)

AGENCY_HEADER = OpenApiParameter(
    "X-Eoffice-Agency",
    {"type": "integer", "minimum": 1, "maximum": 999_999_999},
    OpenApiParameter.HEADER,
    description="Mã số cơ quan làm việc (người có vai trò ở nhiều cơ quan); mặc định cơ quan đầu tiên",
)


def may_be_null(field: serializers.Field[Any, Any, Any, Any]) -> bool:
    """Whether an output field can answer null though drf-spectacular types it as a plain
    value: its default is None, or its source is (or goes through) a nullable model field
    (DRF answers null when a relation on the way is empty)."""
    if field.default is None:
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    for name in getattr(field, "source_attrs", []):  # [] for "*" and for a field not bound to a serializer
        try:
            model_field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            return False
        if model_field is None:
            return False
        if getattr(model_field, "null", False):
            return True
        model = model_field.related_model
    return False


class AutoSchema(openapi.AutoSchema):
    def _get_serializer_field_meta(self, field: Any, direction: Any) -> dict[str, Any]:
        meta: dict[str, Any] = super()._get_serializer_field_meta(field, direction)  # type: ignore[no-untyped-call]
        if direction == "response" and isinstance(field, serializers.Field) and may_be_null(field):
            meta["nullable"] = True
        return meta

    def _needs_login(self) -> bool:
        return not all(isinstance(permission, AllowAny) for permission in self.view.get_permissions())

    def get_override_parameters(self) -> list[Any]:
        """The agency header wherever a login is needed (the others read no agency)."""
        parameters = super().get_override_parameters()
        return [*parameters, AGENCY_HEADER] if self._needs_login() else parameters

    def error_codes(self) -> list[int]:
        """What this operation may answer besides success: 400 and 404 anywhere (a bad
        parameter or header, an unknown object or page), 401/403 where a token is read or a
        permission checked, 409 for a change, 413/415 for a body, 429 where throttled."""
        codes = [400, 404]
        if self.view.get_authenticators():
            codes.append(401)
        if self._needs_login():
            codes.append(403)
        if self.method in UNSAFE:
            codes.append(409)
        if self.method in UNSAFE - {"DELETE"}:
            codes += [413, 415]
        if self.view.get_throttles():
            codes.append(429)
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        self.registry.register_on_missing(ERROR_COMPONENT)
        declared = [int(code) for code in responses if int(code) >= 400]  # by @extend_schema, maybe without a body
        for code in sorted({*self.error_codes(), *declared}):
            documented = responses.setdefault(str(code), {})
            documented["description"] = documented.get("description") or ERRORS.get(code, "")
            documented.setdefault("content", {JSON: {"schema": ERROR_COMPONENT.ref}})
        return dict(sorted(responses.items()))


def file_response(media_type: str, description: str) -> dict[Any, OpenApiResponse]:
    """@extend_schema(responses=…) of a download: the file itself, as binary (errors
    are added by AutoSchema as for any operation)."""
    return {(200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description=description)}


# ?so=mat: the confidential register (sổ mật) of a register endpoint.
CONFIDENTIAL_REGISTER = OpenApiParameter("so", str, enum=["mat"], description="mat: sổ mật (chỉ người được cấp quyền)")


def year_parameter(description: str = "Năm", *, required: bool = False) -> OpenApiParameter:
    """A `year` in the query string, with the bounds params.query_year() enforces."""
    schema = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
    return OpenApiParameter("year", schema, required=required, description=description)
