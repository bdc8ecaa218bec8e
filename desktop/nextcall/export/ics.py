"""Scheduled interviews as an iCalendar file (RFC 5545), written with the icalendar library.

Interview times are stored as local wall-clock times. The file carries them in the computer's
own time zone (an IANA name such as Asia/Manila, with its VTIMEZONE definition) so calendar apps
show them at the right hour wherever they are opened. Without a known zone name, the times are
converted to UTC with the system's local-time rules instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_DURATION = timedelta(hours=1)
PRODUCT_ID = "-//NextCall//Job applications//EN"


@dataclass(frozen=True)
class Interview:
    event_id: int
    stage_name: str
    company: str
    position: str
    interviewer: str
    site: str
    starts_at: datetime  # naive local time, as stored


def _zone_named(name: str) -> ZoneInfo | None:
    name = name.strip().lstrip(":")
    if not name or (name.startswith("/") and "zoneinfo/" not in name):
        return None
    if "zoneinfo/" in name:
        name = name.split("zoneinfo/", 1)[1]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_zone(
    environ: dict[str, str] | None = None, localtime: Path = Path("/etc/localtime")
) -> ZoneInfo | None:
    """The system's IANA time zone: from TZ, then the /etc/localtime link; None if unknown."""
    env = os.environ if environ is None else environ
    if env.get("TZ"):
        zone = _zone_named(env["TZ"])
        if zone is not None:
            return zone
    try:
        target = os.readlink(localtime)
    except OSError:
        return None
    return _zone_named(str(target)) if "zoneinfo/" in str(target) else None


def _aware(moment: datetime, zone: tzinfo | None) -> datetime:
    if zone is not None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)  # naive means local: the system's rules convert it


def summary(interview: Interview) -> str:
    return f"{interview.stage_name} — {interview.company}"


def description(interview: Interview) -> str:
    lines = []
    if interview.position:
        lines.append(f"Position: {interview.position}")
    if interview.interviewer:
        lines.append(f"Interviewer: {interview.interviewer}")
    lines.append("From NextCall. Ask what to improve at the end, and write it down.")
    return "\n".join(lines)


def build_calendar(interviews: Iterable[Interview], *, zone: tzinfo | None, now: datetime) -> bytes:
    """The calendar file's bytes; ``now`` (aware) becomes every event's DTSTAMP."""
    from icalendar import Calendar, Event  # not on the way to the first window

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "NextCall interviews")
    stamp = now.astimezone(UTC)
    for item in interviews:
        event = Event()
        event.add("uid", f"nextcall-event-{item.event_id}@nextcall.local")
        event.add("dtstamp", stamp)
        start = _aware(item.starts_at, zone)
        event.add("dtstart", start)
        event.add("dtend", start + DEFAULT_DURATION)
        event.add("summary", summary(item))
        event.add("description", description(item))
        if item.site:
            event.add("location", item.site)
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data
