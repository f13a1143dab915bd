"""`make bench`: a database of 100,000 stories, the site under `make serve`, one load run.

Prints one table (requests per second, p50 and p95 latency, throughput as a ratio of
/healthz measured just before; each the median of several rounds) and writes it to
bench/results.json. The load generator is our own, asyncio over
keep-alive HTTP/1.1 connections, so it needs nothing installed; it shares the machine's two
cores with the server, as /healthz's row shows.
"""

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psutil

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
STORIES = 100_000
PY = sys.executable
PAIRED_HEALTHZ_SECONDS = 1.5


def log(message: str) -> None:
    print(message, flush=True)


def _env(port: int, redis_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        {
            "DATA_DIR": str(ROOT / ".data" / "bench"),
            "HTTPS": "0",
            "BIND": f"127.0.0.1:{port}",
            "REDIS_URL": redis_url,
            # The benchmark sends thousands of reports from one address on purpose.
            "RATELIMIT_SUBMIT": "1000000/h",
            "RATELIMIT_SUBMIT_BURST": "1000000/m",
            "RATELIMIT_SUBMIT_SITE": "1000000/m",
            "RATELIMIT_STATUS": "1000000/h",
        }
    )
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=True, check=False
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database(env: dict, stories: int) -> None:
    dev = env | {"DEBUG": "1"}
    manage(dev, "migrate", "--no-input", "-v0")
    count = int(
        manage(
            dev,
            "shell",
            "-c",
            "from reports.models import Report;print(Report.objects.published().count())",
        ).split()[-1]
    )
    if count >= stories:
        log(f"Reusing the benchmark database: {count:,} published stories.")
        return
    log(f"Generating {stories - count:,} stories (once; the database is kept in .data/bench).")
    started = time.monotonic()
    subprocess.run(
        [PY, "manage.py", "generate_reports", "--count", str(stories - count)],
        cwd=ROOT,
        env=dev,
        check=True,
    )
    log(f"Generated in {time.monotonic() - started:.0f} s.")


def settle_database(env: dict) -> None:
    """VACUUM ANALYZE before measuring, so autovacuum does not run during the rows (it
    otherwise lands on whichever row is running after a bulk load)."""
    manage(
        env | {"DEBUG": "1"},
        "shell",
        "-c",
        (
            "from django.db import connection;"
            "connection.cursor().execute('VACUUM (ANALYZE) reports_report')"
        ),
    )


RARE_PHRASE = "spare magazine taped under the dashboard"


def plant_rare_phrase(env: dict) -> None:
    """Put a phrase into 20 stories, so the benchmark has a truly rare phrase to search."""
    manage(
        env | {"DEBUG": "1"},
        "shell",
        "-c",
        (
            "from django.db.models import Value;"
            "from django.db.models.functions import Concat;"
            "from reports.models import Report;"
            "published = Report.objects.published();"
            f"done = published.filter(published_story__contains='{RARE_PHRASE}').exists();"
            "ids = [] if done else list("
            "published.order_by('public_id').values_list('pk', flat=True)[:20]);"
            f"Report.objects.filter(pk__in=ids).update(published_story=Concat('published_story', "
            f"Value(' I found a {RARE_PHRASE}.')))"
        ),
    )


PHRASE_QUERY = "%22" + "+".join(RARE_PHRASE.split()[:3]) + "%22"


def redis_url() -> str:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return "redis://127.0.0.1:6379/8"
    except OSError:
        return ""


class Connection:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def request(
        self, method: str, path: str, body: bytes = b"", content_type: str = ""
    ) -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        headers = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Accept-Encoding: identity",
        ]
        if self.cookies:
            headers.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body:
            headers += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(headers) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length, chunked, close = None, False, False
        while True:
            line = (await self.reader.readline()).decode("latin-1").strip()
            if not line:
                break
            name, _, value = line.partition(":")
            name, value = name.lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value.lower() == "close":
                close = True
            elif name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        if length is not None:
            data = await self.reader.readexactly(length)
        elif chunked:
            parts = []
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                if size == 0:
                    await self.reader.readline()
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            data = b"".join(parts)
        else:
            data = await self.reader.read()
            close = True
        if close:
            self.writer.close()
            self.reader = self.writer = None
        return status, data


