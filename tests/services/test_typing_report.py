"""The job-search report's practice section lists typing results with net and gross words a
minute beside the accuracy."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader

from nextcall.core import typing_test as tt
from nextcall.export.report import write_report
from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.report import gather_report
from nextcall.services.typing_test import record_typing_test

PASSAGE = tt.load_passages()[0].text


def test_typing_results_in_the_report(db: Database) -> None:
    add_application(db, ApplicationForm(company="Northwind BPO"))
    practice.add_test_score(
        db, practice.ScoreInput(kind="typing", value="29", accuracy="91", taken_on="2026-11-10")
    )
    typed = PASSAGE[:100] + "x" + PASSAGE[100:199]  # 200 characters, one extra
    record_typing_test(db, tt.score(PASSAGE, typed, 60), "x", taken_at=datetime(2026, 11, 19, 20))
    practice.add_test_score(db, practice.ScoreInput(kind="english", value="70"))
    data = gather_report(db)
    results = [(s.kind, s.result) for s in data.scores]
    # 200 characters in a minute: 40 gross; one error: 39 net
    assert results == [
        ("typing", "29 wpm"),
        ("typing", "39 net / 40 gross wpm"),
        ("english", ""),
    ]
    assert [s.accuracy for s in data.scores][:2] == [91.0, 99.5]
    out = io.BytesIO()
    write_report(data, out)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "39 net / 40 gross wpm" in text and "99.5%" in text
