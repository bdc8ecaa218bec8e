"""Drill results feed the plan ("Practise next" quotes the last set), the prep packet before a
written test and the job-search report."""

from __future__ import annotations

import io
import random
from datetime import timedelta

from pypdf import PdfReader
from tests.conftest import START

from nextcall.core.clock import Clock
from nextcall.core.drills import DrillItem
from nextcall.export.packet import write_packet
from nextcall.export.report import write_report
from nextcall.services import drills
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.packet import gather_packet
from nextcall.services.practice_plan import practice_plan
from nextcall.services.report import gather_report
from nextcall.services.stages import record_outcome


def take_set(db: Database, kind: str, right: int, size: int = 10) -> list[DrillItem]:
    items = drills.next_set(db, kind, size, rng=random.Random(7))
    answers: dict[str, str | None] = {i.key: i.answer for i in items[:right]}
    drills.record_set(db, kind, items, answers, seconds_used=240)
    return items


def pdf_text(write: object, data: object) -> str:
    out = io.BytesIO()
    write(data, out)  # type: ignore[operator]
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def stop_at_the_exam(db: Database) -> int:
    for company in ("Pacific Crest BPO", "Seabright Teleservices"):
        app = add_application(db, ApplicationForm(company=company))
        record_outcome(db, app, "exam", "failed")
    return app


def test_stopping_at_the_exam_proposes_a_drill_set_quoting_the_last_one(db: Database) -> None:
    stop_at_the_exam(db)
    plan = practice_plan(db)
    kinds = [p.drill.kind for p in plan.proposals()]
    assert "drill" in kinds
    untried = next(p for p in plan.proposals() if p.drill.kind == "drill")
    assert untried.reason.startswith("You stop most at the exam (2 of your 2 stops)")
    assert "you have not done a " in untried.reason
    take_set(db, "grammar", 6)
    plan = practice_plan(db)
    grammar = next(d for d in plan.drills if d.key == "grammar")
    assert (grammar.kind, grammar.count, grammar.detail, grammar.score) == (
        "drill",
        1,
        "6 of 10",
        60.0,
    )
    proposal = next(p for p in plan.proposals(limit=20) if p.drill.key == "grammar")
    assert "your last grammar set: 6 of 10, today" in proposal.reason
    assert proposal.milestone == "exam"
    # The next day, the weak grammar set comes before the sets not tried yet.
    db.clock = Clock.starting_at(START + timedelta(days=1))
    plan = practice_plan(db)
    first = plan.proposals()[0]
    assert (first.drill.kind, first.drill.key) == ("drill", "grammar")
    assert first.reason == (
        "You stop most at the exam (2 of your 2 stops); your last grammar set: 6 of 10, yesterday."
    )
    assert "Start with “Grammar set”: your last grammar set: 6 of 10" in plan.headline(
        plan.proposals()
    )


def test_a_weaker_set_weighs_more_than_a_strong_one(db: Database) -> None:
    stop_at_the_exam(db)
    take_set(db, "grammar", 4)
    take_set(db, "reading", 9)
    weights = {p.drill.key: p.weight for p in practice_plan(db).proposals(limit=40)}
    assert weights["grammar"] > weights["reading"]


def test_the_exam_packet_shows_the_latest_sets_against_the_target(db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Northline Contact Centre"))
    record_outcome(db, app, "phone-interview", "passed")
    record_outcome(db, app, "in-person-interview", "passed")
    data = gather_packet(db, app)
    assert data.step.stage_key == "exam"
    assert data.drills == ()
    assert "No timed drill sets yet" in pdf_text(write_packet, data)
    take_set(db, "grammar", 6)
    take_set(db, "aptitude", 17, size=20)
    data = gather_packet(db, app)
    assert [(d.title, d.result, d.percent) for d in data.drills or ()] == [
        ("Grammar set", "6 of 10", 60.0),
        ("Mixed aptitude set", "17 of 20", 85.0),
    ]
    text = pdf_text(write_packet, data)
    assert "Your practice sets" in text
    assert "Grammar set 6 of 10 (60%)" in text and "aim for 80%" in text
    assert "Mixed aptitude set 17 of 20 (85%)" in text and "on target" in text


def test_a_packet_for_an_interview_leaves_the_drills_out(db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Northline Contact Centre"))
    take_set(db, "grammar", 6)
    data = gather_packet(db, app)
    assert data.step.stage_key == "phone-interview" and data.drills is None
    assert "Your practice sets" not in pdf_text(write_packet, data)


def test_the_report_lists_drill_scores_with_their_counts(db: Database) -> None:
    add_application(db, ApplicationForm(company="Acme", applied_on="2026-11-01"))
    take_set(db, "reading", 7)
    data = gather_report(db)
    [entry] = data.scores
    assert (entry.kind, entry.label, entry.result) == ("reading", "Reading drill", "7 of 10 (70%)")
    text = pdf_text(write_report, data)
    assert "Reading drill 7 of 10 (70%)" in text
