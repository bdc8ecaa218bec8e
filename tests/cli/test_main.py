"""cli.py: exit codes, one-line errors without tracebacks, and a real `python -m nextcall`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from nextcall import __version__
from nextcall.core.paths import DataPaths
from nextcall.services.database import Database


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"NextCall {__version__}"
    assert err == ""


def test_demo_then_demo_again(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    code, out, err = run(capsys, "demo")
    assert code == 0, err
    assert out.startswith(f"Added sample data to {isolated_profile.root}:")
    assert " applications, " in out
    assert err == ""

    code, out, err = run(capsys, "demo")
    assert code == 1
    assert out == ""
    line = one_error(err)
    assert "already has" in line


def test_check_on_a_sound_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "demo")[0] == 0
    code, out, err = run(capsys, "check")
    assert (code, out, err) == (0, "ok\n", "")


def test_check_and_reading_commands_create_nothing_on_a_new_profile(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    assert not isolated_profile.database.exists()
    assert run(capsys, "check")[:2] == (0, "ok\n")
    assert run(capsys, "funnel")[0] == 0
    assert run(capsys, "due")[:2] == (0, "Nothing due today.\n")
    assert not isolated_profile.database.exists()


def test_check_on_random_bytes(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    isolated_profile.ensure()
    garbage = os.urandom(64 * 1024)
    isolated_profile.database.write_bytes(garbage)
    code, out, err = run(capsys, "check")
    assert code == 1
    assert "Traceback" not in out + err
    line = out.strip().splitlines()[0]  # the next lines say what --repair would do
    assert line.startswith("damaged:")
    assert str(isolated_profile.database) in line
    assert isolated_profile.database.read_bytes() == garbage  # check never "repairs"


def test_demo_on_random_bytes_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    isolated_profile.ensure()
    garbage = os.urandom(16 * 1024)
    isolated_profile.database.write_bytes(garbage)
    code, out, err = run(capsys, "demo")
    assert (code, out) == (1, "")
    line = one_error(err)
    assert "cannot be read as a NextCall database" in line
    assert isolated_profile.database.read_bytes() == garbage


def test_check_on_a_newer_database(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    Database.open(isolated_profile).close()
    with closing(sqlite3.connect(isolated_profile.database)) as c, c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    code, out, err = run(capsys, "check")
    assert code == 1
    [line] = out.strip().splitlines()
    assert "newer" in line
    assert "9999" in line
    assert err == ""


def test_demo_on_a_newer_database_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    Database.open(isolated_profile).close()
    with closing(sqlite3.connect(isolated_profile.database)) as c, c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    code, _, err = run(capsys, "demo")
    assert code == 1
    assert "newer version of NextCall" in one_error(err)


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "frobnicate")
    assert code == 2
    assert out == ""
    assert "usage: nextcall" in err
    assert "frobnicate" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["demo", "check"])
def test_a_data_dir_under_a_regular_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file")
    code, out, err = run(capsys, "--data-dir", str(blocker / "profile"), command)
    assert code == 1
    assert out == ""
    line = one_error(err)
    assert "not-a-folder" in line
    assert blocker.read_text() == "I am a file"


def test_data_dir_wins_over_the_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_profile: DataPaths
) -> None:
    elsewhere = tmp_path / "elsewhere"
    assert run(capsys, "--data-dir", str(elsewhere), "demo")[0] == 0
    assert (elsewhere / "nextcall.sqlite3").exists()
    assert not isolated_profile.database.exists()


@pytest.mark.slow
def test_python_dash_m_nextcall(tmp_path: Path) -> None:
    profile = tmp_path / "portable"
    env = {k: v for k, v in os.environ.items() if k != "NEXTCALL_DATA_DIR"}
    done = subprocess.run(
        [sys.executable, "-m", "nextcall", "--data-dir", str(profile), "demo"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    [line] = done.stdout.strip().splitlines()
    assert line.startswith(f"Added sample data to {profile.resolve()}:")
    assert (profile / "nextcall.sqlite3").exists()
