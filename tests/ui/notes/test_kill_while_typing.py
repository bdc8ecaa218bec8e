"""Crash while typing, many times over: a real note editor in a child process types a known
stream of text and is killed with SIGKILL at a random moment. After every kill: each text the
status line called saved is in the database, at most the last second of typing is missing, the
notes of earlier runs are untouched, and SQLite's integrity and foreign-key checks pass.

5 kills in the normal suite (the next typist warms up while the current one types, so a kill
costs about its typing time); ``NEXTCALL_STRESS=1`` runs 100, and with
``NEXTCALL_STRESS_REPORT=FILE`` writes the figures as JSON.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
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

import pytest

from nextcall.core.paths import DataPaths
from nextcall.services.database import Database

CHILD = Path(__file__).with_name("typing_child.py")
STRESS = os.environ.get("NEXTCALL_STRESS") == "1"
KILLS = 100 if STRESS else 5
TYPING_SECONDS = (0.05, 3.0) if STRESS else (0.4, 1.6)
AT_MOST_LOST = 1.0  # seconds of typing


def _load_child() -> ModuleType:
    spec = importlib.util.spec_from_file_location("typing_child", CHILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_stream = _load_child().stream


@dataclass
class Run:
    seed: int
    typed_for: float
    note_id: int | None = None
    typed: int = 0
    stored: int = 0
    saves_reported: int = 0
    lost_seconds: float = 0.0
    lost_characters: int = 0


@dataclass
class Summary:
    kills: int = 0
    integrity_ok: int = 0
    with_a_save_reported: int = 0
    saves_reported: int = 0
    saved_texts_missing: int = 0
    max_lost_seconds: float = 0.0
    max_lost_characters: int = 0
    runs: list[Run] = field(default_factory=list)


def _start(root: Path, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(root), str(seed)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _wait_ready(child: subprocess.Popen[str]) -> None:
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "READY", f"the typist did not start: {line!r}"


def _check_file(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    return connection


def _judge(run: Run, lines: list[str], killed_at: float, body: str | None, text: str) -> None:
    """Everything reported saved is stored; at most the last second of typing is missing."""
    typed_at: list[float] = []
    for line in lines:
        word, *rest = line.split()
        if word == "T":
            typed_at.append(float(rest[1]))
        elif word == "S":
            length, crc = int(rest[0]), int(rest[1])
            assert crc == zlib.crc32(text[:length].encode()), "the editor showed other text"
            assert body is not None and len(body) >= length, (
                f"a text reported saved ({length} characters) is missing: {len(body or '')} stored"
            )
            run.saves_reported += 1
    run.typed = len(typed_at)
    if body is None:
        return
    assert body == text[: len(body)], "the stored text is exactly what was typed, in order"
    run.stored = len(body)
    must_have = sum(1 for moment in typed_at if moment <= killed_at - AT_MOST_LOST)
    assert run.stored >= must_have, (
        f"lost more than {AT_MOST_LOST} s of typing: {run.typed} typed, {run.stored} stored, "
        f"{must_have} typed over a second before the kill"
    )
    run.lost_characters = max(0, run.typed - run.stored)
    if run.lost_characters:
        run.lost_seconds = killed_at - typed_at[run.stored]


@pytest.mark.slow
def test_killed_at_random_moments_while_typing(isolated_profile: DataPaths) -> None:
    rng = random.Random(int(os.environ.get("NEXTCALL_STRESS_SEED", "2026")))
    Database.open(isolated_profile).close()  # the schema exists before the typists race
    summary = Summary()
    kept: dict[int, str] = {}
    waiting = _start(isolated_profile.root, 0)
    try:
        for number in range(KILLS):
            child, waiting = waiting, None
            _wait_ready(child)
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write("GO\n")
            child.stdin.flush()
            run = Run(seed=number, typed_for=rng.uniform(*TYPING_SECONDS))
            go = time.monotonic()
            if number + 1 < KILLS:
                waiting = _start(isolated_profile.root, number + 1)
            time.sleep(max(0.0, go + run.typed_for - time.monotonic()))
            killed_at = time.monotonic()
            child.kill()
            lines = child.stdout.read().splitlines()
            child.wait()
            summary.kills += 1

            with contextlib.closing(_check_file(isolated_profile.database)) as connection:
                summary.integrity_ok += 1
                note = next((line for line in lines if line.startswith("NOTE ")), None)
                body = None
                if note is not None:
                    run.note_id = int(note.split()[1])
                    row = connection.execute(
                        "SELECT body FROM notes WHERE id = ?", (run.note_id,)
                    ).fetchone()
                    assert row is not None, "the note the typist was writing is gone"
                    body = row[0]
                for note_id, earlier in kept.items():
                    (now,) = connection.execute(
                        "SELECT body FROM notes WHERE id = ?", (note_id,)
                    ).fetchone()
                    assert now == earlier, f"note {note_id} of an earlier run changed"
            _judge(run, lines, killed_at, body, _stream(number))
            if run.note_id is not None and body is not None:
                kept[run.note_id] = body
            summary.runs.append(run)
            summary.saves_reported += run.saves_reported
            summary.with_a_save_reported += run.saves_reported > 0
            summary.max_lost_seconds = max(summary.max_lost_seconds, run.lost_seconds)
            summary.max_lost_characters = max(summary.max_lost_characters, run.lost_characters)
    finally:
        for leftover in (waiting,):
            if leftover is not None:
                leftover.kill()
                leftover.wait()
    report = os.environ.get("NEXTCALL_STRESS_REPORT")
    if report:
        Path(report).write_text(json.dumps(asdict(summary), indent=1), encoding="utf-8")
    assert summary.kills == summary.integrity_ok == KILLS
    assert summary.with_a_save_reported >= KILLS // 2, "the typists hardly ever saved"
    print(
        f"\n{summary.kills} kills, integrity ok {summary.integrity_ok}, saves reported "
        f"{summary.saves_reported}, none missing; lost at most {summary.max_lost_seconds:.2f} s "
        f"({summary.max_lost_characters} characters)"
    )
