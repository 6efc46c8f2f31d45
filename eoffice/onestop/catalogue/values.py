"""How a procedure's values are written out, the same in JSON, XLSX and on the
public pages."""

from decimal import Decimal
from typing import cast

from eoffice.core.text import fold
from eoffice.onestop.models import ProcedureStep
from eoffice.organisation.models import Unit


def json_number(value: Decimal):
    """A decimal for JSON: 7 stays an integer, 7.5 a number with one decimal."""
    return int(value) if value == value.to_integral_value() else float(value)


def step_unit_name(step: ProcedureStep) -> str:
    """The responsible unit as published: the text given, else the linked unit's name."""
    if step.unit_name:
        return step.unit_name
    return cast(Unit, step.unit).name if step.unit_id else ""


def step_owner_name(step: ProcedureStep) -> str:
    """The unit here that owns a step published under another body's name
    (it tracks the step, catalogue/publication.py); "" when the published name
    is the unit's (its name or abbreviation, as the import links them)."""
    if not step.unit_id:
        return ""
    unit = cast(Unit, step.unit)
    return "" if not step.unit_name or fold(step.unit_name) in (fold(unit.name), fold(unit.abbreviation)) else unit.name
