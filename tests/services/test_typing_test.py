"""services/typing_test.py: a finished typing test saved as a test score through the one
write path, with its moment and details; the 15-second rule; the target setting."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from nextcall.core import typing_test as tt
from nextcall.core.errors import ValidationError
from nextcall.services import practice, settings
from nextcall.services.database import Database
from nextcall.services.typing_test import (
    latest_typing,
    net_wpm,
    record_typing_test,
    typing_target,
)
from nextcall.store.models import TestScore

PASSAGE = "Hello, thanks for contacting us. I am happy to help with your order today."


def test_a_finished_test_is_saved_with_its_figures(db: Database) -> None:
    result = tt.score(PASSAGE, PASSAGE[:40] + "x", 20)
    moment = db.clock.now() - timedelta(minutes=1)
    record_typing_test(db, result, "late-delivery-email", taken_at=moment)
    with db.session() as s:
        row = s.execute(select(TestScore)).scalar_one()
        assert row.kind == "typing" and row.taken_at == moment.replace(microsecond=0)
        assert row.taken_on == moment.date()
        assert row.value == pytest.approx(round(result.net_wpm, 1))
        assert row.accuracy == pytest.approx(round(result.accuracy * 100, 1))
    latest = latest_typing(db)
    assert latest is not None
    assert latest.details == {
        "gross_wpm": round(result.gross_wpm, 1),
        "net_wpm": round(result.net_wpm, 1),
        "accuracy": round(result.accuracy, 4),
        "seconds": 20.0,
        "passage": "late-delivery-email",
    }
    assert net_wpm(latest) == round(result.net_wpm, 1)
    assert latest.result == (
        f"{round(result.net_wpm, 1):g} net wpm ({round(result.gross_wpm, 1):g} gross) "
        f"at {round(result.accuracy * 100, 1):g}% accuracy"
    )


def test_a_test_shorter_than_15_seconds_is_not_saved(db: Database) -> None:
    with pytest.raises(ValidationError, match="15 seconds"):
        record_typing_test(db, tt.score(PASSAGE, "Hello", 14.9), tt.OWN)
    assert practice.logged_scores(db) == []
    record_typing_test(db, tt.score(PASSAGE, "Hello, thanks", 15), tt.OWN)
    assert len(practice.logged_scores(db)) == 1


def test_a_moment_in_the_future_is_refused(db: Database) -> None:
    later = db.clock.now() + timedelta(hours=2)
    with pytest.raises(ValidationError, match="future"):
        record_typing_test(db, tt.score(PASSAGE, PASSAGE, 30), tt.OWN, taken_at=later)


def test_scores_of_one_day_keep_their_order_and_typed_results_still_work(db: Database) -> None:
    practice.add_test_score(db, practice.ScoreInput(kind="typing", value="30", accuracy="90"))
    record_typing_test(
        db, tt.score(PASSAGE, PASSAGE, 30), tt.OWN, taken_at=datetime(2026, 11, 20, 9, 0)
    )
    rows = practice.logged_scores(db)
    assert [r.taken_at for r in rows] == [None, datetime(2026, 11, 20, 9, 0)]
    assert rows[0].details == {} and net_wpm(rows[0]) == 30.0
    assert rows[0].moment == datetime(2026, 11, 20, 0, 0)


def test_unreadable_details_never_break_reading(db: Database) -> None:
    record_typing_test(db, tt.score(PASSAGE, PASSAGE, 30), tt.OWN)
    with db.session() as s:
        s.execute(select(TestScore)).scalar_one().details = "{not json"
    assert practice.logged_scores(db)[0].details == {}


def test_the_target_defaults_to_35_and_is_checked(db: Database) -> None:
    assert typing_target(db) == 35
    settings.set_int(db, "typing_target", 40)
    assert typing_target(db) == 40
    with pytest.raises(ValidationError):
        settings.set_int(db, "typing_target", 0)
