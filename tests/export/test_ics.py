"""export/ics.py: scheduled interviews as a calendar file, read back with icalendar."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from nextcall.export.ics import Interview, build_calendar, local_zone

MANILA = ZoneInfo("Asia/Manila")
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
INTERVIEWS = [
    Interview(
        7,
        "Phone interview",
        "Harborline BPO",
        "CSR",
        "Maria Santos",
        "Makati",
        datetime(2026, 11, 23, 14, 30),
    ),
    Interview(9, "Final interview", "Nimbus; Support, Co.", "", "", "", datetime(2026, 12, 1, 9)),
]


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_every_interview_is_an_event_in_the_local_zone() -> None:
    data = build_calendar(INTERVIEWS, zone=MANILA, now=NOW)
    calendar = Calendar.from_ical(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Manila"]
    first, second = events(data)
    assert str(first["SUMMARY"]) == "Phone interview — Harborline BPO"
    assert str(first["UID"]) == "nextcall-event-7@nextcall.local"
    start = first.decoded("DTSTART")
    assert start == datetime(2026, 11, 23, 14, 30, tzinfo=MANILA)
    assert start.utcoffset() == timedelta(hours=8)
    assert first.decoded("DTEND") - start == timedelta(hours=1)
    assert first.decoded("DTSTAMP") == NOW
    assert "Position: CSR" in str(first["DESCRIPTION"])
    assert "Interviewer: Maria Santos" in str(first["DESCRIPTION"])
    assert str(first["LOCATION"]) == "Makati"
    assert str(second["SUMMARY"]) == "Final interview — Nimbus; Support, Co."
    assert "LOCATION" not in second
    assert b"\r\n" in data and b"TZID=Asia/Manila" in data


def test_uids_are_stable_across_exports() -> None:
    one = build_calendar(INTERVIEWS, zone=MANILA, now=NOW)
    two = build_calendar(INTERVIEWS, zone=MANILA, now=NOW + timedelta(days=1))
    assert [e["UID"] for e in events(one)] == [e["UID"] for e in events(two)]


def test_without_a_zone_name_times_are_converted_to_utc() -> None:
    (event, _) = events(build_calendar(INTERVIEWS, zone=None, now=NOW))
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None
    assert start == datetime(2026, 11, 23, 14, 30).astimezone(UTC)


def test_no_interviews_is_still_a_valid_calendar() -> None:
    calendar = Calendar.from_ical(build_calendar([], zone=MANILA, now=NOW))
    assert calendar["VERSION"] == "2.0"
    assert events(build_calendar([], zone=MANILA, now=NOW)) == []


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and /etc/localtime")
def test_the_local_zone_comes_from_tz_then_the_localtime_link(tmp_path: Path) -> None:
    assert local_zone({"TZ": "Asia/Manila"}) == MANILA
    assert local_zone({"TZ": ":Europe/Paris"}) == ZoneInfo("Europe/Paris")
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/America/Chicago")
    assert local_zone({}, link) == ZoneInfo("America/Chicago")
    assert local_zone({"TZ": "Not/AZone"}, link) == ZoneInfo("America/Chicago")
    assert local_zone({}, tmp_path / "missing") is None
