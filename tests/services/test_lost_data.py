"""A deleted or emptied data file with good backups beside it is never quietly replaced by an
empty profile: `check` names the backup, `check --repair` restores it, reading commands refuse
without creating anything."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cli_helpers import one_error, run
from damage_helpers import application_count, fill
from nextcall.core.paths import DataPaths
from nextcall.services import recovery
from nextcall.services.backups import take_backup

NOW = datetime(2026, 11, 20, 14, 5)
LOSSES = {
    "deleted": lambda paths: paths.database.unlink(),
    "emptied": lambda paths: paths.database.write_bytes(b""),
}


@pytest.fixture(params=sorted(LOSSES))
def lost(request: pytest.FixtureRequest, isolated_profile: DataPaths) -> DataPaths:
    fill(isolated_profile, ("Acme", "Bolt", "Crest"), notes=2)
    take_backup(isolated_profile, "exit", NOW - timedelta(hours=1))
    LOSSES[request.param](isolated_profile)
    return isolated_profile


def test_check_fails_naming_the_backup(lost: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "check")
    assert code == 1
    assert out.startswith(f"missing: {lost.database}: the data file is")
    assert "3 applications, 2 notes" in out and "nextcall check --repair" in out


def test_reading_and_writing_commands_refuse_and_create_nothing(
    lost: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    size = lost.database.stat().st_size if lost.database.exists() else None
    for argv in (("funnel",), ("due",), ("add", "Delta"), ("search", "x")):
        code, out, err = run(capsys, *argv)
        line = one_error(err)
        assert code == 1 and out == ""
        assert "there is a good backup from Fri 20 Nov 2026, 13:05" in line, line
        assert "nextcall check --repair" in line
    assert (lost.database.stat().st_size if lost.database.exists() else None) == size


def test_repair_restores_the_newest_good_backup(
    lost: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--repair")
    assert (code, err) == (0, ""), out
    assert "Restored nextcall-exit-" in out and out.strip().endswith("ok")
    assert application_count(lost) == 3
    assert recovery.plan(lost) is None


def test_without_backups_a_missing_file_is_a_new_profile(
    isolated_profile: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert recovery.plan(isolated_profile) is None
    assert run(capsys, "add", "Acme")[0] == 0
    assert application_count(isolated_profile) == 1
