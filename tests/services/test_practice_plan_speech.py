"""'Practise next' quotes the latest speech coach analysis in the user's own numbers."""

from __future__ import annotations

from nextcall.core.speech import Pause, Signal, SpeechReport
from nextcall.services import speech
from nextcall.services.database import Database
from nextcall.services.practice_plan import practice_plan


def _report(wpm: float, dead_air: int) -> SpeechReport:
    pauses = tuple(Pause(10.0 * i, 3.5) for i in range(dead_air))
    signal = Signal(60, (), wpm, wpm, 60, (), pauses, pauses, 3.5, -22, 0, -50)
    return SpeechReport(signal)


def _speech_proposal(db: Database) -> str:
    plan = practice_plan(db)
    drill = next(d for d in plan.drills if d.key == "speech")
    reasons = {p.drill.key: p.reason for p in plan.proposals(limit=len(plan.drills))}
    return reasons.get(drill.key, "")


def test_fast_speech_with_dead_air_is_quoted(db: Database) -> None:
    context = speech.SpeechContext("Mock call", milestone="phone-interview")
    speech.save_speech_score(db, _report(196, 4), context)
    reason = _speech_proposal(db)
    assert (
        "at the phone interview you spoke at 196 words a minute with 4 stretches of dead air"
        in reason.lower()
    )
    assert "about 140–170 words a minute is easy to follow" in reason


def test_a_good_pace_without_dead_air_weighs_less(db: Database) -> None:
    speech.save_speech_score(db, _report(150, 0), speech.SpeechContext("Read-aloud: Billing"))
    plan = practice_plan(db)
    (state,) = [d for d in plan.drills if d.key == "speech"]
    assert state.detail == (
        "in your last recording (Read-aloud: Billing) you spoke at 150 words a minute with no "
        "dead air"
    )
    assert state.dead_air == 0 and state.figure == 150
