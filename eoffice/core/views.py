from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BaseForm
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from eoffice.core.errors import ServiceError
from eoffice.organisation.access import switch_agency


def apply_service_error(form: BaseForm | None, error: ServiceError) -> None:
    """Show a service's refusal on the form: per field where the form has the
    field, the rest (with the overall reason) above the form, so no detail is lost."""
    if form is None:
        return
    unplaced = []
    for name, problems in error.fields.items():
        for problem in problems:
            if name in form.fields:
                form.add_error(name, problem)
            else:
                unplaced.append(problem)
    if unplaced or not error.fields:
        form.add_error(None, error.message)
    for problem in unplaced:
        form.add_error(None, problem)


@login_required
def home(request):
    return redirect("inbox")


@login_required
@require_POST
def agency_switch(request):
    if not switch_agency(request, request.POST.get("agency")):
        messages.error(request, "Bạn không thuộc cơ quan này.")
    return redirect("inbox")
