"""core/funnel.py: the funnel arithmetic on hand-counted histories."""

from __future__ import annotations

import random

import pytest

from nextcall.core.funnel import (
    FunnelCounts,
    FunnelData,
    FunnelRow,
    FunnelStage,
    PathCount,
    StopMilestone,
    Tally,
    check_label,
    count_funnel,
    finish,
    milestone_phrase,
    ordered,
    stop_row,
    summarize,
    tally_checks,
    tally_paths,
    tally_tags,
)
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import MILESTONE_KEYS

NAMES = {
    "application": "Application sent",
    "phone-interview": "Phone interview",
    "in-person-interview": "In-person interview",
    "exam": "Exam",
    "mock-call": "Mock call",
    "sales-test": "Sales test",
    "customer-service-test": "Customer-service test",
    "tech-support-test": "Tech-support test",
    "final-interview": "Final interview",
    "job-offer": "Job offer",
}
BUILTIN = [
    FunnelStage(k, NAMES[k], float(10 * (i + 1)), True) for i, k in enumerate(MILESTONE_KEYS)
]
# A user-defined stage between the in-person interview (30) and the exam (40).
SECOND = FunnelStage("second-interview", "Second interview", 35.0, False)
STAGES = ordered([*BUILTIN, SECOND])


def count(paths: list[PathCount]) -> FunnelCounts:
    """Hand-written histories through the aggregates the services count in SQL."""
    return count_funnel(STAGES, tally_paths(STAGES, paths))


def rows_by_key(counts: FunnelCounts) -> dict[str, FunnelRow]:
    return {r.key: r for r in counts.rows}


def figures(row: FunnelRow) -> tuple[int, int, int, int]:
    return row.reached, row.passed, row.failed, row.pending


def test_empty_data_gives_zero_rows_in_pipeline_order() -> None:
    counts = count([])
    assert [r.key for r in counts.rows] == [
        "application",
        "phone-interview",
        "in-person-interview",
        "second-interview",
        "exam",
        "mock-call",
        "sales-test",
        "customer-service-test",
        "tech-support-test",
        "final-interview",
        "job-offer",
    ]
    assert all(figures(r) == (0, 0, 0, 0) and r.pass_rate is None for r in counts.rows)
    assert (counts.applications, counts.stopped) == (0, 0)
    assert stop_row(counts.rows) is None


def test_recorded_outcomes_count_where_they_happened() -> None:
    paths = [
        PathCount(3, {"application": "passed", "phone-interview": "failed"}),
        PathCount(2, {"application": "passed", "phone-interview": "scheduled"}),
        PathCount(1, {"application": "pending"}),
        PathCount(4, {"application": "failed"}),
    ]
    rows = rows_by_key(count(paths))
    assert figures(rows["application"]) == (10, 5, 4, 1)
    assert figures(rows["phone-interview"]) == (5, 0, 3, 2)
    assert rows["application"].pass_rate == pytest.approx(5 / 9)
    assert rows["phone-interview"].pass_rate == 0.0
    assert figures(rows["exam"]) == (0, 0, 0, 0)


def test_rejected_after_passing_counts_passed_there_and_failed_at_the_exam() -> None:
    # Passed the phone interview, failed the exam (the application is rejected by then).
    path = PathCount(
        1,
        {
            "application": "passed",
            "phone-interview": "passed",
            "in-person-interview": "passed",
            "exam": "failed",
        },
    )
    counts = count([path])
    rows = rows_by_key(counts)
    assert figures(rows["phone-interview"]) == (1, 1, 0, 0)
    assert figures(rows["exam"]) == (1, 0, 1, 0)
    assert figures(rows["mock-call"]) == (0, 0, 0, 0)
    assert (counts.applications, counts.stopped) == (1, 1)


def test_reaching_a_later_milestone_implies_passing_earlier_builtin_ones() -> None:
    # Only the exam was recorded: application, phone and in-person interviews are implied.
    counts = count([PathCount(2, {"exam": "failed"})])
    rows = rows_by_key(counts)
    for key in ("application", "phone-interview", "in-person-interview"):
        assert figures(rows[key]) == (2, 2, 0, 0), key
        assert rows[key].implied == 2
        assert rows[key].pass_rate == 1.0
    assert figures(rows["exam"]) == (2, 0, 2, 0)
    assert rows["exam"].implied == 0
    # A user-defined stage is never implied.
    assert figures(rows["second-interview"]) == (0, 0, 0, 0)


