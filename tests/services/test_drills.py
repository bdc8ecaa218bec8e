"""services/drills.py: a finished set stores its item statistics and its score in one
transaction, through the one write path for test scores; missed items come back."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from sqlalchemy import select
from tests.conftest import START

from nextcall.core.clock import Clock
from nextcall.core.drills import load_drills
from nextcall.core.errors import ValidationError
from nextcall.services import drills, practice
from nextcall.services.database import Database
from nextcall.store.models import DrillStat, TestScore


def answer(items: list, right: int) -> dict[str, str | None]:
    """The first ``right`` items answered correctly, the next one wrongly, the rest not."""
    given: dict[str, str | None] = {}
    for n, item in enumerate(items):
        if n < right:
            given[item.key] = item.answer
        elif n == right:
            given[item.key] = next(c for c in item.choices if c != item.answer)
    return given


def test_a_finished_set_updates_the_stats_and_saves_the_score(db: Database) -> None:
    db.clock = Clock.fixed(START)
    items = drills.next_set(db, "grammar", 10, rng=random.Random(1))
    assert len(items) == 10 and {i.kind for i in items} == {"grammar"}
    recorded = drills.record_set(db, "grammar", items, answer(items, 6), seconds_used=301)
    assert (recorded.score.correct, recorded.score.percent) == (6, 60.0)
    with db.session() as s:
        stats = {r.item_key: r for r in s.execute(select(DrillStat)).scalars()}
        row = s.execute(select(TestScore)).scalar_one()
        assert (row.kind, row.value, row.taken_at, row.taken_on) == (
            "grammar",
            60.0,
            START,
            START.date(),
        )
        details = json.loads(row.details)
    assert set(stats) == {i.key for i in items}
    assert all(r.seen == 1 and r.last_seen == START for r in stats.values())
    missed = {k for k, r in stats.items() if r.missed}
    assert missed == {i.key for i in items[6:]}  # one wrong, three not answered
    assert all(stats[k].last_missed == START for k in missed)
    assert (details["correct"], details["total"]) == (6, 10)
    assert (details["seconds"], details["limit_seconds"]) == (301, 450)
    assert [d["key"] for d in details["items"]] == [i.key for i in items]
    first = items[0]
    assert details["items"][0] == {
        "key": first.key,
        "given": first.choices.index(first.answer) + 1,
        "right": True,
    }
    assert details["items"][9]["given"] is None
    # The score is an ordinary test score: listed, labelled, with its moment.
    [logged] = practice.logged_scores(db, "grammar")
    assert (logged.label, logged.result, logged.taken_at) == ("Grammar drill", "60%", START)


def test_missed_items_come_back_in_the_next_set(db: Database) -> None:
    first = drills.next_set(db, "vocabulary", 10, rng=random.Random(4))
    drills.record_set(db, "vocabulary", first, answer(first, 7), seconds_used=200)
    db.clock = Clock.fixed(START + timedelta(days=1))
    second = drills.next_set(db, "vocabulary", 10, rng=random.Random(5))
    missed = {i.key for i in first[7:]}
    assert {i.key for i in second[:3]} == missed  # first in the next set
    assert not {i.key for i in second[3:]} & {i.key for i in first}  # then new ones
    # Answered right this time, they weigh less than a fresh miss.
    drills.record_set(db, "vocabulary", second, answer(second, 10), seconds_used=100)
    stats = drills.drill_stats(db)
    assert all(stats[k].seen == 2 and stats[k].missed == 1 for k in missed)


def test_a_mixed_set_is_saved_as_an_aptitude_score(db: Database) -> None:
    items = drills.next_set(db, "aptitude", 20, rng=random.Random(2))
    assert len(items) == 20 and len({i.kind for i in items}) >= 3
    drills.record_set(db, "aptitude", items, answer(items, 15), seconds_used=600)
    latest = drills.latest_results(db)
    assert list(latest) == ["aptitude"]
    assert (latest["aptitude"].percent, latest["aptitude"].summary) == (75.0, "15 of 20")


def test_a_failing_score_write_leaves_the_stats_untouched(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: when the score cannot be saved, no statistics are kept either."""
    items = drills.next_set(db, "logic", 10)

    def refuse(*_a: object, **_k: object) -> int:
        raise ValidationError("disk says no", "value")

    monkeypatch.setattr(drills, "add_test_score", refuse)
    with pytest.raises(ValidationError):
        drills.record_set(db, "logic", items, answer(items, 5), seconds_used=10)
    assert drills.drill_stats(db) == {}
    assert practice.logged_scores(db) == []


def test_wrong_kinds_sizes_and_sets_are_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="not a drill kind"):
        drills.next_set(db, "spelling", 10)
    with pytest.raises(ValidationError, match="10 or 20"):
        drills.next_set(db, "grammar", 15)
    item = load_drills().of_kind("numbers")[0]
    with pytest.raises(ValidationError, match="twice"):
        drills.record_set(db, "numbers", [item, item], {}, 10)
    with pytest.raises(ValidationError, match="without items"):
        drills.record_set(db, "numbers", [], {}, 10)
    assert practice.logged_scores(db) == []


def test_the_time_used_is_kept_within_the_limit(db: Database) -> None:
    items = drills.next_set(db, "reading", 10)
    drills.record_set(db, "reading", items, {}, seconds_used=10_000)
    [row] = practice.logged_scores(db)
    assert row.details["seconds"] == 450 and row.value == 0
