"""Error pages in Vietnamese (400, 403, 404, 500), never a traceback. Each carries a
reference that is also written to the log, so the administrator can find what happened
from what the user reads out. API paths get the API's error shape instead of a page."""

import logging
import secrets
import sys

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

from eoffice.core.errors import ServiceError

logger = logging.getLogger("eoffice.errors")

PAGES = {
    400: ("invalid", "Yêu cầu không hợp lệ", "Dữ liệu gửi lên không hợp lệ hoặc không đọc được."),
    403: ("permission_denied", "Không có quyền truy cập", "Bạn không có quyền xem trang này hoặc thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy trang", "Trang hoặc đối tượng bạn tìm không tồn tại, hoặc đã bị xoá."),
    500: ("server_error", "Lỗi hệ thống", "Hệ thống gặp lỗi khi xử lý yêu cầu. Dữ liệu chưa được lưu; xin thử lại sau."),
    503: (
        "database_unavailable",
        "Tạm thời không kết nối được cơ sở dữ liệu",
        "Hệ thống đang không kết nối được cơ sở dữ liệu (có thể đang khởi động lại). "
        "Dữ liệu chưa được lưu; xin thử lại sau ít phút.",
    ),
}
# Seconds a client is asked to wait before trying again while the database is away.
RETRY_AFTER = 30


def reference_for(request: HttpRequest) -> str:
    """The request's error reference, made once (the middleware may have made it)."""
    reference = getattr(request, "error_reference", None)
    if reference is None:
        reference = secrets.token_hex(4).upper()
        request.error_reference = reference  # type: ignore[attr-defined]
    return reference


def _respond(request: HttpRequest, status: int, exception: BaseException | None = None) -> HttpResponse:
    code, title, message = PAGES[status]
    if isinstance(exception, ServiceError):  # e.g. an upload refused mid-stream
        message = exception.message
    elif isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        message = "Dữ liệu gửi lên vượt quá dung lượng hoặc số trường cho phép."
    reference = reference_for(request)
    if status < 500:  # a 500 or 503 is logged with its traceback by server_error
        logger.warning("Error %s %s on %s %r: %s", reference, status, request.method, request.path, exception or "")
    if request.path.startswith("/api/"):
        body = {"error": {"code": code, "message": message, "fields": {}, "reference": reference}}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    context = {"status": status, "title": title, "message": message, "reference": reference}
    return HttpResponse(loader.render_to_string("error.html", context), status=status)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _respond(request, 400, exception)


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _respond(request, 403, exception)


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _respond(request, 404, None)  # Django's 404 detail may name internals


def server_error(request: HttpRequest) -> HttpResponse:
    """Called while the exception is being handled, from a view or a middleware alike:
    log it beside the reference shown. A database that is down or restarting is a
    503 with Retry-After (the connection is health-checked and reopened on the next
    request, CONN_HEALTH_CHECKS), not a "system error"."""
    error = sys.exc_info()[1]
    status = 503 if isinstance(error, OperationalError | InterfaceError) else 500
    # %r: a path is what the client typed; escaped, a "%0A" cannot forge a log line.
    logger.error("Error %s %s on %s %r", reference_for(request), status, request.method, request.path, exc_info=sys.exc_info())
    response = _respond(request, status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER)
    return response
