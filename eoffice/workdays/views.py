from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.organisation.access import current_actor
from eoffice.organisation.selectors import Actor
from eoffice.workdays.forms import OverrideForm
from eoffice.workdays.models import CalendarOverride
from eoffice.workdays.services import calendar_override_remove, calendar_override_set, year_calendar


def _require_admin(request: HttpRequest) -> Actor:
    actor = current_actor(request)
    if not actor.is_admin:
        raise Http404("Trang này dành cho quản trị hệ thống.")
    return actor


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """The year's holidays and make-up days, and the administrator's corrections."""
    actor = _require_admin(request)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 1990 < int(year_text) < 2200 else timezone.localdate().year
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            calendar_override_set(actor=actor.user, **data)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Đã cập nhật lịch ngày {data['day']:%d/%m/%Y}; các hạn xử lý đang mở đã được tính lại.")
            return redirect(f"{request.path}?year={data['day'].year}")
    status = 400 if request.method == "POST" else 200
    return render(request, "workdays/calendar.html", {"year": year, "days": year_calendar(year), "form": form}, status=status)


@login_required
@require_POST
def override_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require_admin(request)
    override = get_object_or_404(CalendarOverride, pk=pk)
    calendar_override_remove(override=override, actor=actor.user)
    messages.success(request, "Đã bỏ điều chỉnh; các hạn xử lý đang mở đã được tính lại.")
    return redirect(f"/lich/?year={override.date.year}")
