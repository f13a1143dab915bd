"""Load without loss, races between moderators, and the database failing under load."""

import itertools
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reports.models import InvalidTransition, Report
from tests.factories import at_once, make_moderator, make_ready_report
from tests.served import Client, Database, Server, base_env, manage, receipt_code

S = Report.Status
STORY = {"story": "A story sent under load.", "lessons": "Nothing is lost.", "action": "send"}
UNLIMITED = {
    "RATELIMIT_SUBMIT_BURST": "100000/m",
    "RATELIMIT_SUBMIT": "100000/h",
    "RATELIMIT_SUBMIT_SITE": "100000/m",
    "RATELIMIT_STATUS": "100000/h",
}


def _count(env: dict) -> int:
    output = manage(
        env, "shell", "-c", "from reports.models import Report; print(Report.objects.count())"
    )
    return int(output.split()[-1])


@pytest.mark.served
def test_two_hundred_concurrent_reports_are_all_stored_with_distinct_receipts(tmp_path: Path):
    database = Database.create(tmp_path)
    try:
        env = base_env(database, WEB_CONCURRENCY="2", **UNLIMITED)
        manage(env, "migrate", "--no-input", "-v0")
        server = Server.start(env, tmp_path / "server.log")
        try:

            def send(_):
                client = Client(server)
                return client.post("/submit/", STORY, follow=True)

            with ThreadPoolExecutor(max_workers=20) as pool:
                responses = list(pool.map(send, range(200)))
        finally:
            server.stop()
        assert [r.status for r in responses] == [200] * 200
        codes = {receipt_code(r) for r in responses}
        assert len(codes) == 200
        assert _count(env) == 200
    finally:
        database.drop()


@pytest.mark.django_db(transaction=True)
def test_two_moderators_approving_at_the_same_moment_give_one_approval_each():
    first, second = make_moderator("first"), make_moderator("second")
    report = make_ready_report()
    at_once(
        lambda: Report.objects.get(pk=report.pk).approve(by=first),
        lambda: Report.objects.get(pk=report.pk).approve(by=second),
    )
    report.refresh_from_db()
    assert report.status == S.APPROVED
    assert sorted(a.moderator.username for a in report.approvals.all()) == ["first", "second"]
    audit = list(report.audit.values_list("from_status", "to_status"))
    assert audit == [(S.IN_REVIEW, S.APPROVED), (S.APPROVED, S.APPROVED)]


@pytest.mark.django_db(transaction=True)
def test_one_moderator_approving_twice_at_once_gives_one_approval():
    moderator = make_moderator("eager")
    report = make_ready_report()
    results = at_once(
        lambda: Report.objects.get(pk=report.pk).approve(by=moderator),
        lambda: Report.objects.get(pk=report.pk).approve(by=moderator),
    )
    assert report.approvals.count() == 1
    assert sum(isinstance(r, InvalidTransition) for r in results) == 1


@pytest.mark.django_db(transaction=True)
def test_a_report_is_never_published_twice(settings):
    settings.PUBLISH_APPROVALS = 1
    first, second = make_moderator("first"), make_moderator("second")
    report = make_ready_report(approved_by=[first])
    results = at_once(
        lambda: Report.objects.get(pk=report.pk).publish(by=first),
        lambda: Report.objects.get(pk=report.pk).publish(by=second),
    )
    assert sum(isinstance(r, InvalidTransition) for r in results) == 1
    assert report.audit.filter(action="publish").count() == 1


@pytest.mark.served
def test_the_database_failing_under_load_gives_503s_and_every_retry_succeeds(tmp_path: Path):
    from pgserver import _commands

    data_dir = tmp_path / "data"
    env = base_env(Database({"DATA_DIR": str(data_dir), "DATABASE_URL": ""}), **UNLIMITED)
    manage(env, "migrate", "--no-input", "-v0")
    server = Server.start(env, tmp_path / "server.log")
    pgdata = data_dir / "postgres"
    statuses: list[int] = []
    failed: list[Client] = []
    stop = threading.Event()

    numbers = itertools.count()

    def sender():
        client = Client(server)
        token = client.csrf_token("/submit/")
        while not stop.is_set():
            # A browser goes where the send redirects; each sender sends report after report.
            story = {**STORY, "story": f"{STORY['story']} Report {next(numbers)}."}
            form = {"csrfmiddlewaretoken": token, **story}
            response = client.request("POST", "/submit/", form, follow=True)
            statuses.append(response.status)
            if response.status != 200:
                # Refused: the text comes back to resend. Sent, but the receipt could not be
                # read back: the page says so, and sending again does not file it twice.
                assert story["story"] in response.body or "Your report was sent" in response.body
                failed.append((client, form))

    try:
        threads = [threading.Thread(target=sender) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        os.kill(int((pgdata / "postmaster.pid").read_text().split()[0]), signal.SIGQUIT)
        time.sleep(2)
        user = "pgserver" if os.geteuid() == 0 else None
        _commands.pg_ctl(
            ["-w", "-o", '-h ""', "-o", f"-k {pgdata}", "-l", str(pgdata / "log"), "start"],
            pgdata=pgdata,
            user=user,
            timeout=30,
        )
        time.sleep(1.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        retried = [
            client.request("POST", "/submit/", form, follow=True).status for client, form in failed
        ]
    finally:
        stop.set()
        server.stop()
    assert 500 not in statuses
    assert set(statuses) <= {200, 503}
    assert 503 in statuses, "the outage happened during the load"
    assert retried == [200] * len(failed)
    # Every report sent is stored once: a send whose receipt could not be shown was stored, and
    # its retry filed nothing more; no refused send left a row behind.
    assert _count(env) == statuses.count(200) + len(failed)


@pytest.mark.served
def test_two_identical_sends_racing_each_other_file_one_report(tmp_path: Path):
    database = Database.create(tmp_path)
    rounds = 10
    try:
        env = base_env(database, WEB_CONCURRENCY="2", **UNLIMITED)
        manage(env, "migrate", "--no-input", "-v0")
        server = Server.start(env, tmp_path / "server.log")
        try:
            codes = []
            for n in range(rounds):
                # One browser, a double tap: the same form, the same cookie, sent twice at once.
                browser = Client(server)
                form = {
                    "csrfmiddlewaretoken": browser.csrf_token("/submit/"),
                    **STORY,
                    "story": f"{STORY['story']} Race {n}.",
                }
                barrier = threading.Barrier(2)

                def tap(_, browser=browser, form=form, barrier=barrier):
                    barrier.wait()
                    return browser.request("POST", "/submit/", form, follow=True)

                with ThreadPoolExecutor(max_workers=2) as pool:
                    answers = list(pool.map(tap, range(2)))
                assert [a.status for a in answers] == [200, 200]
                codes.append({receipt_code(a) for a in answers})
        finally:
            server.stop()
        assert all(len(pair) == 1 for pair in codes), "a double tap showed two receipts"
        assert _count(env) == rounds
    finally:
        database.drop()
