"""The embedded PostgreSQL server: data kept between runs, no server left behind."""

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

HOLD = textwrap.dedent(
    """
    import sys, time, psycopg2
    from nearmiss.embedded_db import ensure_server
    socket_dir, port = ensure_server(sys.argv[1], "nearmiss")
    with psycopg2.connect(host=socket_dir, port=port, user="postgres", dbname="nearmiss") as c:
        with c.cursor() as cursor:
            cursor.execute(sys.argv[2])
            print(cursor.fetchone()[0] if cursor.description else "done", flush=True)
    if sys.argv[3] == "wait":
        print("ready", flush=True)
        time.sleep(60)
    """
)


def _servers_for(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if process.info["name"] == "postgres" and str(data_dir) in " ".join(cmdline):
            found.append(process)
    return found


def _run(data_dir: Path, sql: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", HOLD, str(data_dir), sql, "exit"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def _start_holder(data_dir: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data_dir), "SELECT 1", "wait"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "1"
    assert holder.stdout.readline().strip() == "ready"
    return holder


def _wait_until_gone(data_dir: Path) -> list[psutil.Process]:
    deadline = time.monotonic() + 20
    while _servers_for(data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    return _servers_for(data_dir)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    yield tmp_path / "postgres"
    for process in _servers_for(tmp_path / "postgres"):
        process.kill()


def test_the_server_stops_with_the_last_process_and_keeps_its_data(data_dir):
    _run(data_dir, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')")
    assert _wait_until_gone(data_dir) == []
    assert _run(data_dir, "SELECT note FROM kept") == "still here"
    assert _wait_until_gone(data_dir) == []


def test_ctrl_c_leaves_no_server_behind(data_dir):
    holder = _start_holder(data_dir)
    assert _servers_for(data_dir), "the server runs while a process uses it"
    holder.send_signal(signal.SIGINT)
    holder.wait(timeout=30)
    assert _wait_until_gone(data_dir) == []


def test_sigterm_leaves_no_server_behind(data_dir):
    holder = _start_holder(data_dir)
    holder.terminate()
    holder.wait(timeout=30)
    assert _wait_until_gone(data_dir) == []


def test_a_killed_process_does_not_keep_the_server_alive_forever(data_dir):
    holder = _start_holder(data_dir)
    holder.kill()  # no chance to clean up
    holder.wait(timeout=30)
    # The next process to use the server stops it on exit, killed one or not.
    assert _run(data_dir, "SELECT 2") == "2"
    assert _wait_until_gone(data_dir) == []
