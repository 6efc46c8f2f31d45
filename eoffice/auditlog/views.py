"""/nhat-ky/: the agency's audit log for its auditors and administrators, filtered,
paged, and exported as CSV or XLSX with the hash chain (exports.py). Reading the
log is itself logged; exports are logged by the access audit as exports."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from eoffice.audit.services import audit_record
from eoffice.auditlog import exports
from eoffice.auditlog.forms import LogFilterForm
from eoffice.auditlog.selectors import filtered_log, require_log_reader
from eoffice.core.errors import BadInput
from eoffice.core.xlsx import xlsx_response
from eoffice.organisation.access import current_actor

PAGE_SIZE = 50


def _filtered(request: HttpRequest):
    actor = current_actor(request)
    require_log_reader(actor)
    form = LogFilterForm(request.GET or None, agency=actor.agency)
    if form.is_bound and not form.is_valid():
        return actor, form, None
    return actor, form, filtered_log(actor, form.cleaned_data if form.is_bound else {})


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    actor, form, rows = _filtered(request)
    # Logged before the page is counted and sliced, so the count and the rows agree.
    audit_record(
        actor=request.user,
        action="audit.log_read",
        agency=actor.agency,
        summary=f"Xem nhật ký hệ thống: {request.get_full_path()}"[:500],
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")) if rows is not None else None
    context = {"form": form, "page": page, "query": request.GET.urlencode()}
    return render(request, "auditlog/events.html", context)


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


@login_required
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    _, form, rows = _filtered(request)
    if rows is None:
        raise BadInput("Bộ lọc nhật ký không hợp lệ: " + " ".join(str(e) for e in form.errors.values()))
    response = StreamingHttpResponse(exports.csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{_stamp()}.csv"'
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    actor, form, rows = _filtered(request)
    if rows is None:
        raise BadInput("Bộ lọc nhật ký không hợp lệ: " + " ".join(str(e) for e in form.errors.values()))
    if rows.count() > exports.XLSX_MAX_ROWS:
        most = f"{exports.XLSX_MAX_ROWS:,}".replace(",", ".")
        raise BadInput(f"Quá {most} dòng cho một tệp XLSX; đề nghị chọn khoảng thời gian ngắn hơn hoặc tải CSV.")
    heading = f"Nhật ký hệ thống — {actor.agency.name} — xuất lúc {timezone.localtime():%d/%m/%Y %H:%M}"
    return xlsx_response(exports.workbook(rows, heading), f"nhat-ky-{_stamp()}.xlsx")
