"""One error shape for the whole API: {"error": {"code", "message", "fields"}}."""

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from eoffice.core.errors import ServiceError

MESSAGES = {
    "not_found": "Không tìm thấy đối tượng yêu cầu.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_authenticated": "Bạn chưa đăng nhập hoặc mã xác thực không hợp lệ.",
    "authentication_failed": "Mã xác thực không hợp lệ.",
    "invalid": "Dữ liệu không hợp lệ, vui lòng kiểm tra các trường được đánh dấu.",
    "method_not_allowed": "Phương thức không được hỗ trợ.",
    "unsupported_media_type": "Kiểu dữ liệu gửi lên không được hỗ trợ.",
    "not_acceptable": "Không trả được dữ liệu theo định dạng yêu cầu (Accept).",
    "parse_error": "Dữ liệu gửi lên không đọc được.",
    "throttled": "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.",
}


# Django REST framework's field messages that its Vietnamese catalogue leaves
# in English, by error code; {n} is the number the English message names.
FIELD_MESSAGES = {
    "required": "Trường này là bắt buộc.",
    "null": "Trường này không được để trống.",
    "blank": "Trường này không được để trống.",
    "empty": "Trường này không được để trống.",
    "invalid": "Giá trị không hợp lệ.",
    "invalid_choice": "Giá trị không nằm trong các lựa chọn cho phép.",
    "max_length": "Không được dài quá {n} ký tự.",
    "min_length": "Phải có ít nhất {n} ký tự.",
    "max_value": "Giá trị không được lớn hơn {n}.",
    "min_value": "Giá trị không được nhỏ hơn {n}.",
    "max_string_length": "Giá trị quá lớn.",
    "overflow": "Giá trị quá lớn.",
    "max_digits": "Không được có quá {n} chữ số.",
    "max_decimal_places": "Không được có quá {n} chữ số thập phân.",
    "max_whole_digits": "Không được có quá {n} chữ số phần nguyên.",
    "not_a_list": "Cần một danh sách giá trị.",
    "not_a_dict": "Cần một đối tượng (từ điển) giá trị.",
    "no_name": "Không xác định được tên tệp.",
    "date": "Cần một ngày (YYYY-MM-DD), không phải ngày giờ.",
    "datetime": "Cần ngày giờ, không phải ngày.",
    "authorization": "Cần nhập tên đăng nhập và mật khẩu.",
}


def _message(detail: object) -> str:
    text = str(detail)
    template = FIELD_MESSAGES.get(getattr(detail, "code", ""))
    # Keep messages already in Vietnamese (ours, or translated by the framework);
    # quoted user input may hold Vietnamese letters in an English message.
    if template is None or not re.sub(r'"[^"]*"', "", text).isascii():
        return text
    number = re.search(r"-?\d+(?:\.\d+)?", text)
    return template.format(n=number.group() if number else "")


def error_response(code: str, message: str, fields: dict[str, Any] | None, http_status: int) -> Response:
    return Response(
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=http_status,
    )


def _flatten(detail: object) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [_message(item) for item in detail]
        return [_flatten(item) for item in detail]
    return [_message(detail)]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ServiceError):
        return error_response(exc.code, exc.message, exc.fields, exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = _flatten(detail) if isinstance(detail, dict) else {}
        message = MESSAGES["invalid"]
        non_field = fields.pop("non_field_errors", None) if fields else _flatten(detail)
        if non_field:
            message = " ".join(non_field)
        return error_response("invalid", message, fields, status.HTTP_400_BAD_REQUEST)
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        code = "not_authenticated"
    text = str(getattr(exc, "detail", exc))
    # Our own messages are Vietnamese (not ASCII); the framework's English ones get ours.
    message = text if not text.isascii() else MESSAGES.get(code, text)
    response.data = {"error": {"code": code, "message": message, "fields": {}}}
    return response
