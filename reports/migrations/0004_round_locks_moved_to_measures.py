# Round locks belong to the plan's lifecycle: they move to measures.RoundLock (without the
# link to the publication that made them; the publication of the same plan and round with
# published_at == locked_at is that one).

from django.db import migrations

FIELDS = ["plan_id", "months", "locked_at", "locked_by_id", "reopened_at", "reopened_by_id",
          "reopen_reason"]


def copy_locks(apps, schema_editor):
    old = apps.get_model("reports", "RoundLock")
    new = apps.get_model("measures", "RoundLock")
    new.objects.bulk_create(
        new(**{field: getattr(lock, field) for field in FIELDS})
        for lock in old.objects.order_by("pk")
    )


def copy_back(apps, schema_editor):
    raise RuntimeError("round locks cannot move back to reports: restore a backup instead")


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_publication_form_token_immutable'),
        ('measures', '0002_round_locks_withdrawn_measures'),
    ]

    operations = [
        migrations.RunPython(copy_locks, copy_back),
        migrations.DeleteModel(
            name='RoundLock',
        ),
    ]
