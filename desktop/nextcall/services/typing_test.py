"""The typing test's use cases: save a finished test as a test score (through the one write
path, services/practice.add_test_score), the user's target, and the latest result."""

from __future__ import annotations

from datetime import datetime

from nextcall.core.errors import ValidationError
from nextcall.core.typing_test import MIN_SECONDS, TypingResult
from nextcall.services import settings
from nextcall.services.database import Database
from nextcall.services.practice import ScoreInput, ScoreRow, add_test_score, logged_scores

KIND = "typing"
TARGET_SETTING = "typing_target"


def record_typing_test(
    db: Database, result: TypingResult, passage: str, *, taken_at: datetime | None = None
) -> int:
    """Save a finished test: net words a minute as the value, accuracy in percent, and the
    details (gross_wpm, net_wpm, accuracy 0-1, seconds, passage key or "own"). A test stopped
    before MIN_SECONDS is refused (it says nothing about the user's speed)."""
    if result.seconds < MIN_SECONDS:
        raise ValidationError(f"A test shorter than {MIN_SECONDS} seconds is not saved.", "seconds")
    return add_test_score(
        db,
        ScoreInput(
            kind=KIND,
            value=f"{result.net_wpm:.1f}",
            accuracy=f"{result.accuracy * 100:.1f}",
            taken_at=taken_at or db.clock.now(),
            details=result.details(passage),
        ),
    )


def typing_target(db: Database) -> int:
    return settings.get_int(db, TARGET_SETTING)


def typing_results(db: Database) -> list[ScoreRow]:
    """Typing scores, oldest first (tests taken in the app and results typed in)."""
    return logged_scores(db, KIND)


def latest_typing(db: Database) -> ScoreRow | None:
    rows = typing_results(db)
    return rows[-1] if rows else None


def net_wpm(row: ScoreRow) -> float:
    """The net figure of a typing score: its details when taken in the app, else its value."""
    value = row.details.get("net_wpm")
    return float(value) if isinstance(value, int | float) else row.value
