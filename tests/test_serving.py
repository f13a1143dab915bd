"""The site under gunicorn over real HTTP: several servers, its logs, a database outage."""

import os
import signal
import time
from pathlib import Path

import pytest

from tests.served import (
    Client,
    Database,
    Server,
    base_env,
    manage,
    new_key,
    receipt_code,
    require_redis,
)

pytestmark = pytest.mark.served

STORY = {
    "story": "A passenger walked back towards me with a hand hidden.",
    "lessons": "Call him back before he reaches you.",
    "action": "send",
}


@pytest.fixture
def database(tmp_path: Path):
    database = Database.create(tmp_path)
    yield database
    database.drop()


def _count_reports(env: dict) -> int:
    output = manage(
        env, "shell", "-c", "from reports.models import Report; print(Report.objects.count())"
    )
    return int(output.strip().splitlines()[-1])


def test_two_servers_share_one_queue_and_one_set_of_rate_limits(database, tmp_path):
    require_redis("the two-server test")
    env = base_env(
        database,
        REDIS_URL=f"redis://127.0.0.1:6379/{9}",
        RATELIMIT_SUBMIT="3/h",
        KEY_PREFIX_SALT=new_key(),
    )
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    manage(env, "migrate", "--no-input", "-v0")
    first = Server.start(env, tmp_path / "first.log")
    second = Server.start(env, tmp_path / "second.log")
    try:
        via_first, via_second = Client(first), Client(second)
        stories = [{**STORY, "story": f"{STORY['story']} Report {n}."} for n in range(5)]
        code = receipt_code(via_first.post("/submit/", stories[0], follow=True))
        assert via_first.post("/submit/", stories[1], follow=True).status == 200
        assert via_second.post("/submit/", stories[2], follow=True).status == 200
        # The same connection's fourth report in the hour: refused by the other server too.
        refused = via_second.post("/submit/", stories[3], follow=True)
        assert refused.status == 429
        assert stories[3]["story"] in refused.body
        assert via_first.post("/submit/", stories[4], follow=True).status == 429
        # The receipt from one server works on the other: one database, one key.
        looked_up = via_second.post("/status/", {"code": code})
        assert '<span class="status-label">Received</span>' in looked_up.body
    finally:
        first.stop()
        second.stop()
    assert _count_reports(env) == 3


# The logs of a full run through gunicorn are checked by the privacy canary:
# tests/adversarial/test_privacy_canary.py.


def _postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])


def test_a_database_outage_gives_503s_keeps_the_text_and_recovers(tmp_path):
    """And, with the debug log on, a rate limit, a CSRF failure and a failing database on the
    reporter's pages leave no line about them in any log."""
    from pgserver import _commands

    data_dir = tmp_path / "data"
    env = base_env(
        Database({"DATA_DIR": str(data_dir), "DATABASE_URL": ""}),
        LOG_LEVEL="debug",
        RATELIMIT_STATUS="2/h",
    )
    manage(env, "migrate", "--no-input", "-v0")
    server = Server.start(env, tmp_path / "server.log")
    log = ""
    try:
        client = Client(server)
        assert client.get("/readyz").status == 200
        for _ in range(3):
            limited = client.post("/status/", {"code": "1111-2222-3333-4444-5555"})
        assert limited.status == 429
        stranger = Client(server, headers={"Origin": "https://elsewhere.example"})
        forged = stranger.request("POST", "/submit/", STORY)
        assert forged.status == 403
        token = client.csrf_token("/submit/")
        os.kill(_postmaster_pid(data_dir), signal.SIGQUIT)  # the database dies
        time.sleep(1)
        assert client.get("/readyz").status == 503
        form = client.get("/submit/")
        assert form.status == 200 and "The service is unavailable right now" in form.body
        refused = client.request("POST", "/submit/", {"csrfmiddlewaretoken": token, **STORY})
        assert refused.status == 503
        assert "We could not save your report just now" in refused.body
        assert STORY["story"] in refused.body

        pgdata = data_dir / "postgres"
        user = "pgserver" if os.geteuid() == 0 else None
        _commands.pg_ctl(
            ["-w", "-o", '-h ""', "-o", f"-k {pgdata}", "-l", str(pgdata / "log"), "start"],
            pgdata=pgdata,
            user=user,
            timeout=30,
        )
        assert client.get("/readyz").status == 200
        sent = client.request(
            "POST", "/submit/", {"csrfmiddlewaretoken": token, **STORY}, follow=True
        )
        assert sent.status == 200
        receipt_code(sent)
    finally:
        log = server.stop()
    assert _count_reports(env) == 1  # nothing half-written by the failed send
    assert "/readyz" in log  # the log was written, at debug level
    lines = [line for line in log.splitlines() if "/submit" in line or "/status" in line]
    assert lines == []
    assert "elsewhere.example" not in log and "Too Many Requests" not in log
