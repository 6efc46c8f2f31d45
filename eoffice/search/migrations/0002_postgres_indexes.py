"""GIN indexes of the PostgreSQL engine: the permission tokens and the token
columns. Created only on PostgreSQL (GIN does not exist elsewhere; there the
table stays empty), hence RunPython rather than Meta.indexes."""

from django.db import migrations

INDEXES = {
    "search_entry_principals_gin": "principals",
    "search_entry_folded_gin": "folded",
    "search_entry_num_gin": "num",
    "search_entry_head_folded_gin": "head_folded",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON search_searchentry USING gin ({column})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
