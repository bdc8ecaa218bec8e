"""diagnostics.py: a rotating log in the data folder with no personal content, and uncaught
exceptions logged and reported in one line."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from nextcall.core.paths import DataPaths, resolve
from nextcall.diagnostics import (
    BACKUP_COUNT,
    MAX_BYTES,
    describe_exception,
    format_exception,
    install_exception_hooks,
    log_path,
    safe_message,
    setup_logging,
)
from nextcall.services import notes as notes_service

SECRET = "my salary at Acme was 18k and the interviewer, Ana Cruz, said I mumble"


@pytest.fixture
def logfile(isolated_profile: DataPaths) -> Iterator[Path]:
    yield setup_logging(isolated_profile)


def test_the_log_lives_in_the_data_folder_and_is_private(
    isolated_profile: DataPaths, logfile: Path
) -> None:
    assert logfile == isolated_profile.root / "logs" / "nextcall.log"
    assert not logfile.exists()  # created on the first line, not before
    logging.getLogger("nextcall.test").info("hello")
    assert "INFO" in logfile.read_text() and "nextcall.test: hello" in logfile.read_text()
    if os.name == "posix":
        assert logfile.stat().st_mode & 0o777 == 0o600


def test_the_log_rotates_at_1_mb_keeping_three(logfile: Path) -> None:
    line = "x" * 1000
    for _ in range(5000):
        logging.getLogger("nextcall.test").info(line)
    files = sorted(p.name for p in logfile.parent.iterdir())
    assert files == ["nextcall.log", "nextcall.log.1", "nextcall.log.2", "nextcall.log.3"]
    assert BACKUP_COUNT == 3
    assert all(p.stat().st_size <= MAX_BYTES + 2000 for p in logfile.parent.iterdir())


def test_setting_up_again_follows_the_newest_profile(tmp_path: Path, logfile: Path) -> None:
    other = resolve(tmp_path / "other")
    assert setup_logging(other) == log_path(other)
    assert setup_logging(other) == log_path(other)  # idempotent: one handler
    handlers = [
        h for h in logging.getLogger("nextcall").handlers if isinstance(h, logging.FileHandler)
    ]
    assert len(handlers) == 1
    logging.getLogger("nextcall.test").warning("to the other one")
    assert "to the other one" in log_path(other).read_text()
    assert not logfile.exists()


def test_a_log_that_cannot_be_written_never_stops_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    setup_logging(resolve(blocker))  # the log's folder cannot be created under a file
    logging.getLogger("nextcall.test").error("lost, quietly")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite3.OperationalError("database or disk is full"), "database or disk is full"),
        (
            OSError(errno.ENOSPC, "No space left on device", "/home/ana/Acme.pdf"),
            "[Errno 28] No space left on device",
        ),
        (
            AttributeError("'NoneType' object has no attribute 'body'"),
            "'NoneType' object has no attribute 'body'",
        ),
        (KeyError(SECRET), f"(message withheld: {len(repr(SECRET))} characters)"),
        (ValueError(SECRET), f"(message withheld: {len(SECRET)} characters)"),
        (RuntimeError(), ""),
    ],
)
def test_only_messages_that_cannot_be_personal_are_kept(exc: BaseException, expected: str) -> None:
    assert safe_message(exc) == expected


def test_a_traceback_keeps_where_and_causes_but_not_what(logfile: Path) -> None:
    try:
        try:
            raise ValueError(SECRET)
        except ValueError as inner:
            raise RuntimeError("saving failed") from inner
    except RuntimeError as exc:
        text = format_exception(exc)
    assert text.count("Traceback (most recent call last):") == 2
    assert "which led to:" in text
    assert 'test_diagnostics.py", line' in text
    assert "ValueError: (message withheld" in text and "RuntimeError: (message withheld" in text
    assert "Ana Cruz" not in text.replace("raise ValueError(SECRET)", "")


def test_describe_names_the_kind_and_the_place_in_our_code() -> None:
    try:
        notes_service.check_kind("nonsense")
    except Exception as exc:
        line = describe_exception(exc)
    assert line.startswith("ValidationError in notes.py, line ")
    assert "(check_kind)" in line


def test_uncaught_exceptions_go_to_the_log_and_to_show(logfile: Path) -> None:
    shown: list[str] = []
    before = (sys.excepthook, threading.excepthook)
    restore = install_exception_hooks(shown.append)
    try:
        try:
            raise RuntimeError(f"while saving '{SECRET}'")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        worker = threading.Thread(target=lambda: 1 / 0, name="worker-7")
        worker.start()
        worker.join()
    finally:
        restore()
    assert shown[0].startswith("RuntimeError in test_diagnostics.py, line ")
    assert shown[1].startswith("ZeroDivisionError in test_diagnostics.py")
    text = logfile.read_text()
    assert "uncaught exception: RuntimeError" in text
    assert "uncaught exception in thread worker-7: ZeroDivisionError" in text
    assert "Traceback (most recent call last)" in text
    assert SECRET not in text and "Ana Cruz" not in text
    assert (sys.excepthook, threading.excepthook) == before  # put back


def test_keyboard_interrupt_is_left_to_python(
    logfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: seen.append(kind))
    shown: list[str] = []
    restore = install_exception_hooks(shown.append)
    try:
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    finally:
        restore()
    assert seen == [KeyboardInterrupt] and shown == []


def test_an_unexpected_error_in_a_command_prints_one_line_pointing_to_the_log(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    isolated_profile: DataPaths,
) -> None:
    assert run(capsys, "add", "Acme")[0] == 0

    def broken(*_args: object, **_kwargs: object) -> int:
        raise KeyError(SECRET)

    monkeypatch.setattr(notes_service, "add_note", broken)
    code, out, err = run(capsys, "note", "Acme", SECRET)
    assert code == 1 and out == ""
    line = one_error(err)
    log = log_path(isolated_profile)
    assert line.startswith(
        "nextcall: error: an unexpected problem (KeyError in notes.py, line "
    )
    assert line.endswith(f" (_cmd_note)); the details are in {log}")
    text = log.read_text()
    assert "note failed: KeyError" in text and "Traceback" in text
    assert 'cli/notes.py", line' in text  # where it happened is kept
    assert SECRET not in text


def test_the_real_command_line_logs_and_exits_1(isolated_profile: DataPaths) -> None:
    code = (
        "import sys\n"
        "from nextcall.cli import main as cli\n"
        "from nextcall.services import funnel\n"
        "def broken(db): raise RuntimeError('boom')\n"
        "funnel.funnel = broken\n"
        "sys.exit(cli.main(['funnel']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "an unexpected problem (RuntimeError in pipeline.py, line " in done.stderr
    assert str(log_path(isolated_profile)) in done.stderr
