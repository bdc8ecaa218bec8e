"""The prep packet for an exam shows the latest typing figure against the target; other
milestones do not."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader

from nextcall.core import typing_test as tt
from nextcall.export.packet import typing_line, write_packet
from nextcall.services import practice, settings
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.packet import gather_packet
from nextcall.services.stages import record_outcome
from nextcall.services.typing_test import record_typing_test

PASSAGE = tt.load_passages()[0].text


def exam_next(db: Database, company: str = "Northwind BPO") -> int:
    app = add_application(db, ApplicationForm(company=company))
    record_outcome(db, app, "application", "passed")
    record_outcome(db, app, "exam", "scheduled", scheduled_at=datetime(2026, 11, 24, 9, 0))
    return app


def pdf_text(db: Database, app: int) -> str:
    out = io.BytesIO()
    write_packet(gather_packet(db, app), out)
    return " ".join(page.extract_text() for page in PdfReader(out).pages)


def test_before_an_exam_the_latest_typing_test_is_set_against_the_target(db: Database) -> None:
    app = exam_next(db)
    packet = gather_packet(db, app)
    assert packet.step.stage_key == "exam"
    assert packet.typing is not None and packet.typing.net_wpm is None
    assert typing_line(packet.typing).startswith("No typing test yet")
    typed = (PASSAGE * 2)[: 31 * 5 * 2]  # 31 wpm for two minutes, no errors
    record_typing_test(
        db, tt.score(PASSAGE * 2, typed, 120), "x", taken_at=datetime(2026, 11, 19, 20)
    )
    figure = gather_packet(db, app).typing
    assert figure is not None
    assert (figure.net_wpm, figure.gross_wpm, figure.accuracy, figure.target) == (31, 31, 1.0, 35)
    line = "31 net words a minute (31 gross, 100.0% accuracy) on 19 Nov 2026: 4 short of your"
    text = " ".join(pdf_text(db, app).split())
    assert "Your typing" in text and line in text and "target of 35." in text
    settings.set_int(db, "typing_target", 30)
    assert typing_line(gather_packet(db, app).typing).endswith("at or above your target of 30.")  # type: ignore[arg-type]


def test_a_result_logged_by_hand_and_other_milestones(db: Database) -> None:
    practice.add_test_score(db, practice.ScoreInput(kind="typing", value="40", accuracy="95"))
    figure = gather_packet(db, exam_next(db)).typing
    assert figure is not None
    assert (figure.net_wpm, figure.gross_wpm, figure.accuracy) == (40, None, 0.95)
    assert typing_line(figure).startswith("40 net words a minute (95.0% accuracy) on 20 Nov")
    other = add_application(db, ApplicationForm(company="Bluewave Contact"))
    record_outcome(
        db, other, "phone-interview", "scheduled", scheduled_at=datetime(2026, 11, 23, 9)
    )
    assert gather_packet(db, other).typing is None
