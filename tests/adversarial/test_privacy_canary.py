"""The privacy canary, end to end through gunicorn: no address, no user agent, anywhere.

Requests come from a distinctive loopback address and carry TEST-NET addresses in every
forwarding header and a distinctive user agent. A report is filed, discussed, moderated,
published, read and exported. Then the whole database is dumped, every log the server and
the database wrote is read, and every Redis key and value is scanned.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.served import (
    Client,
    Database,
    Server,
    base_env,
    create_moderator,
    dump,
    log_in_moderator,
    manage,
    new_key,
    receipt_code,
    redis_available,
)

pytestmark = pytest.mark.served

SOURCE = "127.0.0.77"
FORWARDED = ["192.0.2.45", "198.51.100.23", "203.0.113.77", "2001:db8::7a7a"]
AGENT = "NearMissCanaryAgent/7.7 (distinctive)"
CANARIES = [SOURCE, *FORWARDED, "NearMissCanaryAgent"]
PASSWORD = "a long canary password"
STORY = {
    "story": "A passenger walked back towards me with a hand hidden.",
    "lessons": "Call him back before he reaches you.",
}
REDIS_DB = "redis://127.0.0.1:6379/10"


def _headers() -> dict:
    return {
        "X-Forwarded-For": f"{FORWARDED[0]}, {FORWARDED[1]}",
        "X-Real-IP": FORWARDED[2],
        "Forwarded": f'for="[{FORWARDED[3]}]";proto=http',
        "X-Client-IP": FORWARDED[1],
        "CF-Connecting-IP": FORWARDED[1],
        "True-Client-IP": FORWARDED[0],
        "Fastly-Client-IP": FORWARDED[2],
        "User-Agent": AGENT,
    }


def _database_logs(database: Database, env: dict) -> str:
    if database.env.get("DATABASE_URL"):
        logs = Path("/var/log/postgresql")
        return (
            "\n".join(p.read_text(errors="replace") for p in logs.glob("*.log"))
            if logs.exists()
            else ""
        )
    return (Path(env["DATA_DIR"]) / "postgres" / "log").read_text(errors="replace")


def _redis_contents() -> bytes:
    import redis

    connection = redis.Redis.from_url(REDIS_DB)
    parts = []
    for key in connection.scan_iter("*"):
        parts.append(key)
        kind = connection.type(key)
        if kind == b"string":
            parts.append(connection.get(key) or b"")
        else:
            parts.append(repr(connection.dump(key)).encode())
    return b"\n".join(parts)


def _report_page(moderator: Client) -> str:
    queue = moderator.get("/admin/reports/report/")
    return "/admin/reports/report/{}/".format(
        re.search(r"/admin/reports/report/([0-9a-f-]{36})/change/", queue.body).group(1)
    )


def test_no_address_or_user_agent_survives_anywhere(tmp_path: Path):
    use_redis = redis_available()
    if not use_redis and os.environ.get("REQUIRE_REDIS") == "1":
        pytest.fail("REQUIRE_REDIS=1 but no Redis answers on 127.0.0.1:6379")
    database = Database.create(tmp_path)
    try:
        key = new_key()
        env = base_env(
            database,
            PUBLISH_APPROVALS="1",
            LOG_LEVEL="debug",
            REDIS_URL=REDIS_DB if use_redis else "",
            TRUSTED_PROXIES="127.0.0.0/8",
        )
        if use_redis:
            import redis

            redis.Redis.from_url(REDIS_DB).flushdb()
        manage(env, "migrate", "--no-input", "-v0")
        create_moderator(env, key, PASSWORD)
        server = Server.start(env, tmp_path / "server.log")
        try:
            reporter = Client(server, source=SOURCE, headers=_headers())
            reporter.post("/submit/", {**STORY, "action": "review"}, follow=True)
            code = receipt_code(reporter.post("/submit/", {**STORY, "action": "send"}, follow=True))

            moderator = log_in_moderator(server, key, PASSWORD, source=SOURCE, headers=_headers())
            page = _report_page(moderator)
            change = f"{page}change/"
            moderator.post(f"{page}move/start_review/", {}, form_page=change)
            moderator.post(
                f"{page}move/ask_reporter/", {"move_text": "Was it dark?"}, form_page=change
            )

            looked_up = reporter.post("/status/", {"code": code})
            access = re.search(r'name="access" value="([^"]+)"', looked_up.body).group(1)
            answered = reporter.request(
                "POST",
                "/status/",
                {
                    "csrfmiddlewaretoken": reporter.csrf_token("/status/"),
                    "action": "answer",
                    "access": access,
                    "answer": "Yes, no street lights.",
                },
            )
            assert "your answer was sent" in answered.body

            edited = moderator.post(
                change,
                {
                    "headline": "Hand hidden",
                    "key_lesson": "Call him back.",
                    "published_story": STORY["story"],
                    "published_lessons": STORY["lessons"],
                    "risk_factors": "tactics",
                    "primary_risk_factor": "tactics",
                    "_continue": "Save edits",
                },
            )
            assert edited.status == 302
            moderator.post(f"{page}move/approve/", {}, form_page=change)
            published = moderator.post(f"{page}move/publish/", {"reviewed": "on"}, form_page=change)
            assert published.status == 302

            reader = Client(server, source=SOURCE, headers=_headers())
            story = reader.get("/reports/?q=hidden")
            assert "Hand hidden" in story.body
            path = re.search(r'href="(/reports/\w+/)"', story.body).group(1)
            for url in [
                path,
                f"{path}print/",
                "/",
                "/feeds/latest.atom",
                "/data/reports.csv",
                "/data/reports.json",
                "/stats/",
            ]:
                assert reader.get(url).status == 200, url
        finally:
            server_log = server.stop()

        places = {
            "server log": server_log,
            "database dump": dump(database, env),
            "database log": _database_logs(database, env),
        }
        if use_redis:
            places["redis"] = _redis_contents().decode("latin-1")
        for place, text in places.items():
            for canary in CANARIES:
                assert canary not in text, f"{canary} found in the {place}"
        # The report, its receipt and its conversation keep days, never times of day.
        columns = manage(
            env,
            "shell",
            "-c",
            (
                "from django.db import connection;"
                "c = connection.cursor();"
                'c.execute("SELECT table_name, column_name FROM information_schema.columns '
                "WHERE table_name IN ('reports_report', 'reports_message') "
                "AND (data_type LIKE 'time%' OR data_type LIKE 'timestamp%')\");"
                "print(c.fetchall())"
            ),
        )
        assert columns.strip().splitlines()[-1] == "[]"
        assert urlsplit(env.get("DATABASE_URL") or "x").scheme in {"", "postgres", "x"}
    finally:
        database.drop()


WORDS_STORY = "Ambervale canary story: the prisoner had a handcuff key in his cheek."
WORDS_LESSONS = "Ambervale canary lesson: look inside the mouth before transport."
WORDS_ANSWER = "Ambervale canary answer: it happened on the night shift."
WORDS = ["Ambervale", WORDS_STORY, WORDS_LESSONS, WORDS_ANSWER]
SECOND_KEY = "cm90YXRlZC1jYW5hcnkta2V5LWZvci1zZXJ2ZWQtdGU="


def test_the_reporters_words_are_in_no_dump_log_or_cache_and_survive_key_rotation(tmp_path):
    use_redis = redis_available()
    database = Database.create(tmp_path)
    try:
        key = new_key()
        env = base_env(database, REDIS_URL=REDIS_DB if use_redis else "", LOG_LEVEL="debug")
        if use_redis:
            import redis

            redis.Redis.from_url(REDIS_DB).flushdb()
        manage(env, "migrate", "--no-input", "-v0")
        create_moderator(env, key, PASSWORD)
        server = Server.start(env, tmp_path / "server.log")
        try:
            reporter = Client(server)
            sent = reporter.post(
                "/submit/",
                {"story": WORDS_STORY, "lessons": WORDS_LESSONS, "action": "send"},
                follow=True,
            )
            code = receipt_code(sent)
            moderator = log_in_moderator(server, key, PASSWORD)
            page = _report_page(moderator)
            change = f"{page}change/"
            moderator.post(f"{page}move/start_review/", {}, form_page=change)
            moderator.post(f"{page}move/ask_reporter/", {"move_text": "When?"}, form_page=change)
            looked_up = reporter.post("/status/", {"code": code})
            access = re.search(r'name="access" value="([^"]+)"', looked_up.body).group(1)
            reporter.request(
                "POST",
                "/status/",
                {
                    "csrfmiddlewaretoken": reporter.csrf_token("/status/"),
                    "action": "answer",
                    "access": access,
                    "answer": WORDS_ANSWER,
                },
            )
            shown = moderator.get(change).body
            assert WORDS_STORY in shown and WORDS_LESSONS in shown and WORDS_ANSWER in shown
        finally:
            first_log = server.stop()

        def assert_nowhere(stage: str, log: str) -> None:
            places = {"server log": log, "database dump": dump(database, env)}
            places["database log"] = _database_logs(database, env)
            if use_redis:
                places["redis"] = _redis_contents().decode("latin-1")
            for place, text in places.items():
                for words in WORDS:
                    assert words not in text, f"{stage}: {words!r} found in the {place}"

        assert_nowhere("before rotation", first_log)
        # A new key first in the list, the old one still there to read: rotate, then drop it.
        env["ENCRYPTION_KEYS"] = f"{SECOND_KEY},{env['ENCRYPTION_KEYS']}"
        assert "Re-encrypted 6 texts" in manage(env, "rotate_encryption_key")
        env["ENCRYPTION_KEYS"] = SECOND_KEY
        server = Server.start(env, tmp_path / "rotated.log")
        try:
            shown = log_in_moderator(server, key, PASSWORD, drift=1).get(change).body
            assert WORDS_STORY in shown and WORDS_LESSONS in shown and WORDS_ANSWER in shown
        finally:
            second_log = server.stop()
        assert_nowhere("after rotation", second_log)
    finally:
        database.drop()
