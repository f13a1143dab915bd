import uuid

from django.db import migrations, models

# PostgreSQL cannot cast a bigint to a uuid: each id is replaced by a random one in place.
RANDOM_IDS = """
ALTER TABLE {table} ALTER COLUMN id DROP IDENTITY IF EXISTS;
ALTER TABLE {table} ALTER COLUMN id DROP DEFAULT;
ALTER TABLE {table} ALTER COLUMN id TYPE uuid USING gen_random_uuid();
"""


def random_ids(model: str) -> migrations.SeparateDatabaseAndState:
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(RANDOM_IDS.format(table=f"reports_{model}"), migrations.RunSQL.noop)
        ],
        state_operations=[
            migrations.AlterField(
                model_name=model,
                name="id",
                field=models.UUIDField(
                    default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                ),
            )
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_encrypt_reporters_words"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditentry",
            options={
                "ordering": ["on", models.OrderBy(models.F("at"), nulls_first=True), "action"],
                "verbose_name_plural": "audit entries",
            },
        ),
        random_ids("auditentry"),
        random_ids("message"),
    ]
