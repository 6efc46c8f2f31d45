"""Pages: make a copy of a document, see it, and the register of copies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from eoffice.attachments.http import stored_file_response
from eoffice.copies import exports
from eoffice.copies.forms import CopyMakeForm
from eoffice.copies.selectors import get_copy_for_user, register_rows, register_years
from eoffice.copies.services import CopyRequest, can_copy, copy_make
from eoffice.copies.sources import KINDS, source_for
from eoffice.core.errors import ServiceError
from eoffice.core.params import query_year
from eoffice.core.views import apply_service_error
from eoffice.organisation.access import current_actor

PAGE_SIZE = 500


def _source(request: HttpRequest, actor):
    kind = next((k for k in KINDS if k in request.GET), None)
    if kind is None:
        raise Http404("Chọn văn bản cần sao từ trang của văn bản.")
    return source_for(actor, kind, request.GET[kind])


def request_from(data: dict) -> CopyRequest:
    """The service's request from a form's or an API body's cleaned data."""
    return CopyRequest(
        form=data["form"],
        medium=data["medium"],
        pages=data.get("pages") or "",
        places=tuple(line.strip() for line in (data.get("places") or "").splitlines() if line.strip()),
        amount=data.get("amount") or 1,
        signer=data.get("signer"),
        signer_title=data.get("signer_title") or "",
        note=data.get("note") or "",
        pin=data.get("pin") or "",
    )


@login_required
def copy_new(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    if can_copy(actor):
        raise Http404("Chỉ văn thư cơ quan thực hiện sao văn bản.")
    try:
        source = _source(request, actor)
    except ServiceError as error:
        return render(request, "copies/refused.html", {"message": error.message}, status=error.status)
    form = CopyMakeForm(request.POST or None, agency=actor.agency, source_kind=source.kind)
    if request.method == "POST" and form.is_valid():
        try:
            copy = copy_make(actor=actor, source=source, request=request_from(form.cleaned_data))
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Đã sao văn bản: {copy.form_words} số {copy.code}.")
            return redirect("copy-detail", pk=copy.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "copies/copy_new.html", {"form": form, "source": source}, status=status)


@login_required
def copy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    copy = get_copy_for_user(current_actor(request), pk)
    return render(request, "copies/copy_detail.html", {"copy": copy, "row": exports.register_row(copy)})


@login_required
def copy_file(request: HttpRequest, pk: int) -> FileResponse:
    copy = get_copy_for_user(current_actor(request), pk)
    name = f"ban-sao-{copy.code.replace('/', '-')}.pdf"
    return stored_file_response(copy.file, name)


def _register(request: HttpRequest):
    actor = current_actor(request)
    if not actor.sees_whole_agency:
        raise Http404("Chỉ văn thư và lãnh đạo cơ quan được xem sổ.")
    return actor, query_year(request.GET) or timezone.localdate().year


@login_required
def register_book(request: HttpRequest) -> HttpResponse:
    actor, year = _register(request)
    page = Paginator(register_rows(actor, year=year), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "rows": [(copy, exports.register_row(copy)) for copy in page],
        "page": page,
        "year": year,
        "years": register_years(actor, year, timezone.localdate().year),
        "query": f"year={year}",
        "columns": [name for name, _ in exports.REGISTER_COLUMNS],
    }
    return render(request, "copies/register_book.html", context)


@login_required
def register_book_xlsx(request: HttpRequest) -> HttpResponse:
    actor, year = _register(request)
    return exports.register_xlsx_response(actor, year=year)


@login_required
def register_book_pdf(request: HttpRequest) -> HttpResponse:
    actor, year = _register(request)
    return exports.register_pdf_response(actor, year=year)
