"""Gap-free numbering (số đến, số văn bản).

A number is taken by incrementing the register's counter under a row lock
inside the caller's transaction: if the registration fails, the transaction
rolls back and the number was never used, so numbers are neither skipped nor
duplicated, also under concurrent use (PostgreSQL row lock; SQLite serialises
writers with BEGIN IMMEDIATE).
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from eoffice.registers.models import Register, RegisterKind


def register_get(*, agency, kind: str, year: int) -> Register:
    name = RegisterKind(kind).label
    try:
        with transaction.atomic():
            register, _ = Register.objects.get_or_create(agency=agency, kind=kind, year=year, defaults={"name": name})
    except IntegrityError:  # created by a concurrent transaction meanwhile
        register = Register.objects.get(agency=agency, kind=kind, year=year)
    return register


def register_take_number(*, agency, kind: str, year: int) -> tuple[Register, int]:
    """Reserve the next number of the register. Must run inside the transaction
    that saves the numbered record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("register_take_number() must run inside transaction.atomic().")
    register = register_get(agency=agency, kind=kind, year=year)
    Register.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
    register = Register.objects.select_for_update().get(pk=register.pk)
    return register, register.last_number