def test_account_dependent_tests_are_never_implied() -> None:
    rows = rows_by_key(count([PathCount(1, {"final-interview": "pending"})]))
    for key in ("sales-test", "customer-service-test", "tech-support-test"):
        assert figures(rows[key]) == (0, 0, 0, 0), key
    for key in ("application", "phone-interview", "in-person-interview", "exam", "mock-call"):
        assert figures(rows[key]) == (1, 1, 0, 0), key
    assert figures(rows["final-interview"]) == (1, 0, 0, 1)
    assert figures(rows["job-offer"]) == (0, 0, 0, 0)


def test_unused_milestones_are_not_implied() -> None:
    path = PathCount(
        3,
        {"application": "passed", "in-person-interview": "passed", "exam": "passed"},
        unused=frozenset({"phone-interview"}),
    )
    rows = rows_by_key(count([path]))
    assert figures(rows["phone-interview"]) == (0, 0, 0, 0)
    assert figures(rows["exam"]) == (3, 3, 0, 0)


def test_skipped_is_not_reached_and_not_overridden_by_a_later_milestone() -> None:
    path = PathCount(
        1,
        {"application": "passed", "phone-interview": "skipped", "in-person-interview": "passed"},
    )
    counts = count([path])
    rows = rows_by_key(counts)
    assert figures(rows["phone-interview"]) == (0, 0, 0, 0)
    assert figures(rows["in-person-interview"]) == (1, 1, 0, 0)
    # Skipped everywhere: the application reached nothing and implies nothing.
    only_skipped = count([PathCount(1, {"exam": "skipped"})])
    assert only_skipped.applications == 0
    assert all(r.reached == 0 for r in only_skipped.rows)


def test_no_show_counts_as_reached_and_failed() -> None:
    counts = count([PathCount(1, {"application": "passed", "phone-interview": "no-show"})])
    rows = rows_by_key(counts)
    assert figures(rows["phone-interview"]) == (1, 0, 1, 0)
    assert counts.stopped == 1
    assert stop_row(counts.rows) == rows["phone-interview"]


def test_a_user_defined_stage_counts_when_recorded_and_implies_earlier_ones() -> None:
    paths = [
        PathCount(2, {"second-interview": "failed"}),
        PathCount(1, {"second-interview": "passed", "exam": "pending"}),
    ]
    rows = rows_by_key(count(paths))
    assert figures(rows["second-interview"]) == (3, 1, 2, 0)
    assert rows["second-interview"].builtin is False
    # Reaching the second interview (35) implies the three built-in milestones before it.
    assert figures(rows["in-person-interview"]) == (3, 3, 0, 0)
    assert rows["in-person-interview"].implied == 3
    assert figures(rows["exam"]) == (1, 0, 0, 1)


def test_scheduled_later_milestone_also_implies_earlier_passes() -> None:
    rows = rows_by_key(count([PathCount(1, {"phone-interview": "scheduled"})]))
    assert figures(rows["application"]) == (1, 1, 0, 0)
    assert figures(rows["phone-interview"]) == (1, 0, 0, 1)


def test_unknown_stage_or_outcome_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="not in the catalogue"):
        count([PathCount(1, {"nope": "passed"})])
    with pytest.raises(ValueError, match="unknown outcome"):
        count([PathCount(1, {"exam": "maybe"})])


def test_stop_milestone_is_the_most_failed_and_the_earlier_on_a_tie() -> None:
    paths = [
        PathCount(2, {"application": "passed", "phone-interview": "failed"}),
        PathCount(
            2,
            {"application": "passed", "phone-interview": "passed", "in-person-interview": "failed"},
        ),
    ]
    counts = count(paths)
    stop = stop_row(counts.rows)
    assert stop is not None and stop.key == "phone-interview"
    more = count([*paths, PathCount(1, {"in-person-interview": "no-show"})])
    stop = stop_row(more.rows)
    assert stop is not None and stop.key == "in-person-interview" and stop.failed == 3


