"""The speech coach over a WAV file with the real recogniser (PocketSphinx): a read-aloud with
words left out, the transcript and fillers, and the result kept as a "speech" test score."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextcall.core.speech import Word
from nextcall.services import practice
from nextcall.services import speech as service
from nextcall.services.database import Database
from speech_helpers import clip, needs_espeak

SCRIPT = "Thank you for calling. Your order left our warehouse yesterday and arrives on Thursday."
LEFT_OUT = {"warehouse", "Thursday"}


@needs_espeak
def test_a_read_aloud_with_words_left_out_reports_them_as_skipped(tmp_path: Path) -> None:
    read = " ".join(w for w in SCRIPT.split() if w.strip(".") not in LEFT_OUT)
    made = clip(tmp_path, [read], rate=130)
    steps: list[float] = []
    report = service.analyse(
        made.path, script=SCRIPT, progress=lambda share, _t: steps.append(share)
    )
    r = report.read_aloud
    assert r is not None and r.script_words == 14
    assert set(r.skipped) >= LEFT_OUT
    assert r.matched_words == r.script_words - len(r.skipped) and r.matched_words > 0
    assert report.transcript  # a rough transcript of what was heard
    assert steps[0] == 0 and steps[-1] == 1 and steps == sorted(steps)


@needs_espeak
def test_cancel_stops_before_recognising(tmp_path: Path) -> None:
    made = clip(tmp_path, [SCRIPT])
    with pytest.raises(service.AnalysisCancelledError):
        service.analyse(made.path, cancelled=lambda: True)


def test_only_speech_goes_to_the_recogniser() -> None:
    """Silences of 0.6 s or more are left out (0.15 s of each kept beside the speech)."""
    from nextcall.core.speech import RATE, Pause

    samples = [0] * (50 * RATE)
    cuts = service.pieces(samples, [Pause(0, 2), Pause(12, 1), Pause(18, 0.5), Pause(30, 2)])
    seconds = [(a / RATE, b / RATE) for a, b in cuts]
    assert seconds == [(1.85, 12.15), (12.85, 30.15), (31.85, 50)]


def test_long_stretches_of_speech_are_cut_at_shorter_pauses() -> None:
    from nextcall.core.speech import RATE, Pause

    samples = [0] * (50 * RATE)
    cuts = service.pieces(samples, [Pause(12, 0.3), Pause(18, 0.4)])
    seconds = [(a / RATE, b / RATE) for a, b in cuts]
    assert seconds == [(0, 18.2), (18.2, 38.2), (38.2, 50)]


@needs_espeak
def test_an_analysis_is_kept_as_a_speech_score(tmp_path: Path, db: Database) -> None:
    made = clip(tmp_path, [SCRIPT, SCRIPT], silences=[3.5], rate=170)

    def fake(samples: object, progress: object, cancelled: object) -> list[Word]:
        return [Word("um", 0, 0.2), Word("thank", 0.3, 0.5)]

    report = service.analyse(made.path, recogniser=fake)
    assert report.fillers == 1
    context = service.SpeechContext("Mock call", milestone="phone-interview")
    service.save_speech_score(db, report, context)
    (row,) = practice.logged_scores(db, "speech")
    assert row.value == round(report.signal.wpm)
    assert row.details["dead_air"] == 1
    assert row.details["milestone"] == "phone-interview"
    assert row.details["fillers"] == 1
    assert row.taken_at == db.clock.now().replace(microsecond=0)
