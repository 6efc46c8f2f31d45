from typing import Any

from django.db import connection, models, transaction
from django.db.models.sql import InsertQuery

from eoffice.core.text import clean


class NFCModel(models.Model):
    """Stores every text field in NFC without control characters (core.text.clean),
    whatever the input method produced; a one-line field gets no line breaks."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalise_text()
        super().save(*args, **kwargs)

    def normalise_text(self) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, models.TextField):
                setattr(self, field.attname, clean(getattr(self, field.attname)))
            elif isinstance(field, models.CharField):
                setattr(self, field.attname, clean(getattr(self, field.attname), multiline=False))


def insert_rows(*objs: models.Model) -> None:
    """Insert new rows of any models whose keys nobody reads back (trace and
    audit entries): on PostgreSQL in one statement, chained as data-modifying
    CTEs, so a workflow step pays one round trip for its log rows instead of
    one per row. No save() and no signals: the objects keep pk None.
    A model may define before_insert(), called in order before its row's SQL
    is built and in the same transaction (the audit chain links its rows there;
    core cannot import the apps above it)."""
    with transaction.atomic(savepoint=False):
        statements = [_insert_statement(obj) for obj in objs]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and len(statements) > 1:
                heads = ", ".join(f"w{i} AS ({sql})" for i, (sql, _) in enumerate(statements[:-1]))
                cursor.execute(f"WITH {heads} {statements[-1][0]}", [p for _, params in statements for p in params])
            else:
                for sql, params in statements:
                    cursor.execute(sql, params)


def _insert_statement(obj: models.Model) -> tuple[str, list[Any]]:
    if isinstance(obj, NFCModel):
        obj.normalise_text()
    before_insert = getattr(obj, "before_insert", None)
    if before_insert is not None:
        before_insert()
    fields = [f for f in obj._meta.concrete_fields if not f.primary_key]
    query = InsertQuery(obj.__class__)
    query.insert_values(fields, [obj])
    [(sql, params)] = query.get_compiler(connection=connection).as_sql()
    return sql, list(params)