def test_check_labels_come_from_the_playbook() -> None:
    phone = load_playbook().milestone("phone-interview")
    assert check_label(phone, "volume") == "voice volume"
    assert check_label(phone, "confidence") == "confidence"
    # Three phone checks share the phone-manner area; their labels still tell them apart.
    assert check_label(phone, "noise") == "noise or weak signal"
    assert check_label(phone, "posture-smile") == "posture and smile"
    assert check_label(phone, "phone-manner") == "greeting and goodbye"
    # A key the playbook no longer lists, or an own stage: the key in words.
    assert check_label(phone, "no-such-check") == "no such check"
    assert check_label(None, "own-check") == "own check"


def test_tallies_are_sorted_most_first_and_drop_zero_counts() -> None:
    phone = load_playbook().milestone("phone-interview")
    checks = tally_checks(phone, {"confidence": 4, "volume": 6, "pace": 0})
    assert checks == (Tally("volume", "voice volume", 6), Tally("confidence", "confidence", 4))
    tags = tally_tags([("pronunciation", "Pronunciation", 2), ("confidence", "Confidence", 5)])
    assert [(t.key, t.label, t.count) for t in tags] == [
        ("confidence", "confidence", 5),
        ("pronunciation", "pronunciation", 2),
    ]


def _phone_stops(failed_phone: int, failed_exam: int) -> FunnelCounts:
    paths = [
        PathCount(failed_phone, {"application": "passed", "phone-interview": "failed"}),
        PathCount(failed_exam, {"exam": "failed"}),
        PathCount(3, {"application": "pending"}),
    ]
    return count([p for p in paths if p.count])


def test_summary_names_the_stop_milestone_the_checks_and_the_tags() -> None:
    counts = _phone_stops(9, 5)
    result = finish(
        counts,
        milestone=load_playbook().milestone("phone-interview"),
        ticked={"volume": 6, "confidence": 4},
        tags=[("confidence", "Confidence", 3)],
    )
    assert result.stop is not None and result.stop.row.key == "phone-interview"
    assert result.summary == (
        "Your applications stop most often at the phone interview (9 of the 14 that stopped). "
        "The checks you ticked most there: voice volume (6), confidence (4). "
        "Your notes on them point to: confidence (3)."
    )
    assert (result.applications, result.stopped) == (17, 14)


def test_summary_names_at_most_three_checks_by_label_ties_alphabetically() -> None:
    result = finish(
        _phone_stops(9, 5),
        milestone=load_playbook().milestone("phone-interview"),
        ticked={"volume": 6, "posture-smile": 2, "noise": 2, "pace": 1},
    )
    assert result.stop is not None
    assert [t.key for t in result.stop.checks] == ["volume", "noise", "posture-smile", "pace"]
    assert (
        "The checks you ticked most there: voice volume (6), noise or weak signal (2), "
        "posture and smile (2)."
    ) in result.summary
    assert "rushed answers" not in result.summary


def test_summary_without_ticked_checks_suggests_ticking_them() -> None:
    result = finish(_phone_stops(2, 0))
    assert result.summary == (
        "Your applications stop most often at the phone interview (all 2 that stopped). "
        "Tick the “if it stopped here” checks on those applications to see what to work on."
    )
    one = finish(_phone_stops(1, 0))
    assert one.summary.startswith(
        "Your applications stop most often at the phone interview (the only one that stopped)."
    )


def test_summary_for_the_application_milestone_and_an_own_stage() -> None:
    counts = count([PathCount(4, {"application": "failed"})])
    assert finish(counts).summary.startswith(
        "Your applications stop most often at the application stage, before any interview "
    )
    own = count([PathCount(2, {"second-interview": "failed"})])
    # An own stage has no check list, so no advice to tick one.
    assert finish(own).summary == (
        "Your applications stop most often at the second interview (all 2 that stopped)."
    )


def test_summary_when_nothing_failed_yet_or_no_data() -> None:
    counts = count(
        [
            PathCount(3, {"application": "pending"}),
            PathCount(1, {"exam": "scheduled"}),
        ]
    )
    assert finish(counts).summary == (
        "None of your 4 applications has stopped at a milestone yet. "
        "The furthest reached is the exam."
    )
    single = count([PathCount(1, {"application": "passed"})])
    assert finish(single).summary.startswith("Your application has not stopped")
    empty = count([])
    assert finish(empty).summary.startswith("No milestone outcomes recorded yet.")
    assert finish(empty).stop is None
    assert "in this selection" in finish(empty, filtered=True).summary


