"""Pages of tasks under /dieu-hanh/nhiem-vu/: the list with its tabs and filters,
the create form (also from an incoming document: ?incoming=<id>), the task page
(its buttons post to the step views of workflow.py), files, and the Sổ theo dõi
nhiệm vụ with its XLSX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from eoffice.attachments.http import attachment_response
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.core.xlsx import xlsx_response
from eoffice.incoming.models import IncomingDocument
from eoffice.operations.access import get_task_for_user
from eoffice.operations.models import TaskFile, TaskSource
from eoffice.operations.tasking import forms, pages, selectors
from eoffice.operations.tasking.exports import task_book_xlsx
from eoffice.operations.tasking.services import task_create
from eoffice.organisation.access import current_actor

PAGE_SIZE = 50


@login_required
def task_list(request):
    """Nhiệm vụ: the tabs, the filters, overdue and due-soon marks."""
    actor = current_actor(request)
    tabs = {key: label for key, label in selectors.TABS.items() if key != "all" or selectors.may_see_all(actor)}
    tab = request.GET.get("tab") if request.GET.get("tab") in tabs else "waiting"
    filter_form = forms.FilterForm(request.GET or None, agency=actor.agency)
    tasks = selectors.filter_tasks(selectors.tab_queryset(actor, tab), **filter_form.filters())
    page = Paginator(selectors.in_list_order(tasks, few=tab == "waiting"), PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.mark_timeliness(list(page.object_list))
    context = {
        "tab": tab,
        "tabs": tabs,
        "page": page,
        "filter_form": filter_form,
        "waiting_count": selectors.tasks_waiting_for(actor).count(),
        "may_assign": selectors.may_assign(actor),
        "may_see_book": selectors.may_see_all(actor),
    }
    return render(request, "operations/task_list.html", context)


def _source_document(actor, request) -> IncomingDocument | None:
    pk = request.GET.get("incoming") or request.POST.get("incoming")
    if not pk:
        return None
    return IncomingDocument.objects.visible_to(actor).filter(pk=pk if str(pk).isdigit() else 0).first()


def _initial(actor, document: IncomingDocument | None) -> dict:
    initial = {"assigner": actor.user.pk if actor.is_leader else None}
    if document is not None:
        reference = f"{document.symbol_display} ngày {document.issued_date:%d/%m/%Y} của {document.organ_name}"
        initial |= {"source_kind": TaskSource.INCOMING, "source_reference": reference[:200], "title": document.subject}
    return initial


@login_required
def task_new(request):
    """Giao nhiệm vụ (leaders, or the registry on a leader's behalf)."""
    actor = current_actor(request)
    if not selectors.may_assign(actor):
        raise PermissionDenied("Chỉ lãnh đạo cơ quan hoặc văn thư mới được giao nhiệm vụ.")
    document = _source_document(actor, request)
    form = forms.TaskForm(request.POST or None, agency=actor.agency, initial=_initial(actor, document))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                task = task_create(actor=actor, incoming=document, **form.service_values())
            except ServiceError as error:
                apply_service_error(form, error)
                status = error.status
            else:
                messages.success(request, "Đã giao nhiệm vụ.")
                return redirect("operations:task-detail", pk=task.pk)
    return render(request, "operations/task_form.html", {"form": form, "document": document}, status=status)


@login_required
def task_detail(request, pk):
    actor = current_actor(request)
    return render(request, "operations/task_detail.html", pages.detail_context(actor, get_task_for_user(actor, pk)))


@login_required
def task_file(request, pk, file_pk):
    """A report's file, after the check on its task."""
    actor = current_actor(request)
    task = get_task_for_user(actor, pk)
    return attachment_response(TaskFile.objects.filter(report__task=task), file_pk)


def _book(request):
    actor = current_actor(request)
    if not selectors.may_see_all(actor):
        raise PermissionDenied("Sổ theo dõi nhiệm vụ dành cho lãnh đạo cơ quan và văn phòng.")
    form = forms.PeriodForm(request.GET or None)
    period = form.cleaned_data if form.is_valid() else {}
    first, last = period.get("date_from"), period.get("date_to")
    return actor, form, first, last


@login_required
def book(request):
    """Sổ theo dõi nhiệm vụ: the figures per lead unit for the period."""
    actor, form, first, last = _book(request)
    lines, total = selectors.statistics(actor.agency, date_from=first, date_to=last)
    context = {"form": form, "lines": lines, "total": total, "query": request.GET.urlencode()}
    return render(request, "operations/task_book.html", context, status=400 if form.errors else 200)


@login_required
def book_xlsx(request):
    actor, form, first, last = _book(request)
    lines, total = selectors.statistics(actor.agency, date_from=first, date_to=last)
    return xlsx_response(task_book_xlsx(actor.agency, lines, total, first, last), "so-theo-doi-nhiem-vu.xlsx")
