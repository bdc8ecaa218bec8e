"""The job-search report's practice section lists the latest speech coach figures (pace, dead
air, longest pause, the latest read-aloud's match rate) against their target bands."""

from __future__ import annotations

import io

from pypdf import PdfReader

from nextcall.core import speech as core
from nextcall.core.speech import Pause, ReadAloud, Signal, SpeechReport
from nextcall.export.report import speech_rows, write_report
from nextcall.services import speech
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.report import gather_report


def _signal(wpm: float, pauses: tuple[Pause, ...] = ()) -> Signal:
    longest = max((p.seconds for p in pauses), default=0.8)
    return Signal(60, (), wpm, wpm, 55, (), pauses, pauses, longest, -22, 0, -50)


def _save(db: Database, report: SpeechReport, label: str) -> None:
    speech.save_speech_score(db, report, speech.SpeechContext(label))


def test_no_speech_section_without_an_analysis(db: Database) -> None:
    add_application(db, ApplicationForm(company="Northwind BPO"))
    data = gather_report(db)
    assert data.speech is not None and data.speech.wpm is None
    out = io.BytesIO()
    write_report(data, out)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Speaking" not in text


def test_the_latest_figures_against_their_targets(db: Database) -> None:
    add_application(db, ApplicationForm(company="Northwind BPO"))
    script = "thank you for calling how can I help you today"
    read = ReadAloud(tuple(script.split()), (True,) * 7 + (False,) * 3)
    _save(db, SpeechReport(_signal(150), read_aloud=read), "Read-aloud: Billing")
    pauses = (Pause(5, 3.2), Pause(20, 4.6))
    _save(db, SpeechReport(_signal(196, pauses)), "Mock call")

    data = gather_report(db)
    figure = data.speech
    assert figure is not None
    assert (figure.wpm, figure.dead_air, figure.longest_pause_s) == (196, 2, 4.6)
    assert (figure.match_rate, figure.script_words) == (0.7, 10)
    assert figure.match_context == "Read-aloud: Billing"
    assert speech_rows(figure) == [
        ("Pace", "196 words a minute", core.PACE_TARGET, "too fast"),
        ("Dead air", "2 stretches", core.DEAD_AIR_TARGET, "outside"),
        ("Longest pause", "4.6 s", core.PAUSE_TARGET, "too long"),
        ("Read-aloud matched", "70% of 10 words", core.MATCH_TARGET, "within"),
    ]
    assert [s.result for s in data.scores] == ["150 words a minute", "196 words a minute"]

    out = io.BytesIO()
    write_report(data, out)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Speaking" in text and "196 words a minute" in text and "2 stretches" in text
    assert "(Mock call)" in text and "Latest read-aloud" in text and "70% of 10 words" in text
    assert "easy to follow on a call" in text


def test_figures_within_the_bands(db: Database) -> None:
    _save(db, SpeechReport(_signal(155)), "Introduce yourself")
    figure = gather_report(db).speech
    assert figure is not None
    assert [r[3] for r in speech_rows(figure)] == ["within", "within", "within", ""]
    assert speech_rows(figure)[1][1] == "none"
    assert speech_rows(figure)[3][1] == "no passage read yet"
