"""When a procedure may be published (công khai): every step has an owner,
a unit of this installation that can act on it. A dossier handed over to a
step without one could be moved on by nobody but the agency's leaders, so such
a procedure stays unpublished until each of its steps is given a unit.

A step done by another body (Sở …, UBND phường, liên thông) keeps the body's
name as published (`unit_name`) and still needs an owner here: the unit that
tracks the step and hands the dossier on when the answer comes back.

The admin's form, the catalogue import and the demo ask these functions;
the hand-over refuses an unowned step too (dossiers/workflow.py)."""

from collections.abc import Iterable

from eoffice.onestop.models import Procedure, ProcedureStep


def unowned(steps: Iterable[ProcedureStep]) -> list[ProcedureStep]:
    """The steps nobody here can act on: no unit linked."""
    return [step for step in steps if step.unit_id is None]


def unowned_steps(procedure: Procedure) -> list[ProcedureStep]:
    return unowned(procedure.steps.order_by("order"))


def step_label(order, name: str) -> str:
    return f"bước {order} “{name}”"


def unowned_message(steps: Iterable[ProcedureStep]) -> str:
    """Why a procedure with these unowned steps cannot be published ("" when none)."""
    labels = [step_label(step.order, step.name) for step in steps]
    if not labels:
        return ""
    return (
        f"Chưa công khai được thủ tục: {'; '.join(labels)} chưa có đơn vị thực hiện trong cơ quan. "
        "Chọn đơn vị thực hiện (hoặc đơn vị theo dõi, nếu bước do cơ quan khác làm) cho từng bước."
    )
