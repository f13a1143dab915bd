"""Re-encrypt the reporters' words under the newest key in ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from reports.encryption import PREFIX, UnreadableText, current_key_id, decrypt, encrypt
from reports.management.progress import Progress
from reports.ordering import take_write_lock

# (table, column, the field's encryption context), as reports.encryption.EncryptedTextField
COLUMNS = [
    ("reports_report", "story", "reports.report.story"),
    ("reports_report", "lessons", "reports.report.lessons"),
    ("reports_message", "body", "reports.message.body"),
    # Drafts of the text to publish (DraftTextField): the encrypted ones, before publication.
    ("reports_report", "published_story", "reports.report.published_story"),
    ("reports_report", "published_lessons", "reports.report.published_lessons"),
]
BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored report text and message under the newest key of "
        "ENCRYPTION_KEYS. Safe to interrupt and run again: each batch is its own transaction "
        "and values already under the newest key are skipped."
    )

    def handle(self, *args, **options) -> None:
        pending = self._pending()
        total = sum(len(ids) for ids in pending.values())
        if not total:
            self.stdout.write("Everything is already under the newest key.")
            return
        bar = Progress(self.stderr, total)
        done = unreadable = 0
        for (table, column, context), ids in pending.items():
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                with transaction.atomic(), connection.cursor() as cursor:
                    take_write_lock()  # like every write: before the row locks
                    cursor.execute(
                        f"SELECT id, {column} FROM {table} WHERE id = ANY(%s) "  # noqa: S608
                        "FOR UPDATE",
                        [batch],
                    )
                    for pk, stored in cursor.fetchall():
                        # Read again under the lock: done by an earlier, interrupted run, or
                        # no longer encrypted since the list was made (purged or published).
                        if not stored.startswith(f"{PREFIX}.") or current_key_id(stored):
                            continue
                        try:
                            plain = decrypt(stored, context=context)
                        except UnreadableText:
                            unreadable += 1
                            continue
                        cursor.execute(
                            f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608
                            [encrypt(plain, context=context), pk],
                        )
                done += len(batch)
                bar.show(done)
        self.stderr.write("")
        self.stdout.write(f"Re-encrypted {total - unreadable:,} texts under the newest key.")
        if unreadable:
            raise CommandError(
                f"{unreadable:,} texts could not be read with any key in ENCRYPTION_KEYS and "
                "were left as they are. Put back the key they were written with, and run this "
                "again."
            )

    def _pending(self) -> dict[tuple[str, str, str], list]:
        """Return, per column, the ids of rows whose text is not under the newest key."""
        pending = {}
        with connection.cursor() as cursor:
            for table, column, context in COLUMNS:
                cursor.execute(
                    f"SELECT id, {column} FROM {table} WHERE {column} LIKE %s",  # noqa: S608
                    [f"{PREFIX}.%"],
                )
                pending[(table, column, context)] = [
                    pk for pk, stored in cursor.fetchall() if not current_key_id(stored)
                ]
        return pending
