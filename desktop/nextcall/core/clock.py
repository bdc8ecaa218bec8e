"""The one clock: every "now" and "today" the app uses comes from a ``Clock``.

Dates and times are naive, in the user's local zone (what the database stores).
The profile's ``Database`` carries the clock; services read ``db.clock``, the UI and the CLI
share the same object, and tests set it:

- ``Clock()``: the system clock.
- ``Clock.starting_at(moment)``: starts at ``moment`` and runs on at real speed, so order and
  elapsed time still work while the date is known (tests, screenshots, demos).
- ``Clock.fixed(moment)``: always ``moment`` (tests that check exact times).

``NEXTCALL_NOW=2026-11-20T10:00`` in the environment makes ``Clock.from_env()`` start there, so
child processes (the app under test, the CLI) share a test's date. No other module reads the
system time for a date or a timestamp; tests/core/test_clock.py enforces it.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

ENV_VAR = "NEXTCALL_NOW"


class Clock:
    def __init__(self, anchor: datetime | None = None, *, frozen: bool = False) -> None:
        self._anchor = anchor.replace(tzinfo=None, microsecond=0) if anchor else None
        self._frozen = frozen
        self._started = time.monotonic()

    @classmethod
    def starting_at(cls, moment: datetime) -> Clock:
        return cls(moment)

    @classmethod
    def fixed(cls, moment: datetime) -> Clock:
        return cls(moment, frozen=True)

    @classmethod
    def from_env(cls) -> Clock:
        """The process's clock: the system clock, or one starting at ``NEXTCALL_NOW`` (ISO 8601)
        when that is set. The same object for the same setting, so everything in a process
        that asks shares one clock."""
        value = os.environ.get(ENV_VAR, "").strip()
        clock = _shared.get(value)
        if clock is None:
            if value:
                try:
                    moment = datetime.fromisoformat(value)
                except ValueError as exc:
                    problem = f"{ENV_VAR}={value!r} is not an ISO 8601 date and time"
                    raise ValueError(problem) from exc
                clock = cls.starting_at(moment)
            else:
                clock = cls()
            _shared[value] = clock
        return clock

    @property
    def is_system(self) -> bool:
        return self._anchor is None

    def now(self) -> datetime:
        """The current local moment, naive."""
        if self._anchor is None:
            return datetime.now()
        if self._frozen:
            return self._anchor
        return self._anchor + timedelta(seconds=time.monotonic() - self._started)

    def today(self) -> date:
        return self.now().date()

    def now_utc(self) -> datetime:
        """The current moment as an aware UTC datetime (for file formats that want one)."""
        if self._anchor is None:
            return datetime.now(UTC)
        return self.now().astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        """Move a set clock on (tests: "two days later"). The system clock cannot be moved."""
        if self._anchor is None:
            raise RuntimeError("the system clock cannot be moved")
        self._anchor += delta

    def __repr__(self) -> str:
        if self._anchor is None:
            return "Clock(system)"
        return f"Clock({'fixed' if self._frozen else 'from'} {self._anchor.isoformat()})"


_shared: dict[str, Clock] = {}


def now() -> datetime:
    """The process clock's "now", for the few places that have a data folder but no open
    database (backups, recovery); everything else reads ``db.clock``."""
    return Clock.from_env().now()
