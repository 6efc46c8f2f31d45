from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from eoffice.home.blocks import waiting_blocks
from eoffice.home.leaders import leader_panels
from eoffice.organisation.access import current_actor


@login_required
def home(request):
    """Trang chủ: what waits for me, and for the agency's leaders who is late."""
    try:
        actor = current_actor(request)
    except PermissionDenied:
        if request.user.is_staff:  # an administrator of the system only, in no agency
            return redirect("admin:index")
        raise
    now = timezone.localtime()
    context = {"blocks": waiting_blocks(actor, now), "panels": leader_panels(actor, now.date()), "today": now.date()}
    return render(request, "home/home.html", context)
