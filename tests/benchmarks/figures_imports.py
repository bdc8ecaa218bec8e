"""Imports: a CSV of job applications from another tracker, and a NextCall JSON file heavy
with notes, each into a new, empty profile, against plain sqlite3 inserting the same rows.

The files are generated the same way every run (fixed seeds). The JSON file is the 1,000
profile's own export with notes added to ``JSON_NOTES`` (50 notes an application, half of
them tagged), so the import reads what NextCall writes.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from harness import Settings, alternate
from profiles import SHIFTS, SITES, SOURCES, _vocabulary, cache_root, ensure_profile, schema_key

from nextcall.core.paths import resolve
from nextcall.services.database import Database

CSV_ROWS = 20_000
JSON_APPS = 1_000  # the profile the JSON file comes from
JSON_NOTES = 50_000
STATUSES = (
    ("Applied", ""),
    ("Interviewing", "Phone interview"),
    ("Interviewing", "Exam"),
    ("Interviewing", "Final interview"),
    ("Rejected", "Exam"),
    ("Rejected", ""),
    ("Offer", ""),
    ("Ghosted", "Phone interview"),
    ("Withdrawn", ""),
    ("Accepted", ""),
)


def csv_bytes(rows: int, seed: int = 7) -> bytes:
    """Another tracker's export: company, title, status, stage, date, location, salary, notes;
    about five applications a company, a third of the companies written in other cases."""
    rng = random.Random(seed)
    words = _vocabulary()
    lines = ["Company,Job Title,Status,Stage,Date Applied,Location,Source,Shift,Salary,Notes"]
    for n in range(rows):
        company = f"Contact Center {rng.randint(1, max(rows // 5, 1))}"
        if rng.random() < 0.3:
            company = company.upper()
        status, stage = rng.choice(STATUSES)
        day = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        note = " ".join(rng.choices(words, k=rng.randint(0, 12)))
        lines.append(
            f"{company},Agent {n},{status},{stage},{day},{rng.choice(SITES)},"
            f"{rng.choice(SOURCES)},{rng.choice(SHIFTS)},{rng.randint(15, 30)}000,{note}"
        )
    return ("\n".join(lines) + "\n").encode()


def json_file(notes: int, size: int) -> Path:
    """The cached NextCall JSON file: the ``size`` profile exported with ``notes`` notes."""
    target = cache_root() / f"import-{size}-{notes}-{schema_key()}.json"
    if target.exists():
        return target
    profile = ensure_profile(size)
    with _scratch(profile.root) as root:
        db = Database.open(resolve(root))
        try:
            _add_notes(db.paths.database, notes)
            from nextcall.services.json_export import json_bytes

            data = json_bytes(db)
        finally:
            db.close()
    building = target.with_name(f"{target.name}.building")
    building.write_bytes(data)
    building.replace(target)
    return target


@contextmanager
def _scratch(source: Path | None = None) -> Iterator[Path]:
    """A private profile folder (a copy of ``source``), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="nextcall-import-bench-"))
    try:
        if source is not None:
            shutil.copytree(source, folder, dirs_exist_ok=True)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _add_notes(database: Path, total: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    words = _vocabulary()
    kinds = ("tip", "feedback", "observation", "debrief", "question", "answer")
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        have = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
        events = conn.execute("SELECT application_id, id, happened_on FROM stage_events").fetchall()
        tags = [row[0] for row in conn.execute("SELECT id FROM tags")]
        note_rows, tag_rows = [], []
        next_id = (conn.execute("SELECT max(id) FROM notes").fetchone()[0] or 0) + 1
        for note_id in range(next_id, next_id + max(total - have, 0)):
            app_id, event_id, day = rng.choice(events)
            kind = rng.choice(kinds)
            body = " ".join(rng.choices(words, k=rng.randint(6, 40)))
            stamp = f"{day or '2026-06-01'} {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}:00"
            fix = " ".join(rng.choices(words, k=8)) if kind == "debrief" else ""
            note_rows.append((note_id, app_id, event_id, kind, body, fix, stamp, stamp))
            if rng.random() < 0.5:
                tag_rows += [(note_id, t) for t in rng.sample(tags, rng.randint(1, 2))]
        conn.executemany(
            "INSERT INTO notes (id, application_id, stage_event_id, kind, body, fix, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            note_rows,
        )
        conn.executemany("INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)", tag_rows)


def _plain_insert(database: Path, rows: list[tuple[Any, ...]], sql: str) -> None:
    with sqlite3.connect(database) as conn:
        if rows:
            conn.executemany(sql, rows)
        else:
            conn.execute(sql)


def measure(settings: Settings) -> dict[str, Any]:
    """Subject: the app's import (backup, checks, every record through its write path, one
    transaction) into an empty profile. Baseline: sqlite3 ``executemany`` of the same rows
    into an empty profile's table, nothing checked or derived."""
    from nextcall.export.csv_read import read_csv
    from nextcall.services.data_import import import_csv, preview_csv
    from nextcall.services.json_import import import_json

    few = Settings(runs=min(settings.runs, 3), min_runs=2, warmup=0, budget_s=settings.budget_s)
    data = csv_bytes(CSV_ROWS)
    table = read_csv(data)
    times: dict[str, list[float]] = {"csv_preview": []}

    def csv_subject(_n: int) -> float:
        with _scratch() as root:
            db = Database.open(resolve(root))
            try:
                started = time.perf_counter()
                plan = preview_csv(db, table)
                checked = time.perf_counter()
                result = import_csv(db, plan)
                done = time.perf_counter()
            finally:
                db.close()
        assert len(result.added) == CSV_ROWS, result.added[-1:]
        times["csv_preview"].append((checked - started) * 1000)
        return (done - checked) * 1000

    width = len(table.headings)
    rows = [tuple(r.cells[:width]) + ("",) * (width - len(r.cells)) for r in table.rows]
    columns = ", ".join(f"c{i}" for i in range(width))
    marks = ", ".join("?" * width)

    def csv_baseline(_n: int) -> float:
        with _scratch() as root:
            database = root / "plain.sqlite3"
            _plain_insert(database, [], f"CREATE TABLE rows ({columns})")
            started = time.perf_counter()
            _plain_insert(database, rows, f"INSERT INTO rows VALUES ({marks})")
            return (time.perf_counter() - started) * 1000

    csv = alternate(csv_subject, csv_baseline, few)
    document = json_file(JSON_NOTES, JSON_APPS).read_bytes()

    def json_subject(_n: int) -> float:
        with _scratch() as root:
            db = Database.open(resolve(root))
            try:
                started = time.perf_counter()
                result = import_json(db, document)
                elapsed = (time.perf_counter() - started) * 1000
            finally:
                db.close()
        assert result.added.get("notes") == JSON_NOTES, result.added
        return elapsed

    def json_baseline(_n: int) -> float:
        import json

        with _scratch() as root:
            db = Database.open(resolve(root))
            database = db.paths.database
            db.close()
            started = time.perf_counter()
            notes = json.loads(document)["notes"]
            _plain_insert(
                database,
                [(n["kind"], n["body"], n["fix"], n["created_at"], n["updated_at"]) for n in notes],
                "INSERT INTO notes (kind, body, fix, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
            )
            return (time.perf_counter() - started) * 1000

    return {
        "csv_import": csv,
        "csv_preview": times["csv_preview"],
        "json_import": alternate(json_subject, json_baseline, few),
    }
