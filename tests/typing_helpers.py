"""Crash while typing, many times over, for every view that saves as you type: a real view in a
child process (typing_child.py) types a known stream of text and is killed with SIGKILL at a
random moment. After every kill: SQLite's integrity and foreign-key checks pass, the records of
earlier runs are untouched, the stored text is exactly the start of what was typed, and it holds
everything the view called saved and every save that returned.

How much typing a kill may cost is judged by the autosave's rule, not by the clock: while no
save is running, typing never goes on for longer than the autosave's maximum wait without a save
beginning (counted in keystrokes, which the typist types on the same event loop as the
autosave's timers, so a busy machine only makes that count smaller), and a save begins once the
one before it has returned. The seconds lost are measured too, and asserted (at most one) only
in the stress run that reports them (``bash .ci/stress`` runs it with the CPU saturated, alone);
in the normal suite, other tests' disk writes can hold a commit for over a second, and no test
there waits on the disk.

A few kills in the normal suite (the next typist warms up while the current one types, so a
kill costs about its typing time); ``NEXTCALL_STRESS=1`` runs 100, and with
``NEXTCALL_STRESS_REPORT=FILE`` writes the figures as JSON (FILE-notes.json, ...).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

from nextcall.core.paths import DataPaths
from nextcall.services.database import Database
from nextcall.ui.common.autosave import MAX_WAIT_MS

CHILD = Path(__file__).with_name("typing_child.py")
STRESS = os.environ.get("NEXTCALL_STRESS") == "1"
STRESS_KILLS = 100
TYPING_SECONDS = (0.05, 3.0) if STRESS else (0.4, 2.4)
AT_MOST_LOST = 1.0  # seconds of typing

# What the typist's KEY names, and how to read that record's text back (None: not created).
TARGETS = {
    "notes": "SELECT body FROM notes WHERE id = ?",
    "interview": "SELECT body FROM notes WHERE application_id = ?",  # made by the first save
    "answers": "SELECT answer FROM questions WHERE id = ?",
}


def _load_child() -> ModuleType:
    spec = importlib.util.spec_from_file_location("typing_child", CHILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_child = _load_child()
stream = _child.stream
# The keystrokes that fit in the maximum wait, with room for Qt's coarse timers (up to 5 % late
# for the wait, up to 5 % early for a key) and the key typed as the wait runs out.
MAX_KEYS = math.ceil(MAX_WAIT_MS * 1.05 / (_child.KEY_MS * 0.95)) + 2


@dataclass
class Run:
    seed: int
    typed_for: float
    key: int | None = None
    typed: int = 0
    stored: int = 0
    saves_reported: int = 0
    lost_seconds: float = 0.0
    lost_characters: int = 0


@dataclass
class Summary:
    target: str
    kills: int = 0
    integrity_ok: int = 0
    with_text_stored: int = 0
    with_a_save_reported: int = 0
    saves_reported: int = 0
    max_lost_seconds: float = 0.0
    max_lost_characters: int = 0
    runs: list[Run] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.target}: {self.kills} kills, integrity ok {self.integrity_ok}, text stored "
            f"in {self.with_text_stored}, saves reported {self.saves_reported}, none missing; "
            f"lost at most {self.max_lost_seconds:.2f} s ({self.max_lost_characters} characters)"
        )


def _errors(root: Path, seed: int) -> Path:
    return root.parent / f"typist-{seed}.err"


def _start(target: str, root: Path, seed: int) -> subprocess.Popen[str]:
    with _errors(root, seed).open("w") as errors:
        return subprocess.Popen(
            [sys.executable, str(CHILD), target, str(root), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )


def _wait_ready(child: subprocess.Popen[str], root: Path, seed: int) -> int:
    """The typist's record key, once it is ready to type."""
    assert child.stdout is not None
    key = child.stdout.readline()
    ready = child.stdout.readline()
    if not key.startswith("KEY ") or ready.strip() != "READY":
        child.wait()
        errors = _errors(root, seed).read_text(encoding="utf-8", errors="replace")
        raise AssertionError(f"the typist did not start: {key!r} {ready!r}\n{errors[-3000:]}")
    return int(key.split()[1])


