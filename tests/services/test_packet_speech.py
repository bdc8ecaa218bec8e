"""The prep packet before an interview shows the latest speech coach figures against their
targets (and says how to get them when there are none)."""

from __future__ import annotations

import io
from datetime import date, datetime

from pypdf import PdfReader

from nextcall.core.speech import Pause, Signal, SpeechReport
from nextcall.export.packet import speech_line, write_packet
from nextcall.services import speech
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.packet import gather_packet
from nextcall.services.stages import record_outcome


def _interview(db: Database) -> int:
    app = add_application(
        db, ApplicationForm(company="Acme BPO", position="CSR", applied_on="2026-11-02")
    )
    when = datetime(2026, 11, 24, 10, 30)
    record_outcome(db, app, "phone-interview", "scheduled", scheduled_at=when)
    return app


def test_no_analysis_yet_says_how(db: Database) -> None:
    data = gather_packet(db, _interview(db))
    assert data.speech is not None and data.speech.wpm is None
    assert speech_line(data.speech).startswith("No speech coach analysis yet.")


def test_the_latest_pace_and_dead_air_against_targets(db: Database) -> None:
    app = _interview(db)
    pauses = (Pause(5, 3.2), Pause(20, 4.6))
    signal = Signal(60, (), 196, 196, 52, (), pauses, pauses, 4.6, -22, 0, -50)
    speech.save_speech_score(db, SpeechReport(signal), speech.SpeechContext("Mock call"))
    data = gather_packet(db, app)
    assert data.speech is not None
    line = speech_line(data.speech)
    today = db.clock.today()
    assert line == (
        f"196 words a minute with 2 stretches of dead air on {today.day} {today:%b %Y} "
        "(Mock call): aim for about 140–170 words a minute and no silence of 3 s or more "
        "(your longest: 5 s)."
    )
    out = io.BytesIO()
    write_packet(data, out)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert "Your speaking" in text and "196 words a minute" in text


def test_not_shown_before_a_written_exam(db: Database) -> None:
    app = _interview(db)
    record_outcome(db, app, "phone-interview", "passed", on=date(2026, 11, 24))
    record_outcome(db, app, "exam", "scheduled", scheduled_at=datetime(2026, 11, 28, 9))
    assert gather_packet(db, app).speech is None
