from django.forms import BaseForm

from eoffice.core.errors import ServiceError


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
