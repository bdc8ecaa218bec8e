"""Gathering the job-search report: applications with milestones, practice and test scores."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

from pypdf import PdfReader

from nextcall.export.report import write_report
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.report import gather_report
from nextcall.services.stages import record_outcome
from nextcall.store.models import PracticeSession, TestScore


def test_applications_in_date_order_with_their_milestones(db: Database) -> None:
    late = add_application(db, ApplicationForm(company="Later Co", applied_on="2026-11-10"))
    add_application(db, ApplicationForm(company="Early Co", applied_on="2026-10-01"))
    add_application(db, ApplicationForm(company="Undated Co"))
    record_outcome(db, late, "phone-interview", "failed", on=date(2026, 11, 12))
    data = gather_report(db)
    assert [a.company for a in data.applications] == ["Early Co", "Later Co", "Undated Co"]
    later = data.applications[1]
    assert [(m.name, m.outcome, m.on) for m in later.milestones] == [
        ("Application sent", "passed", date(2026, 11, 10)),
        ("Phone interview", "failed", date(2026, 11, 12)),
    ]
    assert later.status == "rejected"


def test_practice_and_test_scores_are_listed(db: Database) -> None:
    add_application(db, ApplicationForm(company="Acme", applied_on="2026-11-01"))
    with db.session() as s:
        s.add(
            PracticeSession(
                scenario_key="irate-customer",
                started_at=datetime(2026, 11, 3, 19, 0),
                scores=json.dumps({"greeting": 4, "empathy": 2}),
                comment="Kept calm",
            )
        )
        s.add(PracticeSession(scenario_key="gone", started_at=datetime(2026, 11, 4), scores="{x"))
        s.add(TestScore(kind="typing", value=42, accuracy=96.5, taken_on=date(2026, 11, 5)))
    data = gather_report(db)
    assert [(p.average, p.comment) for p in data.practice] == [(3.0, "Kept calm"), (None, "")]
    out = io.BytesIO()
    write_report(data, out)
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(out.getvalue())).pages
    )
    assert "Practice calls" in text and "3.0 / 5" in text and "Kept calm" in text
    assert "Test scores" in text and "96.5%" in text
