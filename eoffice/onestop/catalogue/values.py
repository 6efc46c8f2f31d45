"""How a procedure's values are written out, the same in JSON, XLSX and on the
public pages."""

from decimal import Decimal
from typing import cast

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
