"""The registry's pages: registration (vào sổ văn bản đến: form → service → message →
redirect) and the received packages waiting for it (văn bản điện tử chờ vào sổ)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from eoffice.attachments.http import attachment_page_response, attachment_response
from eoffice.core import once
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.exchange.models import PackageState
from eoffice.incoming.receiving import forms, packages, services
from eoffice.incoming.receiving.pages import package_context
from eoffice.organisation.access import current_actor
from eoffice.organisation.selectors import today


@login_required
@once.per_page("Văn bản này đã được vào sổ ở lần gửi trước; không vào sổ lần nữa.")
def register(request):
    actor = current_actor(request)
    if not actor.is_clerk:
        raise Http404("Chỉ văn thư mới được vào sổ văn bản đến.")
    form = forms.IncomingForm(request.POST or None, request.FILES or None, initial={"arrival_date": today()})
    duplicate = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files, confirm = data.pop("files"), data.pop("confirm_duplicate")
        try:
            document = services.incoming_register(actor=actor, data=data, files=files, confirm_duplicate=confirm)
        except ServiceError as error:
            duplicate = error.code == "duplicate"
            apply_service_error(form, error)
        else:
            messages.success(request, f"Đã vào sổ văn bản đến, số đến {document.arrival_number}.")
            return redirect("incoming-detail", pk=document.pk)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and request.FILES:
        messages.warning(request, "Vì dữ liệu chưa hợp lệ nên tệp chưa được lưu: hãy chọn lại tệp trước khi gửi.")
    return render(request, "incoming/register.html", {"form": form, "duplicate": duplicate}, status=status)


@login_required
def package_list(request):
    """Văn bản điện tử chờ vào sổ (and those registered, refused or broken)."""
    actor = current_actor(request)
    if not actor.is_clerk:
        raise Http404("Chỉ văn thư mới xem được gói tin đến.")
    state = request.GET.get("trang-thai") or PackageState.RECEIVED
    if state not in PackageState.values:
        state = PackageState.RECEIVED
    rows = packages.packages_for(actor).filter(state=state).order_by("-received_at", "-id")
    page = Paginator(rows.select_related("incoming"), 50).get_page(request.GET.get("page"))
    context = {"page": page, "state": state, "states": PackageState.choices}
    return render(request, "incoming/packages.html", context)


@login_required
def package_page(request, pk):
    actor = current_actor(request)
    package = packages.get_package_for_user(actor, pk)
    return render(request, "incoming/package.html", package_context(actor, package))


@login_required
@xframe_options_sameorigin
def package_file(request, pk, file_pk):
    package = packages.get_package_for_user(current_actor(request), pk)
    return attachment_response(package.files, file_pk)


@login_required
def package_file_page(request, pk, file_pk, number):
    package = packages.get_package_for_user(current_actor(request), pk)
    return attachment_page_response(package.files, file_pk, number)


@login_required
def package_raw(request, pk):
    """The package as it arrived (for inspection of a broken or refused one)."""
    package = packages.get_package_for_user(current_actor(request), pk)
    name = f"goi-tin-{package.pk}.edxml"
    return FileResponse(package.raw.file.open("rb"), content_type="application/xml", as_attachment=True, filename=name)
