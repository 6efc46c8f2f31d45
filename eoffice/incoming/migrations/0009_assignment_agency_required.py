"""The assignments' agency required, and the personal inbox index led by it
(a migration of its own: PostgreSQL refuses to alter a table whose rows the
previous step updated in the same transaction)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("incoming", "0008_assignment_agency")]

    operations = [
        migrations.AlterField(
            model_name="assignment",
            name="agency",
            field=models.ForeignKey(
                editable=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.agency",
            ),
        ),
        migrations.RemoveIndex(model_name="assignment", name="assignment_open_user"),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=models.Q(("is_open", True), ("user__isnull", False)),
                fields=["user", "agency", "-priority", "deadline", "id", "kind"],
                name="assignment_open_user",
            ),
        ),
    ]
