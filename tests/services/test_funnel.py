"""services/funnel.py: counts from data entered through the real services, against hand counts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nextcall.core.errors import ValidationError
from nextcall.core.funnel import FunnelResult
from nextcall.services import funnel as funnel_service
from nextcall.services.applications import (
    ApplicationForm,
    add_application,
    delete_application,
    get_form,
)
from nextcall.services.database import Database
from nextcall.services.funnel import account_types, funnel
from nextcall.services.stages import add_stage, record_outcome, set_checks, set_unused
from nextcall.store.models import Note, Tag

EARLY = "2026-09-01"
LATE = "2026-11-01"


def apply(db: Database, company: str, account: str, applied: str) -> int:
    return add_application(
        db, ApplicationForm(company=company, account_type=account, applied_on=applied)
    )


def path(db: Database, app_id: int, *steps: str) -> dict[str, int]:
    """Record ``key=outcome`` steps in order; returns the event ids by key."""
    ids = {}
    for step in steps:
        key, outcome = step.split("=")
        ids[key] = record_outcome(db, app_id, key, outcome)
    return ids


def tag_note(db: Database, app_id: int, *tags: tuple[str, str]) -> None:
    with db.session() as s:
        note = Note(application_id=app_id, kind="feedback", body="Tip", fix="")
        for key, name in tags:
            tag = s.execute(select(Tag).where(Tag.key == key)).scalar_one_or_none()
            note.tags.append(tag or Tag(key=key, name=name, builtin=True))
        s.add(note)


VOLUME = ("voice-volume", "Voice volume")
CONFIDENCE = ("confidence", "Confidence")
GRAMMAR = ("english-grammar", "English grammar")


@pytest.fixture
def hunt(db: Database) -> dict[str, int]:
    """Nine live applications and one in the trash; the hand counts are in the tests."""
    add_stage(db, "Second interview", "in-person-interview", key="second-interview")
    apps = {
        "A": apply(db, "Harborline BPO", "Telco", EARLY),
        "B": apply(db, "Bluewave", "Telco", EARLY),
        "C": apply(db, "Crestview", "Bank", EARLY),
        "D": apply(db, "Dunmore", "Bank", EARLY),
        "E": apply(db, "Eastgate", "Telco", EARLY),
        "F": apply(db, "Foxhill (deleted)", "Telco", EARLY),
        "G": apply(db, "Fairway", "Telco", LATE),
        "H": apply(db, "Greenfield", "Bank", LATE),
        "I": apply(db, "Hilltop", "Bank", LATE),
        "J": apply(db, "Ironbridge", "", LATE),
    }
    ok = "application=passed"
    path(db, apps["A"], ok, "phone-interview=passed", "in-person-interview=passed", "exam=failed")
    b = path(db, apps["B"], ok, "phone-interview=failed")
    # C: nothing recorded for the in-person interview, yet it sat the exam (implied pass).
    path(db, apps["C"], ok, "phone-interview=passed", "exam=passed", "mock-call=scheduled")
    d = path(db, apps["D"], ok, "phone-interview=no-show")
    path(db, apps["E"], "application=pending")
    path(db, apps["F"], ok, "phone-interview=failed")
    path(db, apps["G"], ok, "phone-interview=passed")
    set_unused(db, apps["G"], "in-person-interview", True)
    path(db, apps["G"], "exam=pending")
    path(
        db,
        apps["H"],
        ok,
        "phone-interview=passed",
        "in-person-interview=passed",
        "second-interview=failed",
    )
    path(
        db,
        apps["I"],
        ok,
        "phone-interview=passed",
        "in-person-interview=passed",
        "exam=passed",
        "mock-call=passed",
        "final-interview=pending",
    )
    path(db, apps["J"], ok, "phone-interview=skipped", "in-person-interview=passed")

    set_checks(db, b["phone-interview"], ["volume", "confidence"])
    set_checks(db, d["phone-interview"], ["volume"])
    tag_note(db, apps["B"], VOLUME, CONFIDENCE)
    tag_note(db, apps["B"], VOLUME)  # the same tag twice on one application counts once
    tag_note(db, apps["D"], VOLUME)
    tag_note(db, apps["A"], GRAMMAR)  # A stopped at the exam, not the phone interview
    tag_note(db, apps["F"], VOLUME)
    delete_application(db, apps["F"])
    return apps


def table(result: FunnelResult) -> dict[str, tuple[int, int, int, int]]:
    return {r.key: (r.reached, r.passed, r.failed, r.pending) for r in result.rows}


def test_counts_match_the_hand_count(db: Database, hunt: dict[str, int]) -> None:
    result = funnel(db)
    assert table(result) == {
        # key: (reached, passed, failed, pending)
        "application": (9, 8, 0, 1),
        "phone-interview": (7, 5, 2, 0),  # B failed, D no-show; J skipped; F is in the trash
        "in-person-interview": (5, 5, 0, 0),  # C implied; G marked it unused
        "second-interview": (1, 0, 1, 0),
        "exam": (4, 2, 1, 1),
        "mock-call": (2, 1, 0, 1),
        "sales-test": (0, 0, 0, 0),  # account-dependent: never implied
        "customer-service-test": (0, 0, 0, 0),
        "tech-support-test": (0, 0, 0, 0),
        "final-interview": (1, 0, 0, 1),
        "job-offer": (0, 0, 0, 0),
    }
    assert list(table(result)) == [
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
    rows = {r.key: r for r in result.rows}
    assert rows["in-person-interview"].implied == 1
    assert rows["phone-interview"].pass_rate == pytest.approx(5 / 7)
    assert rows["job-offer"].pass_rate is None
    assert (result.applications, result.stopped) == (9, 4)


def test_failing_the_exam_keeps_the_exam_reached(db: Database, hunt: dict[str, int]) -> None:
    assert get_form(db, hunt["A"]).status == "rejected"
    rows = {r.key: r for r in funnel(db).rows}
    assert rows["exam"].reached == 4 and rows["exam"].failed == 1
    assert rows["phone-interview"].passed == 5  # A passed it before being rejected


def test_stop_milestone_checks_tags_and_sentence(db: Database, hunt: dict[str, int]) -> None:
    result = funnel(db)
    assert result.stop is not None
    assert result.stop.row.key == "phone-interview"
    assert [(t.key, t.count) for t in result.stop.checks] == [("volume", 2), ("confidence", 1)]
    assert [(t.key, t.count) for t in result.stop.tags] == [
        ("voice-volume", 2),
        ("confidence", 1),
    ]
    assert result.summary == (
        "Your applications stop most often at the phone interview (2 of the 4 that stopped). "
        "The checks you ticked most there: voice volume (2), confidence (1). "
        "Your notes on them point to: voice volume (2), confidence (1)."
    )


def test_account_filter(db: Database, hunt: dict[str, int]) -> None:
    bank = funnel(db, account_type="Bank")  # C, D, H, I
    counts = table(bank)
    assert counts["application"] == (4, 4, 0, 0)
    assert counts["phone-interview"] == (4, 3, 1, 0)
    assert counts["second-interview"] == (1, 0, 1, 0)
    assert counts["exam"] == (2, 2, 0, 0)
    # A tie (one failed at each): the earlier milestone is the stop milestone.
    assert bank.stop is not None and bank.stop.row.key == "phone-interview"
    assert [(t.key, t.count) for t in bank.stop.checks] == [("volume", 1)]
    unset = table(funnel(db, account_type=""))  # J only
    assert unset["in-person-interview"] == (1, 1, 0, 0)
    assert unset["phone-interview"] == (0, 0, 0, 0)
    assert account_types(db) == ["", "Bank", "Telco"]


def test_date_filter(db: Database, hunt: dict[str, int]) -> None:
    late = funnel(db, since=date(2026, 10, 1))  # G, H, I, J
    assert table(late)["application"] == (4, 4, 0, 0)
    assert table(late)["phone-interview"] == (3, 3, 0, 0)
    assert late.stop is not None and late.stop.row.key == "second-interview"
    early = funnel(db, until=date(2026, 9, 30))  # A, B, C, D, E
    assert table(early)["application"] == (5, 4, 0, 1)
    assert table(early)["exam"] == (2, 1, 1, 0)
    nobody = funnel(db, since=date(2026, 11, 10), until=date(2026, 11, 20))
    assert all(r.reached == 0 for r in nobody.rows)
    assert nobody.summary.startswith("No milestone outcomes are recorded")
    # The own stage stays listed (used by a live application) even when filtered out.
    assert "second-interview" in table(nobody)
    with pytest.raises(ValidationError):
        funnel(db, since=date(2026, 11, 2), until=date(2026, 11, 1))


def test_filter_that_matches_everything_agrees_with_no_filter(
    db: Database, hunt: dict[str, int]
) -> None:
    assert table(funnel(db, since=date(2000, 1, 1))) == table(funnel(db))


@pytest.mark.parametrize("directly", [True, False])
def test_both_ways_of_counting_outcomes_agree(
    db: Database, hunt: dict[str, int], monkeypatch: pytest.MonkeyPatch, directly: bool
) -> None:
    """Kept applications' events counted directly, or all events minus the left-out ones'."""
    expected = {
        "all": table(funnel(db)),
        "bank": table(funnel(db, account_type="Bank")),
        "late": table(funnel(db, since=date(2026, 10, 1))),
    }
    monkeypatch.setattr(funnel_service, "_count_kept_directly", lambda s, params: directly)
    monkeypatch.setattr(funnel_service, "MANY_IDS", 0)  # the left-out events by one index pass
    assert table(funnel(db)) == expected["all"]
    assert table(funnel(db, account_type="Bank")) == expected["bank"]
    assert table(funnel(db, since=date(2026, 10, 1))) == expected["late"]


def test_furthest_counted_by_stage_id_when_positions_do_not_match(
    db: Database, hunt: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = table(funnel(db))
    odd = "SELECT furthest_position + 0.001, count(*) FROM applications GROUP BY 1"
    monkeypatch.setattr(funnel_service, "FURTHEST_ALL", odd)
    assert table(funnel(db)) == expected


def test_an_own_stage_nobody_used_is_not_listed(db: Database) -> None:
    add_stage(db, "Typing test", "exam", key="typing-test")
    result = funnel(db)
    assert [r.key for r in result.rows] == [
        "application",
        "phone-interview",
        "in-person-interview",
        "exam",
        "mock-call",
        "sales-test",
        "customer-service-test",
        "tech-support-test",
        "final-interview",
        "job-offer",
    ]
    assert result.summary.startswith("No milestone outcomes recorded yet.")
