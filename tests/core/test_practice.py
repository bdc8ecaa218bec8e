"""core/practice.py: bank keys, the drill order, rubric scores and test kinds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from nextcall.core import practice
from nextcall.core.errors import ValidationError
from nextcall.core.playbook import RUBRIC_KEYS, load_playbook
from nextcall.core.practice import (
    INTERVIEW,
    JOB_FIT,
    OWN,
    TO_ASK,
    average,
    bank_key,
    category_of,
    check_scores,
    check_test_score,
    drill_order,
    own_id,
    playbook_bank,
    read_scores,
    score_kind,
    trend,
    weakest,
)


def test_bank_keys_round_trip() -> None:
    assert bank_key(JOB_FIT, "night-shifts") == "night-shifts"  # what the prep packet reads
    assert bank_key(INTERVIEW, "introduce-yourself") == "interview:introduce-yourself"
    assert bank_key(TO_ASK, "perks") == "ask:perks"
    assert bank_key(OWN, 12) == "own:12"
    for key, category in (
        ("night-shifts", JOB_FIT),
        ("interview:strengths", INTERVIEW),
        ("ask:perks", TO_ASK),
        ("own:3", OWN),
    ):
        assert category_of(key) == category
    assert own_id("own:12") == 12
    with pytest.raises(ValidationError, match="not one of your own"):
        own_id("ask:perks")
    with pytest.raises(ValidationError, match="not a question of the bank"):
        category_of("nope:x")
    with pytest.raises(ValueError):
        bank_key("nope", "x")


def test_the_playbook_bank() -> None:
    bank = playbook_bank(load_playbook())
    categories = [e.category for e in bank]
    assert categories == sorted(categories, key=[JOB_FIT, INTERVIEW, TO_ASK].index)
    by_key = {e.key: e for e in bank}
    assert len(by_key) == len(bank)
    night = by_key["night-shifts"]
    assert "graveyard" in night.text and night.milestones == ("final-interview",)
    assert night.areas == ("availability",) and night.why
    intro = by_key["interview:introduce-yourself"]
    assert "phone-interview" in intro.milestones and intro.why.startswith("About one minute")
    ask = by_key["ask:typical-day"]
    assert ask.areas == ("motivation",) and "some, not all" in ask.why
    assert sum(e.category == JOB_FIT for e in bank) == 8


@dataclass
class Q:
    name: str
    confidence: int | None
    practised: datetime | None


def test_drill_order_weakest_then_least_recent() -> None:
    old, new = datetime(2026, 11, 1), datetime(2026, 11, 19)
    items = [
        Q("sure, recent", 5, new),
        Q("shaky, recent", 2, new),
        Q("unrated", None, None),
        Q("shaky, old", 2, old),
        Q("shaky, never", 2, None),
        Q("sure, old", 5, old),
    ]
    ordered = drill_order(items, lambda q: q.confidence, lambda q: q.practised)
    assert [q.name for q in ordered] == [
        "unrated",
        "shaky, never",
        "shaky, old",
        "shaky, recent",
        "sure, old",
        "sure, recent",
    ]


def test_check_scores() -> None:
    good = dict.fromkeys(RUBRIC_KEYS, 3)
    assert list(check_scores({**good, "closing": 5}, RUBRIC_KEYS)) == list(RUBRIC_KEYS)
    with pytest.raises(ValidationError, match="missing: empathy"):
        check_scores({k: 3 for k in RUBRIC_KEYS if k != "empathy"}, RUBRIC_KEYS)
    with pytest.raises(ValidationError, match="Unknown rubric item"):
        check_scores({**good, "smile": 3}, RUBRIC_KEYS)
    with pytest.raises(ValidationError, match="greeting has 6"):
        check_scores({**good, "greeting": 6}, RUBRIC_KEYS)
    with pytest.raises(ValidationError, match="whole number"):
        check_scores({**good, "greeting": True}, RUBRIC_KEYS)


def test_read_scores_is_lenient() -> None:
    assert read_scores('{"greeting": 4, "empathy": 2.0}') == {"greeting": 4, "empathy": 2}
    assert read_scores('{"greeting": 9, "x": "3", "y": null, "z": true}') == {}
    assert read_scores("not json") == {} and read_scores("[1]") == {} and read_scores(None) == {}


def test_average_weakest_and_trend() -> None:
    scores = {"greeting": 4, "listening": 2, "solution": 3, "empathy": 2}
    assert average(scores) == 2.75 and average({}) is None
    assert weakest(scores, RUBRIC_KEYS) == (("listening", "empathy"), 2)
    assert weakest(dict.fromkeys(RUBRIC_KEYS, 3), RUBRIC_KEYS) is None  # nothing stands out
    three_low = {"greeting": 2, "listening": 2, "solution": 2, "closing": 4}
    assert weakest(three_low, RUBRIC_KEYS) is None
    assert weakest({}, RUBRIC_KEYS) is None
    assert trend([3.0]) is None
    assert trend([2.0, 2.5, 3.0]) == "up"
    assert trend([4.0, 4.0, 3.5]) == "down"
    assert trend([3.0, 3.1]) == "flat"
    assert trend([1.0, 1.0, 4.0, 4.0, 4.0, 4.1]) == "flat"  # against the three before


def test_test_kinds() -> None:
    typing = score_kind("typing")
    assert typing.describe(42, 95) == "42 wpm at 95% accuracy"
    assert score_kind("exam").describe(86, None) == "86%"
    assert score_kind("english").describe(78.5, None) == "78.5 points"
    with pytest.raises(ValidationError, match="use one of: typing, english, exam"):
        score_kind("iq")
    today = date(2026, 11, 20)
    check_test_score(typing, 40, 96, today, today)
    with pytest.raises(ValidationError, match="between 0 and 250"):
        check_test_score(typing, 400, None, today, today)
    with pytest.raises(ValidationError, match="percentage"):
        check_test_score(typing, 40, 120, today, today)
    with pytest.raises(ValidationError, match="no accuracy"):
        check_test_score(score_kind("exam"), 80, 90, today, today)
    with pytest.raises(ValidationError, match="required"):
        check_test_score(typing, None, None, today, today)
    with pytest.raises(ValidationError, match="in the future"):
        check_test_score(typing, 40, None, date(2026, 11, 21), today)
    assert practice.check_confidence(None) is None
    with pytest.raises(ValidationError, match="from 1 to 5"):
        practice.check_confidence(0)
