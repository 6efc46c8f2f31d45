"""The buttons of a record's page, one POST view per step, the same in every
app: validate the form, call the service, back to the page with a message. A
refusal draws the page again with the user's input and the Vietnamese reason,
under the service's status (400 bad input, 403 not this person's turn, 409 not
in this state), so nothing typed is lost."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render

from eoffice.core.errors import ServiceError
from eoffice.core.views import apply_service_error
from eoffice.organisation.access import current_actor


@dataclass(frozen=True)
class RecordPage:
    """Where a record's buttons lead: how to load it for this user (404 when
    hidden), its page's URL name and template, and that page's context with a
    refused form bound (`bound=(key, form)`)."""

    load: Callable
    url_name: str
    template: str
    context: Callable


def run_step(request, page: RecordPage, pk, key: str, run, form=None, done="Đã lưu.", then=None):
    """run(actor, record, cleaned data) does the step; done (text, or result → text)
    is the success message; then(result) → where to go instead of the page."""
    actor = current_actor(request)
    record = page.load(actor, pk)
    status = 400
    if form is None or form.is_valid():
        try:
            result = run(actor, record, form.cleaned_data if form is not None else {})
        except ServiceError as error:
            status = error.status
            if form is None:
                messages.error(request, error.message)
            apply_service_error(form, error)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return then(result) if then else redirect(page.url_name, pk=record.pk)
    record.refresh_from_db()  # a refused step rolled back; show what is stored
    context = page.context(actor, record, bound=(key, form) if form is not None else None)
    return render(request, page.template, context, status=status)
