"""The draft's pages: soạn thảo (a new draft from the Appendix III template of
its type) and sửa dự thảo (a new version, by its drafter, while editable)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from eoffice.core.choices import DOCUMENT_TYPES
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.organisation.access import current_actor
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.drafting import forms, services
from eoffice.outgoing.drafting.templating import starter
from eoffice.outgoing.drafting.validation import DRAFT_FIELDS
from eoffice.outgoing.workflow import can_edit

TYPE_NAMES = {name for name, _ in DOCUMENT_TYPES}


def _refuse_draft(actor) -> None:
    if not actor.unit_ids:
        raise Http404("Chỉ cán bộ thuộc một đơn vị của cơ quan mới được soạn thảo văn bản.")


@login_required
def create(request):
    """Soạn thảo: the form starts from the Appendix III template of the chosen type."""
    actor = current_actor(request)
    _refuse_draft(actor)
    type_name = request.GET.get("loai") if request.GET.get("loai") in TYPE_NAMES else "Công văn"
    initial = starter(type_name) | {"answers": [int(a) for a in request.GET.getlist("tra-loi") if a.isdigit()]}
    form = forms.DraftForm(request.POST or None, request.FILES or None, actor=actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, others = form.service_args()
        try:
            document = services.outgoing_create(actor=actor, data=data, **others)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Đã lưu dự thảo.")
            return redirect("outgoing-detail", pk=document.pk)
    return _form_page(request, form, document=None)


def _form_page(request, form, *, document):
    if request.method == "POST" and request.FILES:
        messages.warning(request, "Vì dữ liệu chưa hợp lệ nên tệp chưa được lưu: hãy chọn lại tệp trước khi gửi.")
    context = {"form": form, "document": document, "types": forms.TYPE_CHOICES}
    return render(request, "outgoing/form.html", context, status=400 if request.method == "POST" else 200)


def _initial(document) -> dict:
    initial = {name: getattr(document, name) for name in DRAFT_FIELDS}
    initial |= {
        "signer": document.signer_id,
        "recipients": list(document.recipients.values_list("agency_id", flat=True)),
        "answers": list(document.answers.values_list("pk", flat=True)),
    }
    return initial


@login_required
def edit(request, pk):
    """A new version of the draft, by its drafter, while it is editable."""
    actor = current_actor(request)
    document = get_outgoing_for_user(actor, pk)
    if can_edit(actor, document) is not None:
        raise Http404("Chỉ người soạn thảo mới sửa được dự thảo chưa trình hoặc bị trả lại.")
    form = forms.DraftForm(
        request.POST or None, request.FILES or None, actor=actor, document=document, initial=_initial(document)
    )
    if request.method == "POST" and form.is_valid():
        data, others = form.service_args()
        try:  # the new version and its files, or nothing
            services.outgoing_update(actor=actor, document=document, data=data, **others)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Đã lưu phiên bản mới của dự thảo.")
            return redirect("outgoing-detail", pk=document.pk)
    return _form_page(request, form, document=document)
