"""What interviewers keep telling me: rank improvement areas by how many interviews named them.

Pure functions over plain rows, so the arithmetic can be checked by hand. The services layer
reads the tagged notes (services/insights.py) and the PDF packet prints the result.

Counting rules:
- One interview counts once per area, however many notes about it were written: an interview
  is the milestone event a note belongs to; a note without an event stands for the
  interview of its application on the day it was written.
- The trend compares the interviews of the last ``window_days`` days (today included) with
  those before. An interview that was mentioned on several days counts on its latest day, so
  ``recent + earlier == interviews`` always holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

WINDOW_DAYS = 30
QUOTES = 3

InterviewKey = tuple[str, int | None, date | None]


def interview_key(event_id: int | None, application_id: int | None, day: date) -> InterviewKey:
    """The interview a note belongs to: its milestone event, else its application and day."""
    if event_id is not None:
        return ("event", event_id, None)
    return ("day", application_id, day)


class Trend(StrEnum):
    NEW = "new"  # only heard in the last window
    RISING = "rising"  # more interviews lately than in all the time before
    STEADY = "steady"  # as many lately as before
    EASING = "easing"  # heard lately, but less than before
    QUIET = "quiet"  # not heard in the last window

    @property
    def label(self) -> str:
        return {
            Trend.NEW: "new lately",
            Trend.RISING: "coming up more often",
            Trend.STEADY: "as often as before",
            Trend.EASING: "coming up less often",
            Trend.QUIET: "not heard lately",
        }[self]

    @property
    def arrow(self) -> str:
        return {
            Trend.NEW: "★",
            Trend.RISING: "↑",
            Trend.STEADY: "→",
            Trend.EASING: "↘",
            Trend.QUIET: "↓",
        }[self]


def trend(recent: int, earlier: int) -> Trend:
    if recent == 0:
        return Trend.QUIET
    if earlier == 0:
        return Trend.NEW
    if recent > earlier:
        return Trend.RISING
    if recent == earlier:
        return Trend.STEADY
    return Trend.EASING


@dataclass(frozen=True)
class Mention:
    """One improvement-area tag on one tip, feedback or debrief note."""

    area: str
    note_id: int
    interview: InterviewKey
    day: date
    text: str
    company: str | None = None
    kind: str = "tip"
    fix: str = ""


@dataclass(frozen=True)
class Quote:
    note_id: int
    text: str
    company: str | None
    on: date
    kind: str
    fix: str = ""


def distinct_quotes(quotes: Sequence[Quote]) -> list[tuple[Quote, int]]:
    """Each wording once (case and spacing aside), the newest kept, with how often it was said:
    the packet and the Interviewers say panel show the same words once, "said 3 times"."""
    seen: dict[str, list[Any]] = {}
    for quote in quotes:  # newest first
        key = " ".join(quote.text.casefold().split())
        if key in seen:
            seen[key][1] += 1
        else:
            seen[key] = [quote, 1]
    return [(quote, times) for quote, times in seen.values()]


@dataclass(frozen=True)
class AreaInsight:
    area: str  # the tag key (a playbook area or the user's own)
    name: str
    interviews: int  # distinct interviews that named it
    recent: int  # of which their latest mention falls in the last window
    earlier: int  # of which before it
    trend: Trend
    last_on: date
    quotes: tuple[Quote, ...]  # newest first

    @property
    def summary(self) -> str:
        """'4 interviews · 3 in the last 30 days, 1 before'"""
        count = f"{self.interviews} interview{'s' if self.interviews != 1 else ''}"
        return f"{count} · {self.recent} in the last {WINDOW_DAYS} days, {self.earlier} before"


def rank_areas(
    mentions: Iterable[Mention],
    *,
    today: date,
    names: dict[str, str] | None = None,
    window_days: int = WINDOW_DAYS,
    quotes: int = QUOTES,
) -> list[AreaInsight]:
    """Areas ordered by interviews (most first), then recent interviews, then the latest
    mention, then name. ``names`` maps keys to display names (the key is used otherwise)."""
    names = names or {}
    since = today - timedelta(days=window_days - 1)
    latest: dict[str, dict[InterviewKey, date]] = {}
    by_area: dict[str, dict[int, Mention]] = {}
    for m in mentions:
        days = latest.setdefault(m.area, {})
        days[m.interview] = max(days.get(m.interview, m.day), m.day)
        by_area.setdefault(m.area, {})[m.note_id] = m
    result = []
    for area, days in latest.items():
        recent = sum(1 for d in days.values() if d >= since)
        earlier = len(days) - recent
        notes = sorted(by_area[area].values(), key=lambda m: (m.day, m.note_id), reverse=True)
        result.append(
            AreaInsight(
                area=area,
                name=names.get(area, area),
                interviews=len(days),
                recent=recent,
                earlier=earlier,
                trend=trend(recent, earlier),
                last_on=max(days.values()),
                quotes=tuple(
                    Quote(m.note_id, m.text, m.company, m.day, m.kind, m.fix)
                    for m in notes[:quotes]
                ),
            )
        )
    result.sort(key=lambda a: (-a.interviews, -a.recent, -a.last_on.toordinal(), a.name.lower()))
    return result


def relevant_areas(
    milestone_areas: Sequence[str | None],
    recurring: Sequence[str],
    all_areas: Sequence[str],
    limit: int = 9,
) -> list[str]:
    """The areas worth one key each during an interview: those the milestone's checks name
    (in their order), then those interviewers keep naming, then the rest of the playbook's."""
    ordered = dict.fromkeys(a for a in (*milestone_areas, *recurring, *all_areas) if a)
    return list(ordered)[:limit]
