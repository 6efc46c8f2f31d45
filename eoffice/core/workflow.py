"""A workflow declared once: each app lists its steps in `<app>/workflow.py`.

A step names the rule that says who may take it now (`can_<step>(actor, record)
-> refusal | None`, which the service also calls before acting), the service
that takes it, the web form and the API body that feed it. From that one table
come the actions a record's page offers (`Workflow.available`), one POST view
per step (`Workflow.urls`) and one API action per step (`Workflow.add_api_actions`),
so the button shown and the step accepted cannot disagree.

A refused step draws the page again with the user's input and the Vietnamese
reason, under the service's status (400 bad input, 403 not this person's turn,
404 no such thing, 409 not in this state), so nothing typed is lost."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from eoffice.core.errors import ServiceError
from eoffice.core.forms import Group, choose_from
from eoffice.core.views import apply_service_error

Refusal = ServiceError | None
Check = Callable[[Any, Any], Refusal]


def refuse_unless(refusal: Refusal) -> None:
    """Raise the refusal a `can_<step>` check returned, if any."""
    if refusal is not None:
        raise refusal


@cache
def _actor_resolver() -> Callable[[Any], Any]:
    # core knows no domain app: the project names who acts for a request.
    resolver: Callable[[Any], Any] = import_string(settings.EOFFICE_ACTOR_RESOLVER)
    return resolver


def actor_for(request: HttpRequest | Request) -> Any:
    """The acting person of a request (web session or API token)."""
    return _actor_resolver()(request)


class StepForm(forms.Form):
    """The web form of a step, built for one record (its choices may depend on
    it). `step_values()` gives the service's keyword arguments."""

    def __init__(self, *args: Any, record: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        if record is not None:
            self.for_record(record)

    def for_record(self, record: Any) -> None:
        """Narrow the choices to the record (its agency, unit, procedure)."""

    def choose_from(
        self, name: str, queryset: QuerySet[Any], label: Callable[[Any], str] | None = None, group: Group | None = None
    ) -> None:
        """The choices of a model choice field (core.forms.choose_from): shown by
        `label`, grouped by `group`, searchable, with a worded first option."""
        choose_from(self.fields[name], queryset, label, group)

    def step_values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class StepBody(serializers.Serializer):  # type: ignore[type-arg]  # a body, not a model's serializer
    """The API body of a step; `self.context` holds the actor and the record,
    so `validate()` may turn names into the objects the service takes."""

    @property
    def actor(self) -> Any:
        return self.context["actor"]

    @property
    def record(self) -> Any:
        return self.context["record"]


@dataclass(frozen=True)
class Step:
    """One step of a workflow: what the table says about it."""

    name: str  # the key of the page's actions, the API action ("return", "hand_over")
    check: Check  # can_<step>(actor, record) -> refusal | None
    service: str  # the function in the app's services module that takes the step
    path: str  # the web address under the record ("trinh/"; may hold converters)
    form: type[StepForm] | None = None
    body: type[StepBody] | None = None  # the API request body
    done: str | Callable[[Any], str] = ""  # success message naming the action, or result -> message
    prefix: str | None = None  # the form's prefix; "{pk}" stands for the record's id
    rename: Mapping[str, str] = field(default_factory=dict)  # form/body field -> service keyword
    record_arg: str = ""  # the keyword the service takes the record by ("" = the workflow's)
    api_status: int = 200
    api_result: bool = False  # the API answers with the service's result, not the record
    then: Callable[[Any], HttpResponse] | None = None  # where the web goes after success
    api: bool = True

    @property
    def slug(self) -> str:
        return self.name.replace("_", "-")

    def build_form(self, record: Any, data: Any = None, files: Any = None) -> StepForm | None:
        if self.form is None:
            return None
        prefix = self.prefix.format(pk=record.pk) if self.prefix else None
        # Ids carry the step: two steps' forms of one record on a page (progress and
        # re-assign both have a "note") must not share an element id.
        return self.form(data, files, record=record, prefix=prefix, auto_id=f"id_{self.name}_%s")

    def message(self, result: Any) -> str:
        return self.done(result) if callable(self.done) else self.done


class Bound(NamedTuple):
    """A refused step's form, to draw again on the page with the input kept."""

    workflow: str
    step: str
    record: Any
    form: StepForm | None


@dataclass(frozen=True)
class Workflow:
    """The steps of one kind of record and how its page is reached.

    `load(actor, pk)` is the access helper (404 when hidden); `page(record)` the
    record whose page shows the step (itself, or e.g. an assignment's document);
    `context` names the function giving that page's context, called as
    `(actor, page_record, bound=…)`. Services and context are named by dotted
    path: they import this module's checks, so importing them here would
    close a circle."""

    name: str
    services: str  # dotted module holding the services the steps name
    record_arg: str
    steps: tuple[Step, ...]
    load: Callable[[Any, Any], Any]
    template: str
    context: str  # dotted path of the page's context function
    page_url: str  # the page's URL name, reversed with pk=page record's pk
    url_prefix: str = ""  # URL names are url_prefix + step slug
    path_prefix: str = ""  # web paths are path_prefix + "<int:pk>/" + step.path
    page: Callable[[Any], Any] | None = None  # record -> the record whose page shows it (default: itself)

    def __post_init__(self) -> None:
        names = [step.name for step in self.steps]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: two steps share a name")
        if unnamed := [step.name for step in self.steps if not step.done]:
            raise ValueError(f"{self.name}: steps {unnamed} need a success message naming what was done")

    def page_of(self, record: Any) -> Any:
        return self.page(record) if self.page is not None else record

    def step(self, name: str) -> Step:
        return next(step for step in self.steps if step.name == name)

    def service_of(self, step: Step) -> Callable[..., Any]:
        """`name` is a function of the services module; `module.name` one of
        another module of its package, sub-packages included
        (issuance.services.outgoing_sign)."""
        module, _, name = step.service.rpartition(".")
        package = self.services.rpartition(".")[0]
        found: Callable[..., Any] = getattr(importlib.import_module(f"{package}.{module}" if module else self.services), name)
        return found

    # ------------------------------------------------------------------ rules
    def refusal(self, step: Step | str, actor: Any, record: Any) -> Refusal:
        step = self.step(step) if isinstance(step, str) else step
        return step.check(actor, record)

    def allowed(self, actor: Any, record: Any) -> list[Step]:
        """The steps this person may take on the record now."""
        return [step for step in self.steps if step.check(actor, record) is None]

    def available(self, actor: Any, record: Any, bound: Bound | None = None) -> dict[str, Any]:
        """The page's actions: step name -> an empty form (True for a step
        without one). A refused step keeps its form with the user's input."""
        actions: dict[str, Any] = {step.name: step.build_form(record) or True for step in self.allowed(actor, record)}
        if bound is not None and bound.workflow == self.name and bound.record.pk == record.pk:
            actions[bound.step] = bound.form if bound.form is not None else actions.get(bound.step, True)
        return actions

    def run(self, step: Step, actor: Any, record: Any, values: Mapping[str, Any]) -> Any:
        """Take the step through its service (which checks the rule again)."""
        arguments = {step.rename.get(key, key): value for key, value in values.items()}
        arguments[step.record_arg or self.record_arg] = record
        return self.service_of(step)(actor=actor, **arguments)

    # ------------------------------------------------------------------ web
    def url_name(self, step: Step) -> str:
        return self.url_prefix + step.slug

    def urls(self) -> list[URLPattern]:
        """One POST view per step."""
        return [
            path(f"{self.path_prefix}<int:pk>/{step.path}", self._web_view(step), name=self.url_name(step)) for step in self.steps
        ]

    def _web_view(self, step: Step) -> Callable[..., HttpResponse]:
        workflow = self

        @login_required
        @require_POST
        def view(request: HttpRequest, pk: int, **url_values: Any) -> HttpResponse:
            actor = actor_for(request)
            record = workflow.load(actor, pk)
            form = step.build_form(record, request.POST, request.FILES)
            status = 400
            if form is None or form.is_valid():
                try:
                    values = {**url_values, **(form.step_values() if form is not None else {})}
                    result = workflow.run(step, actor, record, values)
                except ServiceError as error:
                    status = error.status
                    if form is None:
                        messages.error(request, error.message)
                    apply_service_error(form, error)
                else:
                    messages.success(request, step.message(result))
                    return step.then(result) if step.then else redirect(workflow.page_url, pk=workflow.page_of(record).pk)
            record.refresh_from_db()  # a refused step rolled back: show what is stored
            page_record = workflow.page_of(record)
            context = import_string(workflow.context)(actor, page_record, bound=Bound(workflow.name, step.name, record, form))
            return render(request, workflow.template, context, status=status)

        view.__name__ = view.__qualname__ = f"{self.name}_{step.name}"
        view.__doc__ = f"POST {step.name}: {step.service}"
        return view

    def step_url(self, step: Step | str, record: Any) -> str:
        step = self.step(step) if isinstance(step, str) else step
        return reverse(self.url_name(step), kwargs={"pk": record.pk})

    # ------------------------------------------------------------------ API
    def add_api_actions(self, viewset: type, response: Any) -> None:
        """Give a ViewSet one POST action per step (its own URL and request body
        in the OpenAPI schema). The ViewSet answers through its method
        `step_response(request, step, record, result)`."""
        for step in self.steps:
            if step.api:
                setattr(viewset, step.name, self._api_action(step, response))

    def _api_action(self, step: Step, response: Any) -> Callable[..., Response]:
        workflow = self

        def handler(viewset: Any, request: Request, pk: Any = None) -> Response:
            actor = actor_for(request)
            record = workflow.load(actor, pk)
            values: dict[str, Any] = {}
            if step.body is not None:
                body = step.body(data=request.data, context={"actor": actor, "record": record, "request": request})
                body.is_valid(raise_exception=True)
                values = dict(body.validated_data)
            result = workflow.run(step, actor, record, values)
            return viewset.step_response(request, step, record, result)  # type: ignore[no-any-return]

        handler.__name__ = step.name
        handler.__doc__ = _api_doc(workflow, step)
        routed = action(detail=True, methods=["post"], url_path=step.slug, url_name=step.slug)(handler)
        schema: Callable[..., Response] = extend_schema(request=step.body, responses={step.api_status: response})(routed)
        return schema


def _api_doc(workflow: Workflow, step: Step) -> str:
    doc = (workflow.service_of(step).__doc__ or "").strip()
    return doc.splitlines()[0] if doc else step.name
