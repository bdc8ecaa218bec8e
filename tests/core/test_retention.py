"""core/retention.py: all for 2 days, one a day for 2 weeks, one a week for 3 months."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from nextcall.core.retention import Snapshot, to_keep, to_prune

NOW = datetime(2026, 11, 20, 12, 0)  # a Friday


def snap(hours_ago: float, label: str = "auto") -> Snapshot:
    return Snapshot(NOW - timedelta(hours=hours_ago), label)


def every(step: timedelta, span: timedelta, label: str = "auto") -> list[Snapshot]:
    """A backup every ``step`` for ``span`` back from now."""
    count = int(span / step)
    return [Snapshot(NOW - step * i, label) for i in range(count)]


def test_nothing_to_keep_from_nothing() -> None:
    assert to_keep([], NOW) == set()
    assert to_prune([], NOW) == []


def test_everything_from_the_last_two_days_is_kept() -> None:
    recent = every(timedelta(minutes=30), timedelta(days=2))
    assert len(recent) == 96
    assert to_keep(recent, NOW) == set(recent)


def test_one_a_day_between_two_days_and_two_weeks_the_newest_of_each_day() -> None:
    half_hourly = every(timedelta(minutes=30), timedelta(days=14))  # back to 6 Nov 12:30
    kept = to_keep(half_hourly, NOW)
    older = sorted(s for s in kept if NOW - s.taken >= timedelta(days=2))
    # 6 to 17 Nov, one each: the newest of the day, taken at 23:30. (18 Nov's newest is
    # younger than 2 days: its older copies give way to it.)
    assert [s.taken for s in older] == [datetime(2026, 11, d, 23, 30) for d in range(6, 18)]
    assert len(kept) == len(older) + 96


def test_the_day_on_the_two_day_line_keeps_its_recent_copies_and_drops_older_ones() -> None:
    # 18 Nov 2026: 14:00 is within 2 days of NOW (20 Nov 12:00), 09:00 is not.
    within = Snapshot(datetime(2026, 11, 18, 14, 0), "auto")
    beyond = Snapshot(datetime(2026, 11, 18, 9, 0), "auto")
    assert to_keep([within, beyond], NOW) == {within}


def test_one_a_week_between_two_weeks_and_three_months() -> None:
    daily = every(timedelta(days=1), timedelta(days=120))
    kept = to_keep(daily, NOW)
    mid = sorted(s for s in kept if timedelta(days=14) <= NOW - s.taken < timedelta(days=92))
    weeks = [s.taken.isocalendar()[:2] for s in mid]
    assert len(weeks) == len(set(weeks))  # at most one per ISO week
    assert 10 <= len(mid) <= 12  # 78 days: about eleven weeks
    for s in mid:  # the newest of its week
        week = [t for t in daily if t.taken.isocalendar()[:2] == s.taken.isocalendar()[:2]]
        assert s == max(week)
    assert all(NOW - s.taken < timedelta(days=92) for s in kept)


def test_older_than_three_months_goes_but_the_newest_of_all_is_always_kept() -> None:
    old = [snap(24 * 100), snap(24 * 120), snap(24 * 400)]
    assert to_keep(old, NOW) == {snap(24 * 100)}
    assert to_prune(old, NOW) == [snap(24 * 400), snap(24 * 120)]  # oldest first


def test_the_newest_before_copy_of_each_kind_survives_any_age() -> None:
    items = [
        snap(1),  # a fresh automatic backup: the newest of all
        snap(24 * 200, "before-migration-0001"),
        snap(24 * 300, "before-migration-0001"),
        snap(24 * 150, "before-import"),
        snap(24 * 160, "before-import"),
        snap(24 * 170, "auto"),
    ]
    kept = to_keep(items, NOW)
    assert kept == {
        snap(1),
        snap(24 * 200, "before-migration-0001"),
        snap(24 * 150, "before-import"),
    }


def test_before_copies_otherwise_age_out_like_the_rest() -> None:
    items = [snap(24 * 5 + h, "before-import") for h in (0, 2, 4)]
    kept = to_keep(items, NOW)
    assert kept == {snap(24 * 5, "before-import")}  # one for that day


def test_backups_from_the_future_are_treated_as_recent() -> None:
    ahead = [snap(-5), snap(-30)]
    assert to_keep(ahead, NOW) == set(ahead)


@given(st.lists(st.integers(min_value=-48, max_value=24 * 200), max_size=60, unique=True))
def test_keep_and_prune_split_the_list_and_always_keep_the_newest(hours: list[int]) -> None:
    items = [snap(h) for h in hours]
    kept = to_keep(items, NOW)
    pruned = to_prune(items, NOW)
    assert kept.isdisjoint(pruned)
    assert kept | set(pruned) == set(items)
    if items:
        assert max(items) in kept
    assert all(s in kept for s in items if NOW - s.taken < timedelta(days=2))
