from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from eoffice.organisation.access import switch_agency


@login_required
@require_POST
def agency_switch(request):
    if not switch_agency(request, request.POST.get("agency")):
        messages.error(request, "Bạn không thuộc cơ quan này.")
    return redirect("home")


class SignOut(LogoutView):
    """Đăng xuất: the browser is also told to drop this site's cached pages and
    stored data (Clear-Site-Data), so the next person at a shared office computer
    finds nothing of the last one's."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
