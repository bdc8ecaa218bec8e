"""core/clock.py: the one clock. Set clocks start where they are told and run on; no other
module of the app reads the system time for a date or a timestamp."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import nextcall
from nextcall.core.clock import ENV_VAR, Clock
from nextcall.services.database import Database

PACKAGE = Path(nextcall.__file__).parent
SYSTEM_TIME_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}


def test_a_fixed_clock_stands_still() -> None:
    clock = Clock.fixed(datetime(2026, 11, 20, 9, 30, 15, 123))
    assert clock.now() == datetime(2026, 11, 20, 9, 30, 15)
    assert clock.now() == clock.now()
    assert clock.today() == date(2026, 11, 20)
    clock.advance(timedelta(days=2))
    assert clock.today() == date(2026, 11, 22)


def test_a_clock_set_to_a_moment_runs_on_from_it() -> None:
    start = datetime(2030, 1, 1, 23, 0)
    clock = Clock.starting_at(start)
    first, second = clock.now(), clock.now()
    assert start <= first <= second < start + timedelta(minutes=5)
    assert clock.today() == date(2030, 1, 1)


def test_the_environment_sets_the_process_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "2031-05-06T07:08")
    assert Clock.from_env().today() == date(2031, 5, 6)
    assert Clock.from_env() is Clock.from_env()  # one object for everything in the process
    monkeypatch.setenv(ENV_VAR, "next tuesday")
    with pytest.raises(ValueError, match="NEXTCALL_NOW"):
        Clock.from_env()
    monkeypatch.delenv(ENV_VAR)
    assert Clock.from_env().is_system


def test_the_system_clock_cannot_be_moved() -> None:
    with pytest.raises(RuntimeError):
        Clock().advance(timedelta(days=1))


def test_records_are_stamped_by_the_profile_clock(db: Database) -> None:
    from nextcall.services.applications import ApplicationForm, add_application
    from nextcall.services.stages import history

    db.clock = Clock.fixed(datetime(2040, 2, 3, 4, 5))
    app_id = add_application(db, ApplicationForm(company="Stamp BPO"))
    assert [item.changed_at for item in history(db, app_id)] == [datetime(2040, 2, 3, 4, 5)]


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE)) if path.is_relative_to(PACKAGE) else path.name


def _system_time_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if (name, node.func.attr) in SYSTEM_TIME_CALLS:
                found.append(f"{_name(path)}:{node.lineno}")
        if isinstance(node, ast.keyword) and node.arg in {"default", "clock", "now"}:
            value = node.value
            if isinstance(value, ast.Attribute) and (
                getattr(value.value, "id", ""),
                value.attr,
            ) in SYSTEM_TIME_CALLS:
                found.append(f"{_name(path)}:{node.lineno} (as a default)")
    return found


def test_no_module_but_the_clock_reads_the_system_time() -> None:
    reads = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "clock.py" or path.parent.name != "core"
        for hit in _system_time_reads(path)
    ]
    assert not reads, "read the time through the profile's clock (db.clock):\n" + "\n".join(reads)


def test_the_scan_finds_a_system_time_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import datetime\nx = datetime.datetime.now()\ny = date.today()\n")
    assert len(_system_time_reads(sample)) == 2
