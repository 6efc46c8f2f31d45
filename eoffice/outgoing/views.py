"""Web pages of outgoing documents: the work list, the draft form and the
document page. The buttons of the document page (one POST view per step) come
from outgoing.workflow."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from eoffice.attachments.http import attachment_response
from eoffice.attachments.models import StoredFile
from eoffice.core.choices import DOCUMENT_TYPES
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.organisation.access import current_actor
from eoffice.outgoing import forms, pages, preview, services
from eoffice.outgoing.access import get_outgoing_for_user
from eoffice.outgoing.files import docx_response, pdf_bytes, pdf_response
from eoffice.outgoing.templating import starter
from eoffice.outgoing.workflow import can_edit
from eoffice.outgoing.worklist import TABS, step_label, tab_queryset

TYPE_NAMES = {name for name, _ in DOCUMENT_TYPES}


@login_required
def document_list(request):
    actor = current_actor(request)
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "waiting"
    qs = tab_queryset(actor, tab).select_related("drafting_unit", "drafter", "signer")
    if request.GET.get("q"):
        qs = qs.filter(subject__icontains=request.GET["q"].strip())
    page = Paginator(qs.order_by("-updated_at", "-id"), 50).get_page(request.GET.get("page"))
    for document in page.object_list:
        document.waits_for = step_label(document)
    counts = {"waiting": tab_queryset(actor, "waiting").count()}
    context = {"tab": tab, "tabs": TABS, "page": page, "counts": counts, "may_draft": bool(actor.unit_ids)}
    return render(request, "outgoing/list.html", context)


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
    from eoffice.outgoing.validation import DRAFT_FIELDS

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


@login_required
def detail(request, pk):
    actor = current_actor(request)
    document = get_outgoing_for_user(actor, pk)
    return render(request, "outgoing/detail.html", pages.detail_context(actor, document))


@login_required
@xframe_options_sameorigin
def pdf(request, pk):
    return pdf_response(get_outgoing_for_user(current_actor(request), pk))


@login_required
def page_image(request, pk, number):
    """Trang <number> of the document as PNG (the preview on the document page)."""
    image = preview.page_png(pdf_bytes(get_outgoing_for_user(current_actor(request), pk)), number)
    if image is None:
        raise Http404("Không có trang này.")
    return HttpResponse(image, content_type="image/png", headers={"Cache-Control": "private, no-cache"})


@login_required
def docx(request, pk):
    return docx_response(get_outgoing_for_user(current_actor(request), pk))


@login_required
@xframe_options_sameorigin
def attachment_file(request, pk, attachment_pk):
    document = get_outgoing_for_user(current_actor(request), pk)
    return attachment_response(document.attachments, attachment_pk)


@login_required
def package(request, pk, recipient_pk):
    """The edXML package sent to an external recipient (gói tin liên thông)."""
    document = get_outgoing_for_user(current_actor(request), pk)
    recipient = document.recipients.select_related("package").filter(pk=recipient_pk, package__isnull=False).first()
    if recipient is None:
        raise Http404("Không có gói tin cho nơi nhận này.")
    name = f"{document.symbol_display.replace('/', '-')}-{recipient.agency.organ_id}.edxml"
    package = cast(StoredFile, recipient.package)  # filtered on package__isnull=False
    return FileResponse(package.file.open("rb"), content_type="application/xml", filename=name, as_attachment=True)


@login_required
def verify(request):
    """Kiểm tra chữ ký số of any PDF the user uploads (e.g. a received document)."""
    form = forms.VerifyForm(request.POST or None, request.FILES or None)
    reports = None
    if request.method == "POST" and form.is_valid():
        reports = pages.verify_upload(form)
    status = 400 if request.method == "POST" and reports is None else 200
    return render(request, "outgoing/verify.html", {"form": form, "reports": reports}, status=status)
