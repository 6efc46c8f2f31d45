"""Each assignment carries its document's agency, so a person's inbox counts
read one index with no join to the documents (see Assignment.agency)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_agency(apps, schema_editor):
    Assignment = apps.get_model("incoming", "Assignment")
    IncomingDocument = apps.get_model("incoming", "IncomingDocument")
    agency = IncomingDocument.objects.filter(pk=OuterRef("document_id")).values("agency_id")[:1]
    Assignment.objects.update(agency_id=Subquery(agency))


class Migration(migrations.Migration):
    dependencies = [
        ("incoming", "0007_received_package"),
        ("organisation", "0003_alter_membership_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="agency",
            field=models.ForeignKey(
                null=True,
                editable=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.agency",
            ),
        ),
        migrations.RunPython(copy_agency, migrations.RunPython.noop, elidable=True),
    ]
