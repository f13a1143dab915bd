"""Limits on sending that fit a station: with the default settings, ten officers behind one
address (a station's NAT) each file a report in the same hour, while a flood from one address
is stopped within seconds, its text kept on the page."""

import types

import pytest
from django.conf import settings
from django.test import Client
from django_ratelimit.core import get_usage

from nearmiss.middleware import rate_limit_token
from reports.models import Report
from reports.views.ratelimits import by_token
from tests.factories import payload

pytestmark = pytest.mark.django_db

STATION = "198.51.100.7"  # everyone at the station leaves through this one address
ELSEWHERE = "203.0.113.40"


class Clock:
    """The time django-ratelimit counts its windows by, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """Stand at the start of the station's hour, as the limits count it.

    django-ratelimit counts in fixed windows offset per key, so the test finds where the
    station's hour ends and starts just after; its minutes start there too (60 divides 3,600).
    """
    clock = Clock()
    monkeypatch.setattr("django_ratelimit.core.time", clock)
    station = types.SimpleNamespace(method="POST", rate_limit_token=rate_limit_token(STATION))
    usage = get_usage(station, group="submit", key=by_token, rate=settings.RATELIMIT_SUBMIT)
    clock.now += usage["time_left"] + 1
    return clock


def _send(client: Client, story: str, address: str = STATION):
    return client.post(
        "/submit/", payload(action="send", story=story), REMOTE_ADDR=address, follow=True
    )


def _filed(response) -> bool:
    return response.status_code == 200 and b'<code id="receipt-code">' in response.content


def _limit(setting: str) -> int:
    return int(getattr(settings, setting).split("/")[0])


def test_ten_officers_behind_one_address_each_file_a_report_in_the_same_hour(clock):
    # Seconds into the hour: three finish at the end of a briefing, the rest through the shift.
    sent_at = [5, 20, 45, 300, 900, 1500, 2100, 2700, 3300, 3590]
    start = clock.now
    for officer, second in enumerate(sent_at):
        clock.now = start + second
        response = _send(Client(), f"Officer {officer}'s near miss on the late shift.")
        assert _filed(response), (officer, response.status_code)
    assert Report.objects.count() == 10


def test_five_officers_sending_in_the_same_minute_all_get_through(clock):
    officers = [Client() for _ in range(6)]
    for n, officer in enumerate(officers[:5]):
        assert _filed(_send(officer, f"Story {n}, sent as the briefing ended."))
    # The sixth in that minute is asked to wait a minute, and then goes.
    story = "The sixth story of the minute, which must not be lost."
    waiting = _send(officers[5], story)
    assert waiting.status_code == 429
    assert "wait a minute" in waiting.content.decode()
    clock.now += 60
    assert _filed(_send(officers[5], story))
    assert Report.objects.count() == 6


def test_a_flood_from_one_address_is_stopped_within_seconds_and_keeps_its_text(clock):
    burst = _limit("RATELIMIT_SUBMIT_BURST")
    flood = Client()
    responses = [_send(flood, f"Flood story number {n}.") for n in range(burst + 20)]
    assert all(_filed(response) for response in responses[:burst])
    for n, response in enumerate(responses[burst:], start=burst):
        html = response.content.decode()
        assert response.status_code == 429
        assert f"\nFlood story number {n}.</textarea>" in html
        assert "Too many reports have been sent from your connection in the last minute" in html
    assert Report.objects.count() == burst
    # Someone at another address is not held back by the flood.
    assert _filed(_send(Client(), "A story from elsewhere.", ELSEWHERE))


def test_sends_refused_in_a_burst_do_not_use_up_the_hour(clock):
    burst = _limit("RATELIMIT_SUBMIT_BURST")
    flood = Client()
    for n in range(_limit("RATELIMIT_SUBMIT") * 2):
        _send(flood, f"Flood story number {n}.")
    clock.now += 60
    assert _filed(_send(Client(), "An officer's story, a minute after the flood."))
    assert Report.objects.count() == burst + 1


def test_a_script_that_keeps_under_the_burst_limit_is_stopped_by_the_hours(clock):
    burst, hourly = _limit("RATELIMIT_SUBMIT_BURST"), _limit("RATELIMIT_SUBMIT")
    script = Client()
    sent = 0
    while sent < hourly:
        for _ in range(min(burst, hourly - sent)):
            assert _filed(_send(script, f"Scripted story {sent}."))
            sent += 1
        clock.now += 60
    refused = _send(script, "One more scripted story.")
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "\nOne more scripted story.</textarea>" in html
    assert "in the last hour" in html
    assert "send it again later" in html
    assert Report.objects.count() == hourly
    clock.now += 60 * 60
    assert _filed(_send(script, "One more scripted story."))


def test_the_site_wide_limit_refuses_everyone_past_it_and_keeps_the_text(clock):
    ceiling = _limit("RATELIMIT_SUBMIT_SITE")
    for n in range(ceiling):
        assert _filed(
            _send(Client(), f"Story {n} from its own address.", f"10.0.{n // 250}.{n % 250}")
        )
    refused = _send(Client(), "A story past the limit of the site.", ELSEWHERE)
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "\nA story past the limit of the site.</textarea>" in html
    assert "Too many reports are arriving from everyone just now" in html
    assert Report.objects.count() == ceiling