def _check_file(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    return connection


def _read(connection: sqlite3.Connection, target: str, key: int) -> str | None:
    rows = connection.execute(TARGETS[target], (key,)).fetchall()
    assert len(rows) <= 1, f"one record per typist, found {len(rows)}"
    return rows[0][0] if rows else None


def _judge(run: Run, lines: list[str], killed_at: float, body: str | None, text: str) -> None:
    """What the view called saved and every save that returned is stored; typing never ran
    past the maximum wait without a save (see the module's docstring)."""
    typed_at: list[float] = []
    stored = body or ""
    assert stored == text[: len(stored)], "the stored text is exactly what was typed, in order"
    run.stored = len(stored)
    running = False  # a save handed over and not yet returned
    unsaved_from: int | None = None  # the first key no save has read yet
    begun: list[int] = []
    for line in lines:
        word, *rest = line.split()
        if word == "T":
            typed_at.append(float(rest[1]))
            if unsaved_from is None:
                unsaved_from = len(typed_at)
            unsaved = len(typed_at) - unsaved_from + 1
            assert running or unsaved <= MAX_KEYS, (
                f"{unsaved} keys typed with no save begun (the maximum wait allows {MAX_KEYS})"
            )
        elif word == "B":
            length = int(rest[0])
            assert not running, "a save began while another was running"
            running = True
            begun.append(length)
            unsaved_from = length + 1 if length < len(typed_at) else None
        elif word == "C":
            length = int(rest[0])
            assert run.stored >= length, (
                f"a save that returned ({length} characters) is missing: {run.stored} stored"
            )
            running = False
            if unsaved_from is not None:  # the next save may wait for the timers from here
                unsaved_from = max(unsaved_from, len(typed_at) + 1)
        elif word == "S":
            length, crc = int(rest[0]), int(rest[1])
            assert crc == zlib.crc32(text[:length].encode()), "the view showed other text"
            assert run.stored >= length, (
                f"a text reported saved ({length} characters) is missing: {run.stored} stored"
            )
            run.saves_reported += 1
        elif word == "E":
            raise AssertionError("the view said a save failed")
    if len(begun) >= 2:  # saves run one at a time: the one before the last has returned
        assert run.stored >= begun[-2], (
            f"a save that had returned ({begun[-2]} characters) is missing: {run.stored} stored"
        )
    run.typed = len(typed_at)
    run.lost_characters = max(0, run.typed - run.stored)
    if run.lost_characters:
        run.lost_seconds = killed_at - typed_at[run.stored]


def kill_while_typing(target: str, profile: DataPaths, kills: int) -> Summary:
    """``kills`` typists into ``target`` (``STRESS_KILLS`` with NEXTCALL_STRESS=1), each
    killed at a random moment; asserts after every kill and returns the figures."""
    kills = STRESS_KILLS if STRESS else kills
    rng = random.Random(int(os.environ.get("NEXTCALL_STRESS_SEED", "2026")))
    Database.open(profile).close()  # the schema exists before the typists race
    summary = Summary(target)
    kept: dict[int, str | None] = {}
    waiting: subprocess.Popen[str] | None = _start(target, profile.root, 0)
    try:
        for number in range(kills):
            assert waiting is not None
            child, waiting = waiting, None
            run = Run(seed=number, typed_for=rng.uniform(*TYPING_SECONDS))
            run.key = _wait_ready(child, profile.root, number)
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write("GO\n")
            child.stdin.flush()
            go = time.monotonic()
            if number + 1 < kills:
                waiting = _start(target, profile.root, number + 1)
            time.sleep(max(0.0, go + run.typed_for - time.monotonic()))
            killed_at = time.monotonic()
            child.kill()
            lines = child.stdout.read().splitlines()
            child.wait()
            summary.kills += 1

            with contextlib.closing(_check_file(profile.database)) as connection:
                summary.integrity_ok += 1
                body = _read(connection, target, run.key)
                for key, earlier in kept.items():
                    assert _read(connection, target, key) == earlier, (
                        f"the record of an earlier run ({key}) changed"
                    )
            _judge(run, lines, killed_at, body, stream(number))
            kept[run.key] = body
            summary.runs.append(run)
            summary.saves_reported += run.saves_reported
            summary.with_a_save_reported += run.saves_reported > 0
            summary.with_text_stored += run.stored > 0
            summary.max_lost_seconds = max(summary.max_lost_seconds, run.lost_seconds)
            summary.max_lost_characters = max(summary.max_lost_characters, run.lost_characters)
    finally:
        if waiting is not None:
            waiting.kill()
            waiting.wait()
    report = os.environ.get("NEXTCALL_STRESS_REPORT")
    if report:
        path = Path(report)
        path.with_name(f"{path.stem}-{target}{path.suffix}").write_text(
            json.dumps(asdict(summary), indent=1), encoding="utf-8"
        )
    assert summary.kills == summary.integrity_ok == kills
    if STRESS:  # the figure the stress run reports, on a machine kept quiet for it
        assert summary.max_lost_seconds <= AT_MOST_LOST, summary.line()
    print("\n" + summary.line())
    return summary
