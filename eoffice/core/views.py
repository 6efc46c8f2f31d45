from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from eoffice.core.errors import ServiceError
from eoffice.organisation.access import switch_agency


def apply_service_error(form, error: ServiceError) -> None:
    """Show a service's refusal on the form: per field where it names one."""
    placed = False
    for name, problems in error.fields.items():
        if form is not None and name in form.fields:
            for problem in problems:
                form.add_error(name, problem)
            placed = True
    if form is not None and not placed:
        form.add_error(None, error.message)


@login_required
def home(request):
    return redirect("inbox")


@login_required
@require_POST
def agency_switch(request):
    if not switch_agency(request, request.POST.get("agency")):
        messages.error(request, "Bạn không thuộc cơ quan này.")
    return redirect("inbox")
