"""`nextcall backup`, `nextcall restore [BACKUP]` and `nextcall check [--repair]`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from damage_helpers import fill, flip_bytes, truncate
from nextcall.core.paths import DataPaths
from nextcall.services.application_list import ApplicationQuery, list_applications
from nextcall.services.backups import list_backups
from nextcall.services.database import Database


def companies(paths: DataPaths) -> list[str]:
    db = Database.open(paths)
    try:
        return sorted(row.company for row in list_applications(db, ApplicationQuery()))
    finally:
        db.close()


def test_backup_prints_the_path_of_a_private_verified_copy(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme", "Bolt"))
    code, out, err = run(capsys, "backup")
    assert (code, err) == (0, "")
    path = Path(out.strip())
    assert path.parent == isolated_profile.backups
    assert path.name.startswith("nextcall-manual-") and path.suffix == ".sqlite3"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [info] = list_backups(isolated_profile)
    assert (info.path, info.applications, info.ok) == (path, 2, True)


def test_backup_without_data_says_so(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    code, out, err = run(capsys, "backup")
    assert (code, out) == (1, "")
    assert "nothing to back up yet" in one_error(err)
    assert not isolated_profile.database.exists()


def test_backup_of_a_damaged_file_fails_cleanly(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme",))
    flip_bytes(isolated_profile)
    code, _, err = run(capsys, "backup")
    assert code == 1
    assert "could not back up" in one_error(err) or "failed its check" in err
    assert list(isolated_profile.backups.glob("*")) == []


def test_restore_takes_the_newest_and_says_what_it_restored(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme",), notes=1)
    run(capsys, "backup")
    fill(isolated_profile, ("Bolt", "Crest"))
    code, out, err = run(capsys, "restore")
    assert (code, err) == (0, "")
    first, second = out.strip().splitlines()
    assert first.startswith("Restored nextcall-manual-")
    assert "(1 application, 1 note)" in first
    assert second.startswith("The data it replaced was backed up as ")
    replaced = Path(second.removeprefix("The data it replaced was backed up as ").rstrip("."))
    assert [b.applications for b in list_backups(isolated_profile) if b.path == replaced] == [3]
    assert companies(isolated_profile) == ["Acme"]


def test_restore_by_file_name(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme",))
    older = Path(run(capsys, "backup")[1].strip())
    fill(isolated_profile, ("Bolt",))
    run(capsys, "backup")
    code, out, _ = run(capsys, "restore", older.name)
    assert code == 0
    assert out.startswith(f"Restored {older.name}, taken ")
    assert "(1 application, no notes)" in out
    assert companies(isolated_profile) == ["Acme"]


def test_restore_of_an_unknown_name_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme",))
    code, out, err = run(capsys, "restore", "nextcall-auto-nope.sqlite3")
    assert (code, out) == (1, "")
    assert "no backup called nextcall-auto-nope.sqlite3" in one_error(err)


def test_restore_over_a_damaged_file_moves_it_aside(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme", "Bolt"))
    run(capsys, "backup")
    flip_bytes(isolated_profile)
    code, out, _ = run(capsys, "restore")
    assert code == 0
    assert "The damaged file it replaced was moved to " in out
    assert len(list(isolated_profile.root.glob("nextcall.sqlite3.damaged-*"))) == 1
    assert run(capsys, "check")[:2] == (0, "ok\n")


def test_check_reports_damage_with_the_plan_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme", "Bolt"), notes=3)
    run(capsys, "backup")
    truncate(isolated_profile)
    before = isolated_profile.database.read_bytes()
    code, out, err = run(capsys, "check")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == (
        f"damaged: {isolated_profile.database}: "
        "the file is shorter than it should be: it was cut off"
    )
    assert f"moved (not deleted) to {isolated_profile.database}.damaged-" in out
    assert "newest good backup: nextcall-manual-" in out
    assert "(2 applications, 3 notes)" in out
    assert lines[-1] == "  run `nextcall check --repair` to do that"
    assert isolated_profile.database.read_bytes() == before
    assert list(isolated_profile.root.glob("*.damaged-*")) == []


def test_check_repair_moves_aside_and_restores(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme", "Bolt"))
    run(capsys, "backup")
    flip_bytes(isolated_profile)
    damaged = isolated_profile.database.read_bytes()
    code, out, err = run(capsys, "check", "--repair")
    assert (code, err) == (0, "")
    moved_line, restored_line, verdict = out.splitlines()
    assert moved_line.startswith(f"Moved the damaged file to {isolated_profile.database}.damaged-")
    assert "(2 applications, no notes)" in restored_line
    assert verdict == "ok"
    [aside] = isolated_profile.root.glob("nextcall.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged


def test_check_repair_without_a_backup_starts_empty_and_fails(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme",))
    isolated_profile.database.write_bytes(os.urandom(40_000))
    code, out, _ = run(capsys, "check", "--repair")
    assert code == 1
    assert "No good backup was found" in out
    assert len(list(isolated_profile.root.glob("nextcall.sqlite3.damaged-*"))) == 1
    assert run(capsys, "check")[:2] == (0, "ok\n")  # a new, empty profile


def test_check_repair_on_a_sound_file_just_checks(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    fill(isolated_profile, ("Acme",))
    assert run(capsys, "check", "--repair")[:2] == (0, "ok\n")
    assert list(isolated_profile.root.glob("*.damaged-*")) == []
