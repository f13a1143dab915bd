"""The reporter's words are encrypted at rest; moderators read and search them as before."""

import pytest
from django.db import connection

from reports import encryption
from reports.encryption import UnreadableText, decrypt, encrypt
from reports.models import Message, Report
from tests.factories import login_verified, make_report

pytestmark = pytest.mark.django_db

WORDS = "Deputy Quillfeather found the razor in the seat seam."
OTHER_KEY = "b3RoZXItZW5jcnlwdGlvbi1rZXktZm9yLXRlc3RzLTE="


def _raw(table: str, column: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_database_holds_only_ciphertext_of_the_reporters_words():
    report = make_report(story=WORDS, lessons="Search the seat seams, Quillfeather says.")
    message = report.messages.create(sender=Message.Sender.REPORTER, body=f"Answer: {WORDS}")
    for table, column, pk in [
        ("reports_report", "story", report.pk),
        ("reports_report", "lessons", report.pk),
        ("reports_message", "body", message.pk),
    ]:
        raw = _raw(table, column, pk)
        assert raw.startswith("nm1.") and "Quillfeather" not in raw
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.story == WORDS
    assert fresh.messages.get().body == f"Answer: {WORDS}"


def test_the_same_words_never_encrypt_the_same_way_and_carry_no_time():
    first, second = encrypt(WORDS, context="c"), encrypt(WORDS, context="c")
    assert first != second
    assert decrypt(first, context="c") == decrypt(second, context="c") == WORDS
    # A random nonce and the ciphertext only: the same length whenever it was made.
    assert len(first) == len(second)


def test_a_value_moved_to_another_field_or_altered_is_refused():
    stored = encrypt(WORDS, context="reports.report.story")
    with pytest.raises(UnreadableText):
        decrypt(stored, context="reports.report.lessons")
    altered = stored[:-4] + ("AAAA" if not stored.endswith("AAAA") else "BBBB")
    with pytest.raises(UnreadableText):
        decrypt(altered, context="reports.report.story")


def test_keys_rotate_newest_first(settings):
    old = encrypt(WORDS, context="c")
    settings.ENCRYPTION_KEYS = [OTHER_KEY, *settings.ENCRYPTION_KEYS]
    assert decrypt(old, context="c") == WORDS  # an older key still reads
    new = encrypt(WORDS, context="c")
    assert encryption.current_key_id(new) and not encryption.current_key_id(old)
    settings.ENCRYPTION_KEYS = [OTHER_KEY]
    with pytest.raises(UnreadableText, match="no longer in ENCRYPTION_KEYS"):
        decrypt(old, context="c")


def test_a_lost_key_shows_a_note_instead_of_breaking_the_page(settings, client, moderator):
    report = make_report(story=WORDS, status="published")
    settings.ENCRYPTION_KEYS = [OTHER_KEY]
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.story.startswith("[unreadable:")
    assert fresh.published_story  # what readers see is not encrypted, and stays readable
    login_verified(client, moderator)
    assert client.get(f"/admin/reports/report/{report.pk}/change/").status_code == 200
    assert client.get(f"/reports/{report.public_id}/").status_code == 200


def test_moderators_still_search_the_reporters_words(client, moderator):
    login_verified(client, moderator)
    found = make_report(story=WORDS)
    missed = make_report(story="A quiet traffic stop.", lessons="Nothing to add.")
    html = client.get("/admin/reports/report/", {"q": "quillFEATHER"}).content.decode()
    assert found.public_id in html and missed.public_id not in html


def test_rotation_re_encrypts_everything_under_the_newest_key_and_can_run_again(settings):
    from io import StringIO

    from django.core.management import call_command

    reports = [make_report(story=f"{WORDS} {n}", lessons=f"Lesson {n}") for n in range(3)]
    reports[0].messages.create(sender=Message.Sender.REPORTER, body="An answer.")
    before = {r.pk: _raw("reports_report", "story", r.pk) for r in reports}
    settings.ENCRYPTION_KEYS = [OTHER_KEY, *settings.ENCRYPTION_KEYS]
    out = StringIO()
    call_command("rotate_encryption_key", stdout=out, stderr=StringIO())
    assert "Re-encrypted 7 texts" in out.getvalue()
    for report in reports:
        raw = _raw("reports_report", "story", report.pk)
        assert raw != before[report.pk] and encryption.current_key_id(raw)
        assert Report.objects.get(pk=report.pk).story.startswith(WORDS)
    settings.ENCRYPTION_KEYS = [OTHER_KEY]  # the old key can go now
    assert Report.objects.get(pk=reports[0].pk).messages.get().body == "An answer."
    again = StringIO()
    call_command("rotate_encryption_key", stdout=again, stderr=StringIO())
    assert "already under the newest key" in again.getvalue()


def test_rotation_says_what_it_could_not_read(settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    make_report(story=WORDS)
    settings.ENCRYPTION_KEYS = [OTHER_KEY]  # the key the story was written with is lost
    with pytest.raises(CommandError, match="could not be read"):
        call_command("rotate_encryption_key", stdout=StringIO(), stderr=StringIO())


def test_the_text_to_publish_is_sealed_until_published_and_again_when_taken_down(
    moderator, second_moderator
):
    from tests.factories import make_ready_report

    report = make_report(story=WORDS)
    report.start_review(by=moderator)  # the text to publish starts as the reporter's words
    raw = _raw("reports_report", "published_story", report.pk)
    assert raw.startswith("nm1.") and "Quillfeather" not in raw
    assert Report.objects.get(pk=report.pk).published_story == WORDS

    ready = make_ready_report(
        published_story="I found a razor in the seat seam.",
        approved_by=[moderator, second_moderator],
    )
    assert _raw("reports_report", "published_story", ready.pk).startswith("nm1.")
    ready.publish(by=moderator)
    assert (
        _raw("reports_report", "published_story", ready.pk) == "I found a razor in the seat seam."
    )
    assert Report.objects.published().search("razor")  # the database searches what is published
    ready.unpublish(by=moderator, reason="A reader knew the place.")
    assert _raw("reports_report", "published_story", ready.pk).startswith("nm1.")


def test_a_move_never_writes_a_placeholder_over_text_it_cannot_read(settings, moderator):
    from reports.encryption import UnreadableText

    report = make_report(status="in_review", story=WORDS, published_story=WORDS)
    sealed = _raw("reports_report", "published_story", report.pk)
    keys = settings.ENCRYPTION_KEYS
    settings.ENCRYPTION_KEYS = [OTHER_KEY]
    report = Report.objects.get(pk=report.pk)
    report.reject(by=moderator, reason="Not a near miss.")  # no publication: drafts untouched
    assert _raw("reports_report", "published_story", report.pk) == sealed
    report.published_story = Report.objects.get(pk=report.pk).published_story
    from django.db import transaction

    with pytest.raises(UnreadableText), transaction.atomic():
        report.save(update_fields=["published_story"])
    settings.ENCRYPTION_KEYS = keys
    assert Report.objects.get(pk=report.pk).published_story == WORDS


def test_nothing_logged_during_a_reporters_request_leaves_a_line(client, caplog):
    import logging

    from nearmiss.logging import PrivacyFilter

    logger = logging.getLogger("reports.views.ratelimits")
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    handler = Keep()
    handler.addFilter(PrivacyFilter())
    logger.addHandler(handler)
    try:
        from unittest import mock

        with mock.patch(
            "reports.views.ratelimits.is_ratelimited", side_effect=ConnectionError("down")
        ):
            client.get("/submit/")
            client.post("/submit/", {"story": "x", "lessons": "y", "action": "review"}, follow=True)
        logger.warning("A line outside any reporter's request.")
    finally:
        logger.removeHandler(handler)
    assert seen == ["A line outside any reporter's request."]
