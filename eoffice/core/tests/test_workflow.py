"""The workflow engine (core.workflow) on a made-up table: the page's actions,
the generated URLs and API actions, the service call and its refusals."""

from types import SimpleNamespace

import pytest
from django import forms

from eoffice.core.errors import InvalidState, NotAllowed
from eoffice.core.workflow import Bound, Step, StepBody, StepForm, Workflow, refuse_unless

called: list[dict] = []


def can_open(actor, record):
    return None if actor.may else NotAllowed("Không được mở.")


def can_close(actor, record):
    return None if record.status == "open" else InvalidState("Đã đóng.")


def thing_open(*, actor, thing, why=""):
    """Mở lại hồ sơ."""
    refuse_unless(can_open(actor, thing))
    called.append({"actor": actor, "thing": thing, "why": why})
    return thing


class WhyForm(StepForm):
    reason = forms.CharField()

    def for_record(self, record):
        self.fields["reason"].label = f"Lý do mở {record.pk}"


class WhyBody(StepBody):
    pass


def table(**overrides):
    fields = {
        "name": "thing",
        "services": __name__,
        "record_arg": "thing",
        "load": lambda actor, pk: SimpleNamespace(pk=pk, status="open"),
        "template": "base.html",
        "context": "builtins.dict",
        "page_url": "home",
        "url_prefix": "thing-",
        "steps": (
            Step(
                "open", can_open, "thing_open", "mo/", WhyForm, WhyBody, prefix="o{pk}", rename={"reason": "why"}, done="Đã mở."
            ),
            Step("close", can_close, "thing_open", "dong/", done="Đã đóng."),
        ),
    }
    return Workflow(**(fields | overrides))


def test_two_steps_of_one_name_are_refused_when_declared():
    with pytest.raises(ValueError, match="share a name"):
        table(steps=(Step("x", can_open, "thing_open", "a/", done="a"), Step("x", can_close, "thing_open", "b/", done="b")))


def test_a_step_without_a_message_naming_its_action_is_refused_when_declared():
    with pytest.raises(ValueError, match="success message"):
        table(steps=(Step("x", can_open, "thing_open", "a/"),))


def test_the_page_offers_the_allowed_steps_with_forms_built_for_the_record():
    record = SimpleNamespace(pk=7, status="closed")
    actions = table().available(SimpleNamespace(may=True), record)
    assert list(actions) == ["open"]
    assert actions["open"].prefix == "o7" and actions["open"].fields["reason"].label == "Lý do mở 7"
    assert table().available(SimpleNamespace(may=False), record) == {}


def test_a_refused_form_stays_on_the_page_even_when_the_step_is_no_longer_offered():
    record = SimpleNamespace(pk=7, status="closed")
    form = WhyForm({"o7-reason": "x"}, record=record, prefix="o7")
    kept = table().available(SimpleNamespace(may=False), record, Bound("thing", "open", record, form))
    assert kept == {"open": form}
    other = table().available(SimpleNamespace(may=False), record, Bound("another", "open", record, form))
    assert other == {}


def test_run_renames_the_fields_and_passes_the_record_by_the_services_keyword():
    called.clear()
    workflow, record, actor = table(), SimpleNamespace(pk=1), SimpleNamespace(may=True)
    assert workflow.run(workflow.step("open"), actor, record, {"reason": "cần bổ sung"}) is record
    assert called == [{"actor": actor, "thing": record, "why": "cần bổ sung"}]
    with pytest.raises(NotAllowed):
        workflow.run(workflow.step("open"), SimpleNamespace(may=False), record, {})


def test_urls_and_api_actions_are_generated_one_per_step():
    workflow = table()
    assert [(str(p.pattern), p.name) for p in workflow.urls()] == [
        ("<int:pk>/mo/", "thing-open"),
        ("<int:pk>/dong/", "thing-close"),
    ]

    class ViewSet:
        pass

    workflow.add_api_actions(ViewSet, None)
    assert ViewSet.open.url_path == "open" and ViewSet.open.mapping == {"post": "open"}
    assert ViewSet.open.__doc__ == "Mở lại hồ sơ."
