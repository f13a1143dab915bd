"""Run the site under gunicorn, as `make serve` does, and talk to it over real HTTP.

For tests that must cross process boundaries: several servers, real logs, a real database
outage. Each server gets its own database: a fresh one on DATABASE_URL's server, or an
embedded server in a temporary directory.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg2
import pytest
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "served-test-secret-key-" + "x" * 40
# 32 bytes in urlsafe base64, as ENCRYPTION_KEYS takes them.
ENCRYPTION_KEY = "c2VydmVkLXRlc3RzLWVuY3J5cHRpb24ta2V5LTMyYiE="


REDIS_ADDRESS = ("127.0.0.1", 6379)


def redis_available() -> bool:
    try:
        with socket.create_connection(REDIS_ADDRESS, timeout=1):
            return True
    except OSError:
        return False


def require_redis(what: str) -> None:
    """Skip the calling test when no Redis answers, or fail it when REQUIRE_REDIS=1 (CI)."""
    if redis_available():
        return
    if os.environ.get("REQUIRE_REDIS") == "1":
        pytest.fail("REQUIRE_REDIS=1 but no Redis answers on 127.0.0.1:6379")
    pytest.skip(f"no Redis on 127.0.0.1:6379: {what} needs one")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Database:
    """A database only these servers use; dropped (or its directory deleted) afterwards."""

    env: dict
    _drop: tuple | None = None

    @classmethod
    def create(cls, tmp_path: Path) -> "Database":
        url = os.environ.get("DATABASE_URL", "").strip()
        if not url:
            return cls({"DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": ""})
        name = f"nearmiss_served_{uuid.uuid4().hex[:10]}"
        parts = urlsplit(url)
        admin = psycopg2.connect(url.replace(parts.path, "/postgres"))
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        admin.close()
        return cls(
            {"DATABASE_URL": url.replace(parts.path, f"/{name}")},
            (url.replace(parts.path, "/postgres"), name),
        )

    def drop(self) -> None:
        if self._drop is None:
            return
        url, name = self._drop
        admin = psycopg2.connect(url)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        admin.close()


def base_env(database: Database, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG"}}
    env.update(
        {
            "SECRET_KEY": SECRET_KEY,
            "ENCRYPTION_KEYS": ENCRYPTION_KEY,
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WEB_CONCURRENCY": "1",
            "REDIS_URL": "",
            **database.env,
            **extra,
        }
    )
    return env


def manage(env: dict, *args: str, stdin: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


_collected = []


def collect_static_files(env: dict) -> None:
    """Collect the static files gunicorn serves through whitenoise, once per test run, so a
    served test never depends on another having run first."""
    if not _collected:
        manage(env, "collectstatic", "--no-input", "-v0")
        _collected.append(True)


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log_path: Path

    @classmethod
    def start(cls, env: dict, log_path: Path) -> "Server":
        collect_static_files(env)
        port = free_port()
        log = log_path.open("w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = cls(port, process, log_path)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Client(server).get("/healthz").status == 200:
                    return server
            except OSError:
                time.sleep(0.2)
        server.stop()
        raise AssertionError(f"gunicorn did not start:\n{log_path.read_text()}")

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        return self.log_path.read_text()


@dataclass
class Response:
    status: int
    headers: dict
    body: str


@dataclass
class Client:
    """A small HTTP client with cookies, over real sockets, from a chosen source address."""

    server: Server
    source: str = "127.0.0.1"
    headers: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)

    def request(
        self, method: str, path: str, data: dict | None = None, *, follow: bool = False
    ) -> Response:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.server.port, timeout=60, source_address=(self.source, 0)
        )
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        text = raw.read().decode("utf-8", "replace")
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        response = Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)
        if follow and response.status in (301, 302, 303):
            # As a browser does: a GET of where the redirect points, with the cookies it set.
            return self.request("GET", urlsplit(response.headers["location"]).path, follow=True)
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(
        self, path: str, data: dict, *, form_page: str | None = None, follow: bool = False
    ) -> Response:
        """POST data with the CSRF token of the form at form_page (default: path itself), and
        the version of the report it shows if it is a moderator's report page."""
        page = self.get(form_page or path).body
        hidden = dict(
            re.findall(
                r'<input type="hidden" name="(csrfmiddlewaretoken|version)" value="([^"]+)"', page
            )
        )
        assert "csrfmiddlewaretoken" in hidden, f"no form at {form_page or path}"
        return self.request("POST", path, {**hidden, **data}, follow=follow)

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, f"no form at {path}: {page.status}"
        return match.group(1)


def receipt_code(response: Response) -> str:
    match = re.search(r'<code id="receipt-code">([0-9-]+)</code>', response.body)
    assert match, response.body[:500]
    return match.group(1)


def new_key() -> str:
    return secrets.token_hex(20)


def create_moderator(env: dict, key: str, password: str, username: str = "mod") -> None:
    """Create a moderator with a confirmed TOTP device of the given hex key."""
    manage(
        env,
        "shell",
        "-c",
        (
            "from django.contrib.auth.models import User;"
            "from django_otp.plugins.otp_totp.models import TOTPDevice;"
            "from reports.moderators import ensure_moderators_group as g;"
            f"u = User.objects.create_user('{username}', password='{password}', is_staff=True);"
            "u.groups.add(g());"
            f"TOTPDevice.objects.create(user=u, name='t', key='{key}', confirmed=True)"
        ),
    )


def log_in_moderator(
    server: Server, key: str, password: str, *, drift: int = 0, username: str = "mod", **client
) -> Client:
    """Log in; a second login within 30 s needs the next code (drift=1): each is used once."""
    from django_otp.oath import TOTP

    moderator = Client(server, **client)
    token = str(TOTP(bytes.fromhex(key), drift=drift).token()).zfill(6)
    moderator.post(
        "/admin/login/",
        {"username": username, "password": password, "otp_token": token, "next": "/admin/"},
    )
    return moderator


def _client_program(database: Database, env: dict, program: str) -> list[str]:
    """The command line of a PostgreSQL client program (pg_dump, psql) for this database."""
    if database.env.get("DATABASE_URL"):
        path = Path(f"/usr/lib/postgresql/15/bin/{program}")
        return [str(path) if path.exists() else program, database.env["DATABASE_URL"]]
    from pgserver._commands import POSTGRES_BIN_PATH

    from nearmiss.embedded_db import ensure_server

    # The embedded server stops with gunicorn; start it again (stopped at exit).
    socket_dir, port = ensure_server(Path(env["DATA_DIR"]) / "postgres", "nearmiss")
    return [
        str(POSTGRES_BIN_PATH / program),
        *("-h", socket_dir, "-p", str(port), "-U", "postgres", "nearmiss"),
    ]


def dump(database: Database, env: dict, *options: str) -> str:
    """pg_dump of the database the server used (the whole of it, unless options say less)."""
    command = [*_client_program(database, env, "pg_dump"), "--no-owner", *options]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    assert "CREATE TABLE public.reports_report" in result.stdout or options
    return result.stdout


def query(database: Database, env: dict, statement: str) -> list[list[str]]:
    """Rows of one SQL statement, run by psql on the database the server used."""
    command = [*_client_program(database, env, "psql"), "-X", "-A", "-t", "-F", "\t"]
    result = subprocess.run(
        [*command, "-c", statement], capture_output=True, text=True, timeout=60, check=True
    )
    return [line.split("\t") for line in result.stdout.splitlines() if line]
