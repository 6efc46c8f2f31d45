"""Reads, downloads, exports and searches go to the audit log too (changes and
confidential reads are audited by the services themselves).

One rule for every page and API endpoint, decided from the request and the
answer rather than view by view, so a new page is covered without anyone
remembering to. Volume is aggregated: the same person doing the same thing
(same view, same record, same search words) is logged once per
EOFFICE_AUDIT_ACCESS_WINDOW seconds (0: every time). The window is kept in the
configured cache: per process with the embedded default, shared with Redis.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

from eoffice.audit.services import audit_record

EXPORT_TYPES = ("spreadsheetml", "text/csv", "opendocument.spreadsheet", "wordprocessingml")
# Route parameters that page through one record (PDF page previews): not a new record.
PAGING_KWARGS = {"number", "page"}
SUMMARIES = {"read": "Xem", "download": "Tải tệp", "export": "Xuất dữ liệu", "search": "Tìm kiếm", "denied": "Bị từ chối"}


def note_agency(request: Any, agency: Any) -> None:
    """Remember the agency a request acts in, for its access row. Called by
    whoever resolves the acting agency (audit cannot import organisation); a DRF
    request is unwrapped so the middleware, which sees Django's request, finds it."""
    getattr(request, "_request", request).audit_agency = agency


def access_kind(request: HttpRequest, response: HttpResponse) -> str | None:
    """What an answered request was, for the log, or None when it is not logged
    (a list without search words, a form, a static file, a failure other than a refusal)."""
    user = getattr(request, "user", None)
    match = request.resolver_match
    if user is None or not user.is_authenticated or match is None:
        return None
    if response.status_code == 403:  # refused, whatever the method (ASVS 7.1.3)
        return "denied"
    if request.method != "GET" or response.status_code != 200:
        return None
    if isinstance(response, FileResponse | StreamingHttpResponse) or response.has_header("Content-Disposition"):
        content_type = response.get("Content-Type", "")
        return "export" if any(kind in content_type for kind in EXPORT_TYPES) else "download"
    if request.GET.get("q", "").strip():
        return "search"
    if set(match.kwargs) - PAGING_KWARGS:
        return "read"
    return None


def _first_in_window(request: HttpRequest, kind: str) -> bool:
    window = settings.EOFFICE_AUDIT_ACCESS_WINDOW
    if not window:
        return True
    match = request.resolver_match
    assert match is not None  # access_kind() said so
    record = sorted((key, str(value)) for key, value in match.kwargs.items() if key not in PAGING_KWARGS)
    # A search is its words; an export its whole query (another period is another export);
    # a refusal its method.
    words = {"search": request.GET.get("q", "").strip(), "export": request.GET.urlencode(), "denied": request.method}
    identity = repr((request.user.pk, kind, match.view_name, record, words.get(kind, "")))
    key = "audit-access:" + hashlib.sha256(identity.encode()).hexdigest()
    return cache.add(key, 1, timeout=window)


def record_access(request: HttpRequest, response: HttpResponse) -> None:
    kind = access_kind(request, response)
    if kind is None or not _first_in_window(request, kind):
        return
    path = request.get_full_path()[:400]
    data = {"path": path, "view": request.resolver_match.view_name if request.resolver_match else ""}
    if kind == "denied":
        data["method"] = request.method or ""
    if kind == "search":
        data["q"] = request.GET.get("q", "").strip()[:200]
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=f"access.{kind}",
            agency=getattr(request, "audit_agency", None),
            summary=f"{SUMMARIES[kind]}: {path}",
            data=data,
        )


class AccessAuditMiddleware:
    """Logs what a signed-in person read, downloaded, exported or searched for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        record_access(request, response)
        return response
