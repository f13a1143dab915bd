"""An embedded PostgreSQL server for a checkout with no DATABASE_URL.

pgserver ships PostgreSQL binaries inside a Python wheel. The server starts on the first
database connection of a process, listens only on a Unix socket inside its data directory,
and stops when the last process that used it exits, so Ctrl-C on `make run` leaves no
PostgreSQL process behind and the next run finds the same data.
"""

import atexit
import signal
import sys
import threading
import warnings
from pathlib import Path

import psutil
import psycopg2
from psycopg2 import sql

_lock = threading.Lock()
_servers: dict[Path, object] = {}
_created: set[tuple[Path, str]] = set()


def ensure_server(data_dir: str | Path, database: str, cleanup: str = "stop") -> tuple[str, int]:
    """Start the server for data_dir if needed, create database, return (socket dir, port).

    cleanup is pgserver's: "stop" keeps the data for the next run, "delete" removes it
    (for tests' temporary servers).
    """
    path = Path(data_dir).resolve()
    with _lock:
        server = _servers.get(path)
        if server is None:
            with warnings.catch_warnings():
                # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver then uses /tmp.
                warnings.simplefilter("ignore")
                import pgserver

                path.parent.mkdir(parents=True, exist_ok=True)
                server = pgserver.get_server(path, cleanup_mode=cleanup)
            # Registered after pgserver's own exit handler, so it runs first (atexit is LIFO).
            atexit.register(_forget_dead_processes, server)
            _exit_cleanly_on_sigterm()
            _servers[path] = server
        info = server.get_postmaster_info()
        socket_dir, port = str(info.socket_dir), int(info.port)
        if (path, database) not in _created:
            _create_database(socket_dir, port, database)
            _created.add((path, database))
    return socket_dir, port


def _exit_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into a normal exit, so `kill` runs the exit handlers that stop the server."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _forget_dead_processes(server) -> None:
    """Drop processes that died without saying so from pgserver's list of users.

    pgserver stops the server when the last process on its list exits, but a process that
    was killed (SIGKILL, a crash) never takes itself off; without this the server would
    never be stopped again.
    """
    with server._lock:
        alive = [pid for pid in server.global_process_id_list.get() if psutil.pid_exists(pid)]
        server.global_process_id_list.put(alive)


def _create_database(socket_dir: str, port: int, database: str) -> None:
    connection = psycopg2.connect(host=socket_dir, port=port, user="postgres", dbname="postgres")
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    finally:
        connection.close()