async def _worker(port, make_request, deadline, latencies, errors, max_requests):
    connection = Connection(port)
    prepare = getattr(make_request, "prepare", None)
    if prepare:
        await prepare(connection)
    while time.monotonic() < deadline and len(latencies) < max_requests:
        method, path, body, content_type = make_request(connection)
        started = time.perf_counter()
        try:
            status, _ = await connection.request(method, path, body, content_type)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors.append("connection")
            connection = Connection(port)
            if prepare:
                await prepare(connection)
            continue
        latencies.append(time.perf_counter() - started)
        if status >= 400:
            errors.append(status)


def run_load(port, make_request, *, clients=8, seconds=8.0, max_requests=10**9):
    latencies: list[float] = []
    errors: list = []

    async def main():
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        await asyncio.gather(
            *(
                _worker(port, make_request, deadline, latencies, errors, max_requests)
                for _ in range(clients)
            )
        )
        return time.monotonic() - started

    elapsed = asyncio.run(main())
    ordered = sorted(latencies)

    def percentile(p):
        return ordered[min(int(len(ordered) * p), len(ordered) - 1)] * 1000 if ordered else 0.0

    return {
        "requests": len(latencies),
        "errors": len(errors),
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else 0.0,
    }


def get(path_for):
    def make(connection):
        return "GET", path_for(), b"", ""

    return make


def submit_request():
    body_fields = {
        "story": "A benchmark story: a passenger walked back towards me with a hand hidden, "
        "and I called him back before he reached me.",
        "lessons": "Call the passenger back before he reaches you.",
        "action": "send",
    }

    def make(connection):
        fields = {"csrfmiddlewaretoken": connection.token, **body_fields}
        return "POST", "/submit/", urlencode(fields).encode(), "application/x-www-form-urlencoded"

    async def prepare(connection):
        _, page = await connection.request("GET", "/submit/")
        connection.token = (
            re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        )

    make.prepare = prepare
    return make


