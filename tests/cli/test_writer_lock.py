"""Commands that write wait for the writer lock, then fail naming the app; reading commands run
beside the app (SQLite's write-ahead log keeps that safe)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from lock_helpers import hold_in_child
from nextcall.cli import common as cli_common
from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.store.writer_lock import LOCK_NAME

WRITING = [
    ("add", "Acme"),
    ("demo",),
    ("note", "Acme", "Smile on the phone"),
    ("record", "Acme", "exam", "passed"),
    ("import", "people.csv"),
    ("restore",),
    ("check", "--repair"),
]
READING = [
    ("funnel",),
    ("search", "phone"),
    ("due",),
    ("check",),
    ("backup",),
    ("export", "everything.json"),
    ("report", "-o", "report.pdf"),
    ("import", "people.csv", "--dry-run"),
    ("practice",),
]


@pytest.fixture
def app_running(
    isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[subprocess.Popen[str]]:
    """A profile with data, and another process holding its lock as the app does."""
    db = Database.open(isolated_profile)
    add_application(db, ApplicationForm(company="Acme"))
    db.close()
    (tmp_path / "people.csv").write_text("Company,Position\nBolt,Agent\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli_common, "WRITER_WAIT", 0.2)
    child = hold_in_child(isolated_profile.root)
    yield child
    child.kill()
    child.wait()


@pytest.mark.parametrize("argv", WRITING, ids=lambda a: " ".join(a))
def test_a_writing_command_fails_naming_the_running_app(
    capsys: pytest.CaptureFixture[str], app_running: subprocess.Popen[str], argv: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1, err
    line = one_error(err)
    assert line.startswith(
        f"nextcall: error: NextCall is open on this data folder (process {app_running.pid}); "
        "close it or use the app"
    )
    assert out == ""


def test_nothing_was_written_while_the_app_held_the_lock(
    capsys: pytest.CaptureFixture[str],
    app_running: subprocess.Popen[str],
    isolated_profile: DataPaths,
) -> None:
    run(capsys, "add", "Bolt", "Crest")
    db = Database.open(isolated_profile)
    try:
        from nextcall.services.overview import overview

        assert overview(db).applications == 1
    finally:
        db.close()


@pytest.mark.parametrize("argv", READING, ids=lambda a: " ".join(a))
def test_a_reading_command_runs_while_the_app_is_open(
    capsys: pytest.CaptureFixture[str], app_running: subprocess.Popen[str], argv: tuple[str, ...]
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 0, err


def test_a_writing_command_runs_once_the_holder_lets_go(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = hold_in_child(isolated_profile.root, "nextcall command import", release_after=0.3)
    try:
        code, out, err = run(capsys, "add", "Acme")
    finally:
        child.kill()
        child.wait()
    assert code == 0, err
    assert "Acme" in out


def test_a_command_holding_the_lock_is_named_as_such(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_common, "WRITER_WAIT", 0.2)
    child = hold_in_child(isolated_profile.root, "nextcall command import")
    try:
        code, _out, err = run(capsys, "demo")
    finally:
        child.kill()
        child.wait()
    assert code == 1
    assert f"(process {child.pid}, nextcall command import)" in one_error(err)


def test_a_stale_lock_from_a_killed_command_is_taken_over(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    child = hold_in_child(isolated_profile.root, "nextcall command add")
    child.kill()
    child.wait()
    assert str(child.pid) in (isolated_profile.root / LOCK_NAME).read_text()
    code, _out, err = run(capsys, "add", "Acme")
    assert code == 0, err
    assert (isolated_profile.root / LOCK_NAME).read_text() == ""  # released cleanly after
    log = (isolated_profile.logs / "nextcall.log").read_text(encoding="utf-8")
    assert f"took over the writer lock left by process {child.pid}" in log


@pytest.mark.slow
def test_the_real_command_line_waits_3_seconds_then_exits_1_with_one_line(
    isolated_profile: DataPaths, app_running: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "nextcall", "add", "Zeta"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert time.monotonic() - started >= 3.0  # the real wait (the fixture shortens only ours)
    assert done.stderr.count("\n") == 1
    assert f"(process {app_running.pid}); close it or use the app" in done.stderr


def test_demo_data_can_be_read_while_the_app_is_open(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database.open(isolated_profile)
    fill_demo(db)
    db.close()
    child = hold_in_child(isolated_profile.root)
    try:
        code, out, err = run(capsys, "search", "smile")
        assert code == 0, err
        code, out, err = run(capsys, "funnel", "--json")
        assert code == 0 and out.startswith("["), err
    finally:
        child.kill()
        child.wait()


def test_a_reading_command_upgrades_an_older_file_only_under_the_lock(
    isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from nextcall.store.migrate import needs_upgrade

    fixture = Path(__file__).parents[1] / "store" / "fixtures" / "schema-0001-demo.sqlite3"
    shutil.copy2(fixture, isolated_profile.ensure().database)
    assert needs_upgrade(isolated_profile.database)
    monkeypatch.setattr(cli_common, "WRITER_WAIT", 0.2)
    child = hold_in_child(isolated_profile.root)
    try:
        code, _out, err = run(capsys, "funnel")
    finally:
        child.kill()
        child.wait()
    assert code == 1 and "NextCall" in err  # the app holds the folder: no upgrade beside it
    assert needs_upgrade(isolated_profile.database)  # untouched
    code, _out, err = run(capsys, "funnel")
    assert (code, err) == (0, "")
    assert not needs_upgrade(isolated_profile.database)
