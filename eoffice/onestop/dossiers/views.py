"""Staff pages of the one-stop unit (bộ phận một cửa) under /mot-cua/: the
work list, the receipt at the counter, the dossier page, its slips and files,
and the Sổ theo dõi hồ sơ. The dossier page's buttons post to the step views of workflow.py;
the public catalogue is in catalogue/views.py."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import ChoiceField
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin

from eoffice.core import once
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.core.xlsx import xlsx_response
from eoffice.onestop.access import get_dossier_for_user
from eoffice.onestop.catalogue.selectors import search as search_procedures
from eoffice.onestop.dossiers import forms, pages, uploads, worklist
from eoffice.onestop.dossiers.exports import book_row, dossier_book_xlsx
from eoffice.onestop.dossiers.services import dossier_receive
from eoffice.onestop.models import Procedure
from eoffice.organisation.access import current_actor

PAGE_SIZE = 50
BOOK_PAGE_SIZE = 500  # a register is long: pages on screen, the whole period in XLSX


# --------------------------------------------------------------------------- the work list
@login_required
def dossier_list(request):
    """Danh sách hồ sơ: tabs, filters, search; the time left in working days."""
    actor = current_actor(request)
    if not worklist.has_onestop_work(actor):
        raise PermissionDenied("Trang này dành cho cán bộ Bộ phận một cửa và các đơn vị giải quyết hồ sơ.")
    tab = request.GET.get("tab") if request.GET.get("tab") in worklist.TABS else worklist.DEFAULT_TAB
    filter_form = forms.FilterForm(request.GET or None, agency=actor.agency)
    now = timezone.now()
    dossiers = worklist.filter_dossiers(worklist.tab_queryset(actor, tab, now), **filter_form.filters())
    dossiers = worklist.with_current_step(worklist.in_tab_order(dossiers, tab).select_related("procedure"))
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    for dossier in page.object_list:
        dossier.time_left = worklist.time_left(dossier, now)
    counts = {
        "waiting": worklist.tab_queryset(actor, "waiting", now).count(),
        "submitted": worklist.tab_queryset(actor, "submitted", now).count(),
    }
    context = {
        "tab": tab,
        "tabs": worklist.TABS,
        "page": page,
        "counts": counts,
        "filter_form": filter_form,
        "may_receive": worklist.may_receive(actor),
        "may_see_book": worklist.may_see_book(actor),
    }
    return render(request, "onestop/list.html", context)


# --------------------------------------------------------------------------- receipt at the counter
def _agency_procedure(actor, code: str) -> Procedure | None:
    """A published procedure of the user's agency, by its code."""
    code = (code or "").strip()
    return Procedure.objects.filter(agency=actor.agency, code=code, published=True).first() if code else None


def _choose_page(request, actor, *, error: str = ""):
    """Step 1 (no JavaScript needed): choose the procedure, optionally filtered by a text."""
    choice = forms.ProcedureChoiceForm(request.GET or None)
    query = request.GET.get("q", "")
    procedures = search_procedures(Procedure.objects.filter(agency=actor.agency, published=True), query).order_by("code")
    cast(ChoiceField, choice.fields["thu_tuc"]).choices = [("", "—")] + [(p.code, f"{p.code} — {p.name}") for p in procedures]
    context = {"choice": choice, "procedures": procedures[:200], "query": query, "error": error}
    return render(request, "onestop/receive_choose.html", context, status=400 if error else 200)


@login_required
@once.per_page("Hồ sơ này đã được tiếp nhận ở lần gửi trước; không tiếp nhận lần nữa.")
def receive(request):
    """Tiếp nhận hồ sơ: choose the procedure (?thu_tuc=<code>), then the
    checklist and the applicant. A refusal keeps every typed value and scan."""
    actor = current_actor(request)
    if not worklist.may_receive(actor):
        raise PermissionDenied("Chỉ cán bộ Bộ phận một cửa mới được tiếp nhận hồ sơ.")
    code = request.POST.get("thu_tuc") if request.method == "POST" else request.GET.get("thu_tuc")
    if not code:
        return _choose_page(request, actor)
    procedure = _agency_procedure(actor, code)
    if procedure is None:
        message = f"Không tìm thấy thủ tục hành chính có mã “{code}” đang được công khai tại cơ quan."
        return _choose_page(request, actor, error=message)
    form = forms.ReceiveForm(request.POST or None, request.FILES or None, procedure=procedure)
    status, missing = 200, set()
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                dossier = dossier_receive(
                    actor=actor,
                    procedure=procedure,
                    applicant=form.applicant(),
                    papers=uploads.store_papers(form.paper_items(), form),
                    channel=form.cleaned_data["channel"],
                    note=form.cleaned_data["note"],
                )
            except ServiceError as error:
                apply_service_error(form, error)
                status = error.status
                missing = _missing_paper_keys(form) if "papers" in error.fields else set()
            else:
                messages.success(request, f"Đã tiếp nhận hồ sơ {dossier.code}. Hãy in giấy tiếp nhận và hẹn trả kết quả.")
                return redirect("onestop:detail", pk=dossier.pk)
        else:
            uploads.keep_uploads(form)
    context = {"form": form, "procedure": procedure, "rows": form.paper_rows(), "missing": missing}
    return render(request, "onestop/receive.html", context, status=status)