def worker_memory(server: subprocess.Popen) -> dict[int, int]:
    master = psutil.Process(server.pid)
    return {
        child.pid: child.memory_info().rss
        for child in master.children(recursive=True)
        if "gunicorn" in " ".join(child.cmdline())
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=STORIES)
    parser.add_argument("--seconds", type=float, default=3.0, help="per row and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--only",
        default="",
        help="measure only the rows whose name contains this text (and /healthz); "
        "results.json is not written",
    )
    options = parser.parse_args()

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    redis = redis_url()
    env = _env(port, redis)
    prepare_database(env, options.stories)
    plant_rare_phrase(env)
    settle_database(env)
    sample = manage(
        env | {"DEBUG": "1"},
        "shell",
        "-c",
        "from reports.models import Report;"
        "print(Report.objects.published().order_by('public_id').first().public_id)",
    )
    story = sample.split()[-1]

    log(f"Starting make serve on 127.0.0.1:{port} (cache: {'Redis' if redis else 'per worker'}).")
    server = subprocess.Popen(
        ["make", "-s", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("make serve did not start")
                time.sleep(0.5)

        counter = iter(range(10**9))
        plan = [
            ("/healthz", get(lambda: "/healthz"), {}),
            ("/ (cached)", get(lambda: "/"), {}),
            ("/reports/ (cached)", get(lambda: "/reports/"), {}),
            ("story (cached)", get(lambda: f"/reports/{story}/"), {}),
            ("?q=common word (cached)", get(lambda: "/reports/?q=backup"), {}),
            (
                "?q=common word (distinct)",
                get(lambda: f"/reports/?q=backup+-zq{next(counter)}&page={next(counter) % 10 + 1}"),
                {},
            ),
            ('?q="rare phrase" (cached)', get(lambda: f"/reports/?q={PHRASE_QUERY}"), {}),
            (
                '?q="rare phrase" (distinct)',
                get(lambda: f"/reports/?q={PHRASE_QUERY}+-zq{next(counter)}"),
                {},
            ),
            ("/stats/ (cached)", get(lambda: "/stats/"), {}),
            ("/feeds/latest.atom (cached)", get(lambda: "/feeds/latest.atom"), {}),
            ("POST /submit/", submit_request(), {}),
        ]
        if options.only:
            plan = [row for row in plan if row[0] == "/healthz" or options.only in row[0]]
        # Warm every worker on every page first (templates, connections, caches), so the
        # measured rows compare steady states.
        for _name, make_request, extra in plan:
            run_load(port, make_request, seconds=1.0, **extra)
        # The machine's speed varies by up to a factor of two in spells of a few seconds (a
        # shared virtual machine: a busy-loop shows it with nothing else running). So every
        # row runs in several rounds, each run just after a short /healthz run that it is
        # compared with, and each figure in the table is the median over the rounds.
        healthz = plan[0][1]
        rounds: dict[str, list[dict]] = {name: [] for name, _, _ in plan}
        for number in range(1, options.rounds + 1):
            for name, make_request, extra in plan[1:]:
                ceiling = run_load(port, healthz, seconds=PAIRED_HEALTHZ_SECONDS)
                ceiling["ratio_of_healthz"] = 1.0
                rounds["/healthz"].append(ceiling)
                measured = run_load(port, make_request, seconds=options.seconds, **extra)
                measured["ratio_of_healthz"] = measured["rps"] / (ceiling["rps"] or 1.0)
                rounds[name].append(measured)
            log(f"  round {number} of {options.rounds} done")
        rows = {name: median_of(results) for name, results in rounds.items()}
        if options.only:
            return report(rows)
        before = worker_memory(server)
        started = time.monotonic()
        csv_row = run_load(
            port, get(lambda: "/data/reports.csv"), clients=1, seconds=0.1, max_requests=1
        )
        csv_row["seconds"] = time.monotonic() - started
        after = worker_memory(server)
        growth = max((after.get(pid, 0) - rss for pid, rss in before.items()), default=0)
        csv_row["worker_memory_growth_mb"] = growth / 1e6
        csv_row["ratio_of_healthz"] = csv_row["rps"] / rows["/healthz"]["rps"]
        rows["/data/reports.csv (100k, 1 client)"] = csv_row
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    table = report(rows)
    RESULTS.write_text(
        json.dumps(
            {
                "stories": options.stories,
                "cpu_count": os.cpu_count(),
                "cache": "redis" if redis else "per worker",
                "clients": 8,
                "seconds_per_row_and_round": options.seconds,
                "rounds": options.rounds,
                "rows": rows,
                "table": table,
            },
            indent=2,
        )
        + "\n"
    )
    log(f"Written to {RESULTS.relative_to(ROOT)}")


def median_of(results: list[dict]) -> dict:
    """Return each figure's median over the rounds (and every round's requests per second)."""
    row = {
        key: statistics.median(result[key] for result in results)
        for key in ("rps", "p50_ms", "p95_ms", "mean_ms", "ratio_of_healthz")
    }
    row["requests"] = sum(result["requests"] for result in results)
    row["errors"] = sum(result["errors"] for result in results)
    row["rps_by_round"] = [round(result["rps"], 1) for result in results]
    return row


def report(rows: dict) -> str:
    """Print the table and return it."""
    table = format_table(rows)
    print(table)
    return table


def format_table(rows: dict) -> str:
    lines = [
        f"{'endpoint':<32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'x healthz':>10} {'errors':>7}"
    ]
    for name, row in rows.items():
        lines.append(
            f"{name:<32} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['ratio_of_healthz']:>10.2f} {row['errors']:>7}"
        )
    csv_row = next((r for n, r in rows.items() if n.startswith("/data/reports.csv")), None)
    if csv_row:
        lines.append(
            f"CSV export: {csv_row['seconds']:.1f} s, worker memory growth "
            f"{csv_row['worker_memory_growth_mb']:.1f} MB"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
