"""The bell's pages: the person's notifications (open one, mark all read) and
their e-mail preferences. Only one's own notifications are ever shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eoffice.notifications import selectors, services
from eoffice.notifications.forms import PreferencesForm
from eoffice.organisation.access import switch_agency
from eoffice.organisation.selectors import agencies_of

PAGE_SIZE = 30
UNREAD = "chua-doc"


@login_required
def notification_list(request):
    unread_only = request.GET.get("loc") == UNREAD
    rows = selectors.notifications_of(request.user, unread_only=unread_only)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread_only": unread_only, "several_agencies": len(agencies_of(request.user)) > 1}
    return render(request, "notifications/list.html", context)


@login_required
def notification_open(request, pk: int):
    """Follow a notification (from the list or a mail): it is read, and the
    record's page opens in the notification's agency."""
    row = selectors.notification_of(request.user, pk)
    services.mark_read(request.user, [row.pk])
    if request.session.get("eoffice_agency_id") != row.agency_id:
        switch_agency(request, row.agency_id)
    safe = row.url and url_has_allowed_host_and_scheme(row.url, allowed_hosts=None) and row.url.startswith("/")
    return redirect(row.url if safe else "notifications")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications")


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, initial=services.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.preferences_set(request.user, form.cleaned_data)
        messages.success(request, _("Đã lưu cách nhận thư thông báo."))
        return redirect("notification-settings")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(request.user.email)})
