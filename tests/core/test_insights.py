"""core/insights.py: the ranking and trend arithmetic, checked against hand-computed cases."""

from __future__ import annotations

from datetime import date

import pytest

from nextcall.core.insights import (
    Mention,
    Trend,
    interview_key,
    rank_areas,
    relevant_areas,
    trend,
)

TODAY = date(2026, 11, 20)  # the 30-day window starts on 22 October


def m(area: str, note: int, day: date, *, event: int | None = None, app: int | None = 1) -> Mention:
    return Mention(
        area=area,
        note_id=note,
        interview=interview_key(event, app, day),
        day=day,
        text=f"note {note}",
        company="Harborline",
    )


def test_interview_key_is_the_event_else_the_application_and_day() -> None:
    day = date(2026, 11, 3)
    assert interview_key(7, 1, day) == interview_key(7, 2, date(2026, 1, 1))
    assert interview_key(None, 1, day) != interview_key(None, 2, day)
    assert interview_key(None, 1, day) != interview_key(None, 1, date(2026, 11, 4))
    assert interview_key(None, None, day) == interview_key(None, None, day)


@pytest.mark.parametrize(
    ("recent", "earlier", "expected"),
    [
        (0, 0, Trend.QUIET),
        (0, 3, Trend.QUIET),
        (2, 0, Trend.NEW),
        (3, 1, Trend.RISING),
        (2, 2, Trend.STEADY),
        (1, 4, Trend.EASING),
    ],
)
def test_trend(recent: int, earlier: int, expected: Trend) -> None:
    assert trend(recent, earlier) is expected


def test_hand_computed_ranking() -> None:
    mentions = [
        # confidence: event 1 twice (one interview), event 2 long ago, and two notes without an
        # event on 19 Nov for application 5 (one interview) plus one on 20 Nov (another).
        m("confidence", 1, date(2026, 11, 10), event=1),
        m("confidence", 2, date(2026, 11, 11), event=1),
        m("confidence", 3, date(2026, 9, 1), event=2),
        m("confidence", 4, date(2026, 11, 19), app=5),
        m("confidence", 5, date(2026, 11, 19), app=5),
        m("confidence", 6, date(2026, 11, 20), app=5),
        # listening: 21 Oct is the day before the window, 22 Oct its first day.
        m("listening", 7, date(2026, 10, 21), event=3),
        m("listening", 8, date(2026, 10, 22), event=4),
        m("pronunciation", 9, date(2026, 8, 1), event=5),
        m("empathy", 10, date(2026, 11, 1), event=6),
    ]
    ranked = rank_areas(mentions, today=TODAY, names={"confidence": "Confidence"})
    assert [a.area for a in ranked] == ["confidence", "listening", "empathy", "pronunciation"]
    confidence, listening, empathy, pronunciation = ranked
    assert confidence.name == "Confidence"
    assert listening.name == "listening"  # no name given: the key
    assert (confidence.interviews, confidence.recent, confidence.earlier) == (4, 3, 1)
    assert confidence.trend is Trend.RISING
    assert [q.note_id for q in confidence.quotes] == [6, 5, 4]
    assert confidence.quotes[0].on == date(2026, 11, 20)
    assert confidence.quotes[0].company == "Harborline"
    assert confidence.last_on == date(2026, 11, 20)
    assert (listening.interviews, listening.recent, listening.earlier) == (2, 1, 1)
    assert listening.trend is Trend.STEADY
    assert (empathy.recent, empathy.earlier, empathy.trend) == (1, 0, Trend.NEW)
    assert (pronunciation.recent, pronunciation.earlier) == (0, 1)
    assert pronunciation.trend is Trend.QUIET
    assert confidence.summary == "4 interviews · 3 in the last 30 days, 1 before"
    assert empathy.summary == "1 interview · 1 in the last 30 days, 0 before"


def test_an_interview_named_again_later_counts_once_on_its_latest_day() -> None:
    [area] = rank_areas(
        [
            m("typing", 1, date(2026, 10, 1), event=9),
            m("typing", 2, date(2026, 11, 15), event=9),
        ],
        today=TODAY,
    )
    assert (area.interviews, area.recent, area.earlier, area.trend) == (1, 1, 0, Trend.NEW)
    assert [q.note_id for q in area.quotes] == [2, 1]


def test_ties_go_to_recent_then_latest_then_name() -> None:
    mentions = [
        m("b-area", 1, date(2026, 11, 1), event=1),
        m("a-area", 2, date(2026, 11, 1), event=2),
        m("c-area", 3, date(2026, 11, 5), event=3),
        m("d-area", 4, date(2026, 6, 5), event=4),
    ]
    ranked = [a.area for a in rank_areas(mentions, today=TODAY)]
    assert ranked == ["c-area", "a-area", "b-area", "d-area"]


def test_quotes_are_limited_and_a_custom_window_applies() -> None:
    mentions = [m("sales", n, date(2026, 11, n), event=n) for n in range(1, 8)]
    [area] = rank_areas(mentions, today=TODAY, window_days=14, quotes=2)
    assert [q.note_id for q in area.quotes] == [7, 6]
    # 14 days up to 20 Nov start on 7 Nov: only the note of 7 Nov is inside.
    assert (area.recent, area.earlier, area.trend) == (1, 6, Trend.EASING)


def test_nothing_to_rank() -> None:
    assert rank_areas([], today=TODAY) == []


def test_relevant_areas_milestone_first_then_recurring_then_the_rest() -> None:
    result = relevant_areas(
        ["listening", None, "empathy", "listening"],
        ["confidence", "empathy"],
        ["english-grammar", "listening", "typing", "confidence", "sales"],
        limit=5,
    )
    assert result == ["listening", "empathy", "confidence", "english-grammar", "typing"]
    assert relevant_areas([], [], ["a", "b"]) == ["a", "b"]
