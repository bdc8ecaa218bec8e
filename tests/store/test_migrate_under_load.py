"""Migrations under load: the schema-0001 demo profile plus fuzzed rows in every table (hostile
text, NULLs where allowed, edge dates and numbers, deleted applications, dense links) upgrades
to the current schema with every row kept, every old column's values identical, and
``PRAGMA foreign_key_check`` empty.

Seeded, so a failure can be replayed; ``NEXTCALL_STRESS=1`` multiplies the rows by ten.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nextcall.core.paths import resolve
from nextcall.services.database import Database
from nextcall.store.migrate import HEAD_REVISION

FIXTURE = Path(__file__).parent / "fixtures" / "schema-0001-demo.sqlite3"
ROWS = 2000 if os.environ.get("NEXTCALL_STRESS") == "1" else 200
NASTY = (
    "",
    " ",
    "O'Brien",
    'say "yes"',
    "Robert'); DROP TABLE notes;--",
    "50% of _all_ calls",
    "line one\nline two\r\nline three",
    "tab\tseparated",
    "nul\x00inside",
    "Ünïcödé façade",
    "😀🎧 astral",
    "שלום مرحبا (right to left)",
    "\u202eoverride\u202c",
    "中文内容",
    "x" * 5000,
)
STATUSES = ("active", "offer", "accepted", "rejected", "withdrawn", "ghosted")
OUTCOMES = ("scheduled", "pending", "passed", "failed", "skipped", "no-show")
FOLLOW_KINDS = (
    "thank-you",
    "feedback-call",
    "check-in",
    "keep-on-file",
    "reapply",
    "interview-reminder",
    "custom",
)
NOTE_KINDS = ("tip", "feedback", "observation", "debrief", "question", "answer")


class Fuzz:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.serial = 0

    def text(self) -> str:
        return self.rng.choice(NASTY) + ("" if self.rng.random() < 0.5 else f" {self.rng.random()}")

    def unique(self, prefix: str) -> str:
        """Unique under NOCASE too (SQLite compares such text only up to a NUL: none here)."""
        self.serial += 1
        return f"{prefix} {self.rng.choice(NASTY)[:40].replace(chr(0), '')} #{self.serial}"

    def maybe(self, make: Callable[[], Any], none: float = 0.3) -> Any:
        return None if self.rng.random() < none else make()

    def day(self) -> str:
        year = self.rng.choice((1990, 2000, 2025, 2026, 2027, 2099))
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def moment(self) -> str:
        return f"{self.day()} {self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:00.000000"

    def number(self) -> float:
        return self.rng.choice((0.0, 0.01, 1.0, 999.5, 25000.0, 1e11))


def _ids(c: sqlite3.Connection, table: str) -> list[int]:
    return [row[0] for row in c.execute(f"SELECT id FROM {table}")]


def fuzz_rows(path: Path, seed: int, rows: int) -> None:
    """Add ``rows`` fuzzed rows (about) to every table, through SQLite with foreign keys on."""
    f = Fuzz(seed)
    rng = f.rng
    with contextlib.closing(sqlite3.connect(path)) as c:
        c.execute("PRAGMA foreign_keys=ON")
        stages = _ids(c, "stages")
        for _ in range(rows // 4):
            c.execute(
                "INSERT INTO companies (name, notes, reapply_after) VALUES (?, ?, ?)",
                (f.unique("Company"), f.text(), f.maybe(f.day)),
            )
        companies = _ids(c, "companies")
        for _ in range(rows // 2):
            c.execute(
                "INSERT INTO contacts (company_id, name, role, email, phone, memory_hook) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (rng.choice(companies), f.text(), f.text(), f.text(), f.text(), f.text()),
            )
        contacts = _ids(c, "contacts")
        text_columns = [
            "position",
            "account_type",
            "source",
            "url",
            "site",
            "shift",
            "closing_reason",
            "offer_pay",
            "offer_shift",
            "offer_site",
            "offer_notes",
            "answer_ability",
            "answer_motivation",
            "answer_fit",
            "answer_confidence",
            "notes",
        ]
        other_columns = [
            "company_id",
            "status",
            "applied_on",
            "salary_expected",
            "salary_offered",
            "last_contact_on",
            "offer_start_on",
            "deleted_at",
        ]
        insert_application = (
            f"INSERT INTO applications ({', '.join(other_columns + text_columns)}) "
            f"VALUES ({', '.join('?' * (len(other_columns) + len(text_columns)))})"
        )
        for _ in range(rows):
            c.execute(
                insert_application,
                (
                    rng.choice(companies),
                    rng.choice(STATUSES),
                    f.maybe(f.day),
                    f.maybe(f.number),
                    f.maybe(f.number),
                    f.maybe(f.day),
                    f.maybe(f.day),
                    f.maybe(f.moment, 0.85),
                    *(f.text() for _ in text_columns),
                ),
            )
        applications = _ids(c, "applications")
        for _ in range(rows * 2):
            app = rng.choice(applications)
            stage = rng.choice(stages)
            outcome = rng.choice(OUTCOMES)
            c.execute(
                "INSERT INTO stage_events (application_id, stage_id, outcome, scheduled_at, "
                "happened_on, score, interviewer, contact_id, checks) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    app,
                    stage,
                    outcome,
                    f.maybe(f.moment),
                    f.maybe(f.day),
                    f.maybe(f.number),
                    f.text(),
                    f.maybe(lambda: rng.choice(contacts)),
                    rng.choice(("[]", '["pace"]', '["clear-speech", "posture-smile"]')),
                ),
            )
            c.execute(
                "INSERT INTO stage_changes (application_id, stage_id, outcome, changed_at) "
                "VALUES (?, ?, ?, ?)",
                (app, stage, outcome, f.moment()),
            )
        events = _ids(c, "stage_events")
        for app in rng.sample(applications, k=min(len(applications), rows // 2)):
            for stage in rng.sample(stages, k=rng.randint(1, 3)):
                c.execute(
                    "INSERT OR IGNORE INTO unused_stages (application_id, stage_id) VALUES (?, ?)",
                    (app, stage),
                )
        for n in range(rows):
            c.execute(
                "INSERT INTO follow_ups (application_id, stage_event_id, kind, title, due_at, "
                "state, snoozed_until, rule_key, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rng.choice(applications),
                    f.maybe(lambda: rng.choice(events)),
                    rng.choice(FOLLOW_KINDS),
                    f.text()[:300],
                    f.moment(),
                    rng.choice(("open", "done", "dismissed")),
                    f.maybe(f.moment, 0.7),
                    f.maybe(lambda n=n: f"fuzz:{n}"),
                    f.maybe(f.moment, 0.6),
                ),
            )
        for n in range(rows // 10):
            c.execute(
                "INSERT INTO tags (key, name, builtin) VALUES (?, ?, ?)",
                (f"fuzz-{n}-{f.text().encode().hex()[:20]}", f.text()[:100], rng.random() < 0.1),
            )
        tags = _ids(c, "tags")
        for _ in range(rows * 2):
            c.execute(
                "INSERT INTO notes (application_id, stage_event_id, contact_id, kind, body, fix) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    f.maybe(lambda: rng.choice(applications), 0.1),
                    f.maybe(lambda: rng.choice(events), 0.6),
                    f.maybe(lambda: rng.choice(contacts), 0.7),
                    rng.choice(NOTE_KINDS),
                    f.text(),
                    f.text(),
                ),
            )
        for note in _ids(c, "notes"):
            for tag in rng.sample(tags, k=rng.randint(0, 3)):
                c.execute("INSERT OR IGNORE INTO note_tags VALUES (?, ?)", (note, tag))
        for n in range(rows // 4):
            c.execute(
                "INSERT INTO questions (playbook_key, category, text, answer, confidence, "
                "last_practised_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    f.maybe(lambda n=n: f"fuzz.q{n}"),
                    rng.choice(("tell-me", "situational", "product")),
                    f.text(),
                    f.text(),
                    f.maybe(lambda: rng.randint(1, 5)),
                    f.maybe(f.moment),
                ),
            )
            c.execute(
                "INSERT INTO practice_sessions (scenario_key, started_at, duration_s, scores, "
                "comment, notes, recording) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    f"scenario-{rng.randint(1, 9)}",
                    f.moment(),
                    f.maybe(lambda: rng.randint(0, 10_000)),
                    '{"clarity": 3}',
                    f.text(),
                    f.text(),
                    "",
                ),
            )
            c.execute(
                "INSERT INTO test_scores (kind, value, accuracy, taken_on, application_id, "
                "stage_event_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    rng.choice(("typing", "english", "versant")),
                    f.number(),
                    f.maybe(lambda: rng.uniform(0, 100)),
                    f.day(),
                    f.maybe(lambda: rng.choice(applications)),
                    f.maybe(lambda: rng.choice(events)),
                    f.text(),
                ),
            )
            c.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (f"fuzz.{rng.randint(0, 40)}", f.text()),
            )
        c.commit()
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the search index's own tables aside), old columns only."""
    with contextlib.closing(sqlite3.connect(path)) as c:
        tables = [
            name
            for (name,) in c.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'notes_fts%' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        return {t: c.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


def _columns(path: Path, table: str) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return [row[1] for row in c.execute(f'PRAGMA table_info("{table}")')]


@pytest.mark.parametrize("seed", [1, 2])
def test_a_loaded_0001_database_upgrades_with_every_row_and_value_kept(
    tmp_path: Path, seed: int
) -> None:
    paths = resolve(tmp_path / "profile").ensure()
    shutil.copy2(FIXTURE, paths.database)
    fuzz_rows(paths.database, seed, ROWS)
    before = snapshot(paths.database)
    old_columns = {t: _columns(paths.database, t) for t in before}
    assert all(before[t] for t in before), [t for t in before if not before[t]]  # all filled

    Database.open(paths).close()

    with contextlib.closing(sqlite3.connect(paths.database)) as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table, rows in before.items():
            columns = ", ".join(f'"{name}"' for name in old_columns[table])
            after = c.execute(f'SELECT {columns} FROM "{table}" ORDER BY rowid').fetchall()
            assert len(after) == len(rows), f"{table}: {len(rows)} rows before, {len(after)} after"
            assert after == rows, f"{table}: values changed"
        # The search index covers every note after the upgrade.
        (indexed,) = c.execute("SELECT count(*) FROM notes_fts").fetchone()
        assert indexed == len(before["notes"])