def _missing_paper_keys(form) -> set[str]:
    """The rows of required papers not handed in, to mark them on a refused form."""
    handed = {item["required_paper"].pk for item in form.paper_items() if item["required_paper"]}
    return {f"p{paper.pk}" for paper in form.papers if paper.required and paper.pk not in handed}


# --------------------------------------------------------------------------- the dossier page
@login_required
def detail(request, pk):
    actor = current_actor(request)
    dossier = get_dossier_for_user(actor, pk)
    return render(request, "onestop/detail.html", pages.detail_context(actor, dossier))


@login_required
@xframe_options_sameorigin
def slip(request, pk, kind):
    """A slip as PDF: tiep-nhan, bo-sung, tu-choi, xin-loi, kiem-soat (?su_kien=<event id>)."""
    dossier = get_dossier_for_user(current_actor(request), pk)
    data, filename = pages.slip_pdf(dossier, pages.SLIP_BY_SLUG.get(kind), request.GET.get("su_kien"))
    return pages.pdf_response(data, filename)


@login_required
@xframe_options_sameorigin
def paper_file(request, pk, paper_pk):
    return pages.paper_file(get_dossier_for_user(current_actor(request), pk), paper_pk)


@login_required
@xframe_options_sameorigin
def result_file(request, pk):
    dossier = get_dossier_for_user(current_actor(request), pk)
    return pages.file_response(dossier.result_file, f"{dossier.code}-ket-qua")


# --------------------------------------------------------------------------- Sổ theo dõi hồ sơ
def _book_period(request):
    """(actor, period form, first day, last day); the current month by default."""
    actor = current_actor(request)
    if not worklist.may_see_book(actor):
        raise PermissionDenied("Chỉ Bộ phận một cửa và lãnh đạo cơ quan được xem Sổ theo dõi hồ sơ.")
    form = forms.PeriodForm(request.GET or None)
    first, last = worklist.month_of(timezone.localdate())
    if form.is_bound and form.is_valid():
        first = form.cleaned_data["date_from"] or first
        last = form.cleaned_data["date_to"] or max(first, last)
    return actor, form, first, last


def _book_page(request, actor, form, first, last):
    page = Paginator(worklist.book_dossiers(actor, first, last), BOOK_PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    start = page.start_index() if page.object_list else 1
    context = {
        "form": form,
        "rows": [book_row(number, dossier, now=now) for number, dossier in enumerate(page.object_list, start=start)],
        "page": page,
        "period": worklist.period_label(first, last),
        # What the period inputs show: the user's text, or the period the page shows.
        "shown_from": form.data.get("date_from", "") if form.is_bound else f"{first:%d/%m/%Y}",
        "shown_to": form.data.get("date_to", "") if form.is_bound else f"{last:%d/%m/%Y}",
        "query": f"date_from={first:%d/%m/%Y}&date_to={last:%d/%m/%Y}",
    }
    return render(request, "onestop/book.html", context, status=400 if form.errors else 200)


@login_required
def book(request):
    """Sổ theo dõi hồ sơ of a period, paged."""
    return _book_page(request, *_book_period(request))


@login_required
def book_xlsx(request):
    """The same period as XLSX; a bad period shows the page with the reason."""
    actor, form, first, last = _book_period(request)
    if form.errors:
        return _book_page(request, actor, form, first, last)
    label = worklist.period_label(first, last)
    data = dossier_book_xlsx(worklist.book_dossiers(actor, first, last), agency=actor.agency, period_label=label)
    return xlsx_response(data, worklist.book_filename(first, last))
