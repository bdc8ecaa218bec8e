"""core/practice_plan.py: which drills come first, and the reasons given, from hand-made focus
and drill records."""

from __future__ import annotations

from datetime import date, timedelta

from nextcall.core.practice_plan import DrillState, Focus, headline, propose, weigh

TODAY = date(2026, 11, 20)
PHRASES = {"mock-call": "the mock call", "final-interview": "the final interview"}


def scenario(
    key: str, score: float | None = None, days: int | None = None, **kw: object
) -> DrillState:
    return DrillState(
        kind="scenario",
        key=key,
        title=key.replace("-", " ").capitalize(),
        milestones=("mock-call",),
        areas=kw.pop("areas", ("listening",)),  # type: ignore[arg-type]
        score=score,
        last=TODAY - timedelta(days=days) if days is not None else None,
        count=1 if score is not None else 0,
        **kw,  # type: ignore[arg-type]
    )


def question(key: str, confidence: int | None = None, *, prepared: bool = True) -> DrillState:
    return DrillState(
        kind="question",
        key=key,
        title=f"Question {key}?",
        milestones=("final-interview",),
        areas=("availability",),
        score=float(confidence) if confidence is not None else None,
        prepared=prepared,
    )


MOCK_STOP = Focus(
    stop="mock-call",
    stop_phrase="the mock call",
    stopped=3,
    stopped_total=5,
    checks=(("empathy", "acknowledging feelings", 2),),
    areas=(("empathy", "Empathy", 4), ("listening", "Listening", 2)),
    milestone_phrases=PHRASES,
)


def test_stopping_at_the_mock_call_puts_the_lowest_scored_scenario_first() -> None:
    drills = [
        question("weekends", 2),
        scenario("sell", 3.5, 3),
        scenario("irate", 2.3, 3, areas=("empathy", "listening"), detail="empathy (2 / 5)"),
        scenario("inbound", 4.2, 2),
    ]
    proposals = propose(drills, MOCK_STOP, TODAY)
    assert [p.drill.key for p in proposals][:3] == ["irate", "sell", "inbound"]
    first = proposals[0]
    assert first.reason == (
        "You stop most at the mock call (3 of your 5 stops); you ticked “acknowledging feelings” "
        "there; interviewers keep naming empathy (4 interviews) and listening (2); it is the "
        "drill you have scored lowest (2.3 / 5), weakest on empathy (2 / 5)."
    )
    assert first.milestone == "mock-call" and first.areas == ("empathy", "listening")
    assert headline(MOCK_STOP, proposals) == (
        "You stop most at the mock call. Interviewers keep naming empathy and listening. "
        "Start with “Irate”: it is the drill you have scored lowest (2.3 / 5), weakest on "
        "empathy (2 / 5)."
    )


def test_without_a_stop_the_need_decides() -> None:
    drills = [scenario("tried", 4.5, 2), scenario("never"), question("weekends", prepared=False)]
    proposals = propose(drills, Focus(), TODAY)
    assert [p.drill.key for p in proposals] == ["weekends", "never", "tried"]
    assert proposals[0].reason == "You have no prepared answer yet."
    assert proposals[1].reason == "You have not tried this drill yet."
    assert proposals[-1].drill.key == "tried"
    assert headline(Focus(), proposals).startswith("No stops or interviewer tips recorded yet")
    assert headline(Focus(), []) == "Nothing to practise yet."


def test_the_reason_follows_the_state_of_a_question() -> None:
    rated = weigh(question("a", 2), Focus(), TODAY)
    assert rated.reason == (
        "Your confidence in your answer is 2 / 5 and you have not drilled it aloud yet."
    )
    unrated = weigh(question("b"), Focus(), TODAY)
    assert unrated.reason == "You have not rated your answer yet."
    stale = DrillState(
        "question", "c", "C?", (), (), score=4.0, last=TODAY - timedelta(days=20), count=1
    )
    assert weigh(stale, Focus(), TODAY).reason == (
        "Your confidence in your answer is 4 / 5; last practised 20 days ago."
    )
    assert (
        weigh(stale, Focus(), TODAY).weight
        > weigh(
            DrillState("question", "d", "D?", (), (), score=4.0, last=TODAY, count=1),
            Focus(),
            TODAY,
        ).weight
    )


def test_tests_and_the_voice_check() -> None:
    typing = DrillState("test", "typing", "Typing test", ("exam",), ("typing",))
    assert weigh(typing, Focus(), TODAY).reason == "You have not logged a typing test yet."
    logged = DrillState(
        "test",
        "typing",
        "Typing test",
        ("exam",),
        ("typing",),
        last=TODAY - timedelta(days=1),
        count=3,
        detail="42 wpm at 95% accuracy",
    )
    assert weigh(logged, Focus(), TODAY).reason == (
        "Your last result was 42 wpm at 95% accuracy, yesterday."
    )
    voice = DrillState("voice", "voice-check", "Voice check", ("phone-interview",), ())
    assert weigh(voice, Focus(), TODAY).reason == "You have not run a voice check yet."


def test_one_stop_reads_naturally() -> None:
    focus = Focus(stop="mock-call", stop_phrase="the mock call", stopped=1, stopped_total=1)
    reason = weigh(scenario("x"), focus, TODAY).reason
    assert reason.startswith("You stop most at the mock call (your only stop so far)")


def test_a_milestone_in_view_and_only_its_drills() -> None:
    drills = [scenario("irate", 2.0, 3), question("weekends", 4), question("salary", 3)]
    proposals = propose(
        drills,
        Focus(milestone_phrases=PHRASES),
        TODAY,
        milestone="final-interview",
        only_milestone=True,
    )
    assert [p.drill.key for p in proposals] == ["salary", "weekends"]
    assert proposals[0].reason.startswith("It prepares you for the final interview;")
    assert proposals[0].milestone == "final-interview"
    # a milestone no drill prepares for: everything is proposed, as without one
    every = propose(drills, Focus(), TODAY, milestone="job-offer", only_milestone=True)
    assert len(every) == 3


def test_at_most_three_of_a_kind_while_others_exist() -> None:
    drills = [question(str(i), 1) for i in range(6)] + [scenario("only", 4.9, 1)]
    proposals = propose(drills, Focus(), TODAY, limit=5)
    kinds = [p.drill.kind for p in proposals]
    assert kinds.count("question") == 4 and kinds.count("scenario") == 1
    assert kinds[:3] == ["question"] * 3 and kinds[3] == "scenario"  # held back, then filled
    assert len(propose(drills, Focus(), TODAY, limit=2)) == 2
