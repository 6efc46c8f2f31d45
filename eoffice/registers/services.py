"""Gap-free numbering (số đến, số văn bản).

A number is taken by incrementing the register's counter under a row lock
inside the caller's transaction: if the registration fails, the transaction
rolls back and the number was never used, so numbers are neither skipped nor
duplicated, also under concurrent use (PostgreSQL row lock; SQLite serialises
writers with BEGIN IMMEDIATE).
"""

from typing import TYPE_CHECKING, cast

from django.db import IntegrityError, connection, transaction

from eoffice.registers.models import Register, RegisterKind

if TYPE_CHECKING:
    from eoffice.organisation.models import Agency


def register_get(*, agency: "Agency", kind: str, year: int, series: str = "") -> Register:
    name = RegisterKind(kind).label + (f" ({series})" if series else "")
    key = {"agency": agency, "kind": kind, "year": year, "series": series}
    try:
        with transaction.atomic():
            register, _ = Register.objects.get_or_create(**key, defaults={"name": name})
    except IntegrityError:  # created by a concurrent transaction meanwhile
        register = Register.objects.get(**key)
    return register


def _increment(*, agency: "Agency", kind: str, year: int, series: str) -> tuple[int, int] | None:
    """Add one to the register's counter and read it back in one statement
    (UPDATE … RETURNING: PostgreSQL, SQLite ≥ 3.35). The UPDATE holds the row
    lock until the caller's transaction ends."""
    qn = connection.ops.quote_name
    sql = (
        f"UPDATE {qn(Register._meta.db_table)} SET {qn('last_number')} = {qn('last_number')} + 1 "  # noqa: S608 - names only
        f"WHERE {qn('agency_id')} = %s AND {qn('kind')} = %s AND {qn('year')} = %s AND {qn('series')} = %s "
        f"RETURNING {qn('id')}, {qn('last_number')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency.pk, kind, year, series])
        return cast("tuple[int, int] | None", cursor.fetchone())


def register_take_number(*, agency: "Agency", kind: str, year: int, series: str = "") -> tuple[int, int]:
    """Reserve the next number of the register; returns (register id, number).
    Must run inside the transaction that saves the numbered record."""
    if not connection.in_atomic_block:
        raise RuntimeError("register_take_number() must run inside transaction.atomic().")
    taken = _increment(agency=agency, kind=kind, year=year, series=series)
    if taken is None:  # the year's first number: create the register, then take
        register_get(agency=agency, kind=kind, year=year, series=series)
        taken = _increment(agency=agency, kind=kind, year=year, series=series)
    return cast("tuple[int, int]", taken)  # the register exists now: never None
