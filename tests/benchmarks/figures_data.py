"""Figures without widgets: the funnel and note search, against the usual way in Python/SQL."""

from __future__ import annotations

import gc
import time
from collections import Counter
from typing import Any

from harness import Settings, alternate
from sqlalchemy import text

from nextcall.core.progress import REACHED
from nextcall.services.database import Database


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def funnel_function() -> tuple[Any, str]:
    """``services.funnel.funnel``, or None and the reason it cannot be imported yet."""
    try:
        from nextcall.services.funnel import funnel
    except Exception as exc:  # being written by someone else: report, never crash
        return None, f"{type(exc).__name__}: {exc}"
    return funnel, ""


EVENTS = (
    "SELECT e.application_id, e.stage_id, e.outcome FROM stage_events e "
    "JOIN applications a ON a.id = e.application_id WHERE a.deleted_at IS NULL ORDER BY e.id"
)


def python_funnel(db: Database) -> dict[int, tuple[int, int]]:
    """The usual way: load every event, then count reached / passed per stage in Python."""
    with db.session() as s:
        events = s.execute(text(EVENTS)).all()
    per_app: dict[int, dict[int, str]] = {}
    for app_id, stage_id, outcome in events:
        per_app.setdefault(app_id, {})[stage_id] = outcome
    reached: Counter[int] = Counter()
    passed: Counter[int] = Counter()
    for outcomes in per_app.values():
        for stage_id, outcome in outcomes.items():
            if outcome in REACHED:
                reached[stage_id] += 1
            if outcome == "passed":
                passed[stage_id] += 1
    return {stage: (reached[stage], passed[stage]) for stage in reached}


def measure_funnel(db: Database, settings: Settings) -> dict[str, Any]:
    funnel, problem = funnel_function()

    def subject(_n: int) -> float:
        gc.collect()
        started = time.perf_counter()
        funnel(db)
        return _ms(started)

    def baseline(_n: int) -> float:
        gc.collect()
        started = time.perf_counter()
        python_funnel(db)
        return _ms(started)

    samples = alternate(subject if funnel else None, baseline, settings)
    return {"funnel": samples, "funnel_problem": problem}


LIKE = (
    "SELECT id, application_id, body FROM notes WHERE body LIKE :p ESCAPE '\\' "
    "OR fix LIKE :p ESCAPE '\\' ORDER BY created_at DESC LIMIT 200"
)
FTS = (
    "SELECT n.id, n.application_id, n.body FROM notes_fts f JOIN notes n ON n.id = f.rowid "
    "WHERE notes_fts MATCH :q ORDER BY n.created_at DESC LIMIT 200"
)


def like_search(db: Database, typed: str) -> float:
    """The usual way to search notes: ``LIKE '%word%'`` over body and fix (milliseconds)."""
    pattern = f"%{typed}%"
    gc.collect()
    started = time.perf_counter()
    with db.session() as s:
        s.execute(text(LIKE), {"p": pattern}).all()
    return _ms(started)


def measure_notes(db: Database, word: str, settings: Settings) -> dict[str, Any]:
    """Reference only: the schema's FTS5 index queried directly (no app code), against LIKE."""
    typed = [word[:n] for n in range(1, len(word) + 1)]

    def like(n: int) -> float:
        return like_search(db, typed[n % len(typed)])

    def fts(n: int) -> float:
        query = '"' + typed[n % len(typed)] + '"*'
        gc.collect()
        started = time.perf_counter()
        with db.session() as s:
            s.execute(text(FTS), {"q": query}).all()
        return _ms(started)

    return {"note_fts": alternate(fts, like, settings)}
