"""The registry's registration page (vào sổ văn bản đến): form → service → message → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from eoffice.core import once
from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.incoming.receiving import forms, services
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