def test_summary_keeps_capitals_of_own_stage_names() -> None:
    row = FunnelRow("custom-hr", "HR call", False, failed=1, reached=1)
    assert milestone_phrase(row) == "the HR call"
    counts = FunnelCounts((row,), applications=1, stopped=1)
    assert summarize(counts, StopMilestone(row)) == (
        "Your applications stop most often at the HR call (the only one that stopped)."
    )


def _reference(paths: list[PathCount]) -> dict[str, tuple[int, int, int, int]]:
    """The semantics applied application by application, without aggregates."""
    position = {st.key: st.position for st in STAGES}
    table = {st.key: [0, 0, 0, 0] for st in STAGES}  # reached, passed, failed, pending
    for path in paths:
        reached = [k for k, o in path.outcomes.items() if o not in ("skipped",)]
        furthest = max((position[k] for k in reached), default=None)
        for key, outcome in path.outcomes.items():
            column = {"passed": 1, "failed": 2, "no-show": 2, "scheduled": 3, "pending": 3}
            if outcome in column:
                table[key][0] += path.count
                table[key][column[outcome]] += path.count
        for st in STAGES:
            if (
                st.implied
                and furthest is not None
                and st.position < furthest
                and st.key not in path.outcomes
                and st.key not in path.unused
            ):
                table[st.key][0] += path.count
                table[st.key][1] += path.count
    return {key: (r[0], r[1], r[2], r[3]) for key, r in table.items()}


def test_aggregates_agree_with_the_application_by_application_reference() -> None:
    rng = random.Random(11)
    outcomes = ("scheduled", "pending", "passed", "failed", "skipped", "no-show")
    keys = [st.key for st in STAGES]
    for _ in range(300):
        paths = []
        for _ in range(rng.randint(0, 6)):
            chosen = rng.sample(keys, rng.randint(0, 5))
            unused = frozenset(k for k in rng.sample(keys, 2) if k not in chosen)
            paths.append(
                PathCount(rng.randint(1, 4), {k: rng.choice(outcomes) for k in chosen}, unused)
            )
        assert {r.key: figures(r) for r in count(paths).rows} == _reference(paths), paths


def test_count_from_aggregates_directly() -> None:
    # 5 applications furthest at the exam: 3 recorded every step, 2 only the exam; one of those
    # 2 marked the phone interview unused, one skipped the in-person interview.
    data = FunnelData(
        outcomes={
            ("application", "passed"): 3,
            ("phone-interview", "passed"): 3,
            ("in-person-interview", "passed"): 3,
            ("in-person-interview", "skipped"): 1,
            ("exam", "failed"): 5,
        },
        furthest={"exam": 5},
        skipped_short={"in-person-interview": 1},
        unused_short={"phone-interview": 1},
    )
    rows = rows_by_key(count_funnel(STAGES, data))
    assert figures(rows["application"]) == (5, 5, 0, 0)
    assert rows["application"].implied == 2
    assert figures(rows["phone-interview"]) == (4, 4, 0, 0)
    assert figures(rows["in-person-interview"]) == (4, 4, 0, 0)
    assert figures(rows["exam"]) == (5, 0, 5, 0)
    with pytest.raises(ValueError, match="not in the catalogue"):
        count_funnel(STAGES, FunnelData({}, {"nope": 1}))


def test_summary_names_the_milestones_level_with_the_stop_milestone() -> None:
    def stopped_at(*keys: str) -> FunnelCounts:
        return count([PathCount(1, {key: "failed"}) for key in keys])

    two = finish(stopped_at("phone-interview", "exam")).summary
    assert two.startswith(
        "Your applications stop most often at the phone interview (1 of the 2 that stopped; "
        "as many stopped at the exam)."
    )
    many = finish(stopped_at("exam", "phone-interview", "mock-call", "final-interview")).summary
    assert "(1 of the 4 that stopped; as many stopped at the exam, the mock call and " in many
    assert "1 other milestone)." in many
