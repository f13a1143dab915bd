"""Nothing at rest places a reporter's action within its day (reports.ordering), end to end.

Through gunicorn, eight reports are filed and three questions answered, one by one, with a
timestamped moderator action between each two. Then the database is read as an operator or a
thief of a backup would: the rows' transaction ids (xmin), their physical order (ctid), the
order pg_dump writes them in, and the audit list moderators see.
"""

import re
from pathlib import Path

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
    query,
    receipt_code,
)

pytestmark = pytest.mark.served

PASSWORD = "a long ordering password"
REPORTS = 8
ANSWERED = (1, 3, 5)
FIRST_YEAR = 2010  # report n says it happened in FIRST_YEAR + n: how the test tells them apart


def _file(server: Server, n: int) -> tuple[Client, str]:
    # Each reporter on their own connection, as officers on their own phones.
    reporter = Client(server, source=f"127.0.0.{20 + n}")
    story = {
        "story": f"Report number {n}: the driver reached under the seat as I walked up.",
        "lessons": "Watch the hands from the back of the car.",
        "event_year": str(FIRST_YEAR + n),
    }
    reporter.post("/submit/", {**story, "action": "review"}, follow=True)
    return reporter, receipt_code(
        reporter.post("/submit/", {**story, "action": "send"}, follow=True)
    )


def _answer(reporter: Client, code: str) -> None:
    looked_up = reporter.post("/status/", {"code": code})
    access = re.search(r'name="access" value="([^"]+)"', looked_up.body).group(1)
    answered = reporter.request(
        "POST",
        "/status/",
        {
            "csrfmiddlewaretoken": reporter.csrf_token("/status/"),
            "action": "answer",
            "access": access,
            "answer": "It was about an hour before the end of the shift.",
        },
    )
    assert "your answer was sent" in answered.body


def _arrival_order(rows: list[list[str]]) -> list[int]:
    return [int(year) - FIRST_YEAR for _, year in rows]


def test_neither_xmin_nor_physical_nor_dump_order_nor_the_audit_list_orders_a_day(
    tmp_path: Path,
):
    database = Database.create(tmp_path)
    try:
        key = new_key()
        env = base_env(database, PUBLISH_APPROVALS="1")
        manage(env, "migrate", "--no-input", "-v0")
        create_moderator(env, key, PASSWORD)
        server = Server.start(env, tmp_path / "server.log")
        try:
            moderator = log_in_moderator(server, key, PASSWORD)
            filed = {}
            for n in range(REPORTS):
                filed[n] = _file(server, n)
                if n - 1 in ANSWERED:
                    _answer(*filed[n - 1])  # the answer to the question asked just before
                # A timestamped moderator action after every reporter action.
                ((pk,),) = query(
                    database,
                    env,
                    f"SELECT id FROM reports_report WHERE event_year = {FIRST_YEAR + n}",
                )
                page = f"/admin/reports/report/{pk}/"
                moved = moderator.post(f"{page}move/start_review/", {}, form_page=f"{page}change/")
                assert moved.status == 302
                if n in ANSWERED:
                    asked = moderator.post(
                        f"{page}move/ask_reporter/",
                        {"move_text": "When in the shift was it?"},
                        form_page=f"{page}change/",
                    )
                    assert asked.status == 302
            audit_page = moderator.get("/admin/reports/auditentry/?all=").body
        finally:
            server.stop()

        # xmin: every moderator entry lies on one side of all the reporter's rows.
        reporter_rows = query(
            database,
            env,
            "SELECT xmin::text::bigint FROM reports_report "
            "UNION ALL SELECT xmin::text::bigint FROM reports_message WHERE sender = 'reporter' "
            "UNION ALL SELECT xmin::text::bigint FROM reports_auditentry WHERE actor_id IS NULL",
        )
        reporter_xmins = {int(xmin) for (xmin,) in reporter_rows}
        assert len(reporter_rows) == REPORTS + 2 * len(ANSWERED)
        moderator_xmins = [
            int(xmin)
            for (xmin,) in query(
                database,
                env,
                "SELECT xmin::text::bigint FROM reports_auditentry WHERE actor_id IS NOT NULL",
            )
        ]
        assert len(moderator_xmins) == REPORTS + len(ANSWERED)
        for xmin in moderator_xmins:
            assert not min(reporter_xmins) < xmin < max(reporter_xmins), (
                "a moderator's timestamped action falls between two of the reporter's rows"
            )

        # Physical order, and the order pg_dump writes: not the order of arrival, either way.
        arrival = list(range(REPORTS))
        physical = _arrival_order(
            query(database, env, "SELECT ctid, event_year FROM reports_report ORDER BY ctid")
        )
        copied = dump(database, env, "--data-only", "--table=reports_report", "--column-inserts")
        dumped = _dump_years(copied)
        for order in (physical, dumped):
            assert sorted(order) == arrival
            assert order not in (arrival, arrival[::-1])

        # The audit list: the reporter's entries (no time) come before every timestamped one.
        who = re.findall(r'<td class="field-who">([^<]+)</td>', audit_page)
        assert len(who) == REPORTS + 2 * len(ANSWERED)
        first_moderator = who.index("mod")
        assert "reporter or system" not in who[first_moderator:]
    finally:
        database.drop()


def _dump_years(copied: str) -> list[int]:
    """The event years of the reports, in the order the dump's INSERTs write them."""
    years = []
    for line in copied.splitlines():
        if not line.startswith("INSERT INTO public.reports_report "):
            continue
        columns, _, values = line.partition(" VALUES ")
        names = [name.strip() for name in columns.split("(", 1)[1].rstrip(")").split(",")]
        year = _values(values)[names.index("event_year")]
        years.append(int(year) - FIRST_YEAR)
    return years


def _values(values: str) -> list[str]:
    """Split a dump's VALUES (...) list on its top-level commas (text values are quoted)."""
    parts, current, quoted, depth = [], [], False, 0
    for character in values.strip().removeprefix("(").removesuffix(");"):
        if character == "'":
            quoted = not quoted
        elif not quoted and character in "([{":
            depth += 1
        elif not quoted and character in ")]}":
            depth -= 1
        elif not quoted and depth == 0 and character == ",":
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(character)
    parts.append("".join(current).strip())
    return parts
