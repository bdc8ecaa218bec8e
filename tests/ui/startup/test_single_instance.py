"""ui/single_instance.py: a second start on the same data folder brings the first forward and
exits without writing; two data folders run side by side."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from lock_helpers import hold_in_child
from nextcall.store.writer_lock import LOCK_NAME, FolderBusyError, WriterLock, read_holder
from nextcall.ui.startup.single_instance import (
    InstanceServer,
    Turn,
    server_name,
    signal_running,
    take_turn,
)


def in_thread(qtbot: QtBot, job: Callable[[], Any], timeout: int = 10_000) -> Any:
    """Run a blocking client call off the GUI thread while the GUI thread serves it, as a
    second start would from its own process. The client's Qt objects (its QLocalSocket) are
    made, used and deleted on that thread alone, and nothing on it touches the GUI thread's
    objects; the thread is joined before the test goes on."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        try:
            outcome["value"] = job()
        except BaseException as exc:  # handed back below
            outcome["error"] = exc
        finally:
            done.set()

    thread = threading.Thread(target=target, name="second-start")
    thread.start()
    qtbot.waitUntil(done.is_set, timeout=timeout)
    thread.join(timeout / 1000)
    assert not thread.is_alive()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_the_name_follows_the_data_folder(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert server_name(first) == server_name(first)
    assert server_name(first) == server_name(tmp_path / "x" / ".." / "one")
    assert server_name(first) != server_name(second)
    assert server_name(first).startswith("nextcall-") and len(server_name(first)) < 40


def test_a_second_start_asks_the_first_to_come_forward(qtbot: QtBot, tmp_path: Path) -> None:
    server = InstanceServer(tmp_path)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.activated, timeout=5000):
            assert in_thread(qtbot, lambda: signal_running(tmp_path)) is True
    finally:
        server.close()


def test_nobody_listening_means_no_hand_over(tmp_path: Path) -> None:
    started = time.monotonic()
    assert signal_running(tmp_path, timeout_ms=500) is False
    assert time.monotonic() - started < 1.0


def test_two_data_folders_do_not_hear_each_other(qtbot: QtBot, tmp_path: Path) -> None:
    server = InstanceServer(tmp_path / "one")
    assert server.listen()
    try:
        assert in_thread(qtbot, lambda: signal_running(tmp_path / "two", 300)) is False
    finally:
        server.close()


def test_a_socket_left_by_a_crashed_run_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    crashed = InstanceServer(tmp_path)
    assert crashed.listen()  # never closed: as if the process had been killed
    server = InstanceServer(tmp_path)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.activated, timeout=5000):
            assert in_thread(qtbot, lambda: signal_running(tmp_path)) is True
    finally:
        server.close()
        crashed.close()


def test_take_turn_when_the_folder_is_free(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path)
    assert take_turn(lock, 0.5) is Turn.MINE
    assert lock.held
    lock.release()


def test_take_turn_hands_over_to_the_app_holding_the_lock(qtbot: QtBot, tmp_path: Path) -> None:
    child = hold_in_child(tmp_path)  # the running app's lock ...
    server = InstanceServer(tmp_path)  # ... and its socket (served here, on the GUI thread)
    assert server.listen()
    try:
        lock = WriterLock(tmp_path)
        with qtbot.waitSignal(server.activated, timeout=5000):
            assert in_thread(qtbot, lambda: take_turn(lock, 3.0)) is Turn.HANDED_OVER
        assert not lock.held
        assert read_holder(tmp_path).pid == child.pid  # type: ignore[union-attr]
    finally:
        server.close()
        child.kill()
        child.wait()


def test_take_turn_gives_up_on_a_command_that_keeps_writing(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path, "nextcall command import")
    try:
        with pytest.raises(FolderBusyError, match="another NextCall command is writing"):
            take_turn(WriterLock(tmp_path), 0.3)
    finally:
        child.kill()
        child.wait()


def test_take_turn_takes_the_lock_when_the_app_closes_meanwhile(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path, release_after=0.3)  # the app is closing: no socket answers
    try:
        lock = WriterLock(tmp_path)
        assert take_turn(lock, 5.0) is Turn.MINE
        lock.release()
    finally:
        child.kill()
        child.wait()


def _start_app(folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "nextcall", "--data-dir", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_two_real_starts_the_second_signals_the_first_and_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    log = folder / "logs" / "nextcall.log"
    first = _start_app(folder)
    try:
        _wait_for(lambda: log.exists() and "started on" in log.read_text(), 60)
        second = subprocess.run(
            [sys.executable, "-m", "nextcall", "--data-dir", str(folder)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert second.returncode == 0, second.stderr
        text = log.read_text()
        assert "another start on this data folder asked for the window" in text
        assert "handed over to the NextCall already open" in text
        assert first.poll() is None  # the first one runs on
        assert read_holder(folder).pid == first.pid  # type: ignore[union-attr]
    finally:
        first.send_signal(signal.SIGTERM)
        first.wait(60)
    assert first.returncode == 0
    assert (folder / LOCK_NAME).read_text() == ""  # released at exit
