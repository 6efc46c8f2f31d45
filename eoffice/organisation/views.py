from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from eoffice.organisation.access import switch_agency


@login_required
@require_POST
def agency_switch(request):
    if not switch_agency(request, request.POST.get("agency")):
        messages.error(request, "Bạn không thuộc cơ quan này.")
    return redirect("home")
