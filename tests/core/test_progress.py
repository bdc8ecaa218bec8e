"""core/progress.py: furthest and current milestone, by hand-worked cases."""

from __future__ import annotations

from nextcall.core.progress import CatalogueStage, compute_progress
from nextcall.core.stages import MILESTONE_KEYS

CATALOGUE = [CatalogueStage(i, key, i * 10.0, True) for i, key in enumerate(MILESTONE_KEYS, 1)]
ID = {st.key: st.id for st in CATALOGUE}


def progress(status: str = "active", unused: tuple[str, ...] = (), **outcomes: str):  # type: ignore[no-untyped-def]
    by_id = {ID[key.replace("_", "-")]: value for key, value in outcomes.items()}
    return compute_progress(CATALOGUE, by_id, [ID[k] for k in unused], status)


def key(stage_id: int | None) -> str | None:
    return None if stage_id is None else MILESTONE_KEYS[stage_id - 1]


def test_new_application_waits_at_the_first_milestone() -> None:
    p = progress(application="pending")
    assert (key(p.furthest_stage_id), p.furthest_outcome) == ("application", "pending")
    assert (key(p.current_stage_id), p.current_state) == ("application", "pending")


def test_after_a_pass_the_next_milestone_is_offered() -> None:
    p = progress(application="passed", phone_interview="passed")
    assert (key(p.current_stage_id), p.current_state) == ("in-person-interview", "next")


def test_account_tests_and_unused_stages_are_not_offered_as_next() -> None:
    p = progress(
        unused=("final-interview",), application="passed", exam="passed", mock_call="passed"
    )
    assert (key(p.current_stage_id), p.current_state) == ("job-offer", "next")


def test_rejection_keeps_the_furthest_milestone() -> None:
    p = progress(status="rejected", application="passed", exam="failed")
    assert (key(p.furthest_stage_id), p.furthest_outcome) == ("exam", "failed")
    assert (key(p.current_stage_id), p.current_state) == ("exam", "closed")
    assert p.furthest_position == 40.0


def test_skipped_is_not_reached_and_scheduled_is() -> None:
    p = progress(application="passed", exam="skipped", mock_call="scheduled")
    assert key(p.furthest_stage_id) == "mock-call"
    assert (key(p.current_stage_id), p.current_state) == ("mock-call", "scheduled")
    p = progress(application="passed", exam="skipped")
    assert key(p.furthest_stage_id) == "application"


def test_nothing_recorded() -> None:
    p = progress()
    assert p.furthest_stage_id is None
    assert (key(p.current_stage_id), p.current_state) == ("application", "next")
    assert progress(status="withdrawn").current_state == "closed"


def test_user_stage_between_milestones() -> None:
    catalogue = [*CATALOGUE, CatalogueStage(99, "second-interview", 95.0, False)]
    p = compute_progress(
        catalogue, {ID["final-interview"]: "passed", 99: "scheduled"}, [], "active"
    )
    assert (p.current_stage_id, p.current_state, p.furthest_stage_id) == (99, "scheduled", 99)
