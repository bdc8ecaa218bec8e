"""The board: which column each open application sits in, and moving cards forward only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import event

from nextcall.core.errors import ValidationError
from nextcall.core.stages import MILESTONE_KEYS, Outcome
from nextcall.services import stages
from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.board import BoardColumn, board, column_of, move, move_targets
from nextcall.services.database import Database


def add(db: Database, company: str, applied_on: str = "2026-11-15", **extra: str) -> int:
    return add_application(db, ApplicationForm(company=company, applied_on=applied_on, **extra))


def columns_by_key(db: Database) -> dict[str, BoardColumn]:
    return {column.key: column for column in board(db)}


def companies(column: BoardColumn) -> list[str]:
    return [card.company for card in column.cards]


def outcomes(db: Database, application_id: int) -> dict[str, str | None]:
    return {
        st.stage.key: ("unused" if st.unused else st.outcome)
        for st in stages.stage_states(db, application_id)
    }


@contextmanager
def counting_statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        if args[2].lstrip().upper().startswith("SELECT"):
            seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_an_empty_profile_shows_the_ten_milestones_in_order(db: Database) -> None:
    columns = board(db)
    assert tuple(column.key for column in columns) == MILESTONE_KEYS
    assert all(column.cards == () for column in columns)


def test_open_applications_sit_in_their_current_milestone(db: Database) -> None:
    waiting = add(db, "Harborline BPO", position="CSR", account_type="Telco")
    phone = add(db, "Bluewave Contact")
    stages.record_outcome(
        db, phone, "phone-interview", Outcome.SCHEDULED, scheduled_at=datetime(2026, 11, 24, 10)
    )
    after_phone = add(db, "Crestpoint Global")
    stages.record_outcome(db, after_phone, "phone-interview", Outcome.PASSED)
    offer = add(db, "Deltaserve")
    stages.record_outcome(db, offer, "job-offer", Outcome.PENDING)
    rejected = add(db, "Evercall")
    stages.record_outcome(db, rejected, "exam", Outcome.FAILED)
    deleted = add(db, "Fairway Connect")
    delete_application(db, deleted)

    columns = columns_by_key(db)

    assert companies(columns["application"]) == ["Harborline BPO"]
    assert companies(columns["phone-interview"]) == ["Bluewave Contact"]
    assert companies(columns["in-person-interview"]) == ["Crestpoint Global"]
    assert companies(columns["job-offer"]) == ["Deltaserve"]
    assert sum(len(column.cards) for column in columns.values()) == 4  # no closed, no trash

    card = columns["application"].cards[0]
    assert (card.application_id, card.position, card.account_type) == (waiting, "CSR", "Telco")
    assert card.state == "pending"
    assert card.scheduled_at is None
    assert card.days_since_contact == 5  # applied on the 15th, today is the 20th
    scheduled = columns["phone-interview"].cards[0]
    assert (scheduled.state, scheduled.scheduled_at) == ("scheduled", datetime(2026, 11, 24, 10))
    assert columns["in-person-interview"].cards[0].state == "next"
    assert columns["job-offer"].cards[0].state == "pending"


def test_cards_are_sorted_scheduled_first_by_date_then_by_company(db: Database) -> None:
    for name in ("Zenith Voice", "alpha Desk", "Mid Range"):
        add(db, name)
    late, early = add(db, "Late Co"), add(db, "Yearly Co")
    stages.record_outcome(
        db, late, "application", Outcome.SCHEDULED, scheduled_at=datetime(2026, 11, 27, 9)
    )
    stages.record_outcome(
        db, early, "application", Outcome.SCHEDULED, scheduled_at=datetime(2026, 11, 21, 9)
    )

    column = columns_by_key(db)["application"]

    assert companies(column) == ["Yearly Co", "Late Co", "alpha Desk", "Mid Range", "Zenith Voice"]


def test_a_user_stage_gets_a_column_only_while_an_open_application_uses_it(
    db: Database,
) -> None:
    second = stages.add_stage(db, "Second interview", after_key="in-person-interview")
    assert second.key not in columns_by_key(db)

    used = add(db, "Harborline BPO")
    stages.record_outcome(db, used, second.key, Outcome.SCHEDULED)
    keys = [column.key for column in board(db)]
    assert keys.index(second.key) == keys.index("in-person-interview") + 1
    assert companies(columns_by_key(db)[second.key]) == ["Harborline BPO"]

    stages.record_outcome(db, used, second.key, Outcome.FAILED)  # closed: rejected
    assert second.key not in columns_by_key(db)


def test_the_board_is_read_in_a_fixed_number_of_queries(db: Database) -> None:
    for number in range(30):
        app = add(db, f"Company {number:02}")
        if number % 3 == 0:
            stages.record_outcome(db, app, "exam", Outcome.SCHEDULED)

    with counting_statements(db) as statements:
        columns = board(db)

    assert sum(len(column.cards) for column in columns) == 30
    assert len(statements) <= 2


def test_moving_forward_passes_the_milestones_in_between(db: Database) -> None:
    app = add(db, "Harborline BPO")

    assert move(db, app, "in-person-interview") is True

    recorded = outcomes(db, app)
    assert recorded["application"] == Outcome.PASSED.value
    assert recorded["phone-interview"] == Outcome.PASSED.value
    assert recorded["in-person-interview"] == Outcome.SCHEDULED.value
    assert recorded["exam"] is None
    assert companies(columns_by_key(db)["in-person-interview"]) == ["Harborline BPO"]


def test_moving_a_scheduled_card_on_passes_the_milestone_it_waited_on(db: Database) -> None:
    app = add(db, "Harborline BPO")
    stages.record_outcome(db, app, "phone-interview", Outcome.SCHEDULED)

    move(db, app, "in-person-interview")

    assert outcomes(db, app)["phone-interview"] == Outcome.PASSED.value
    assert column_of(db, app).key == "in-person-interview"


def test_skipped_account_tests_are_marked_unused_not_passed(db: Database) -> None:
    app = add(db, "Harborline BPO")
    stages.record_outcome(db, app, "mock-call", Outcome.SCHEDULED)

    move(db, app, "final-interview")

    recorded = outcomes(db, app)
    assert recorded["mock-call"] == Outcome.PASSED.value
    assert recorded["sales-test"] == "unused"
    assert recorded["customer-service-test"] == "unused"
    assert recorded["tech-support-test"] == "unused"
    assert recorded["final-interview"] == Outcome.SCHEDULED.value


def test_a_card_waiting_for_its_final_interview_can_still_take_an_account_test(
    db: Database,
) -> None:
    app = add(db, "Harborline BPO")
    stages.record_outcome(db, app, "mock-call", Outcome.PASSED)
    assert column_of(db, app).key == "final-interview"  # the tests depend on the account
    assert [st.key for st in move_targets(db, app)] == [
        "sales-test",
        "customer-service-test",
        "tech-support-test",
        "job-offer",
    ]

    move(db, app, "tech-support-test")

    recorded = outcomes(db, app)
    assert recorded["sales-test"] == "unused"
    assert recorded["customer-service-test"] == "unused"
    assert recorded["tech-support-test"] == Outcome.SCHEDULED.value
    assert recorded["final-interview"] is None
    assert column_of(db, app).key == "tech-support-test"


def test_moving_into_a_user_stage_another_application_uses(db: Database) -> None:
    second = stages.add_stage(db, "Second interview", after_key="in-person-interview")
    other = add(db, "Bluewave Contact")
    stages.record_outcome(db, other, second.key, Outcome.SCHEDULED)
    app = add(db, "Harborline BPO")

    move(db, app, second.key)

    recorded = outcomes(db, app)
    assert recorded[second.key] == Outcome.SCHEDULED.value
    assert recorded["in-person-interview"] == Outcome.PASSED.value
    assert companies(columns_by_key(db)[second.key]) == ["Bluewave Contact", "Harborline BPO"]


def test_moving_back_is_refused_and_changes_nothing(db: Database) -> None:
    app = add(db, "Harborline BPO")
    stages.record_outcome(db, app, "exam", Outcome.SCHEDULED)
    before = outcomes(db, app)

    with pytest.raises(ValidationError, match="erase recorded outcomes"):
        move(db, app, "phone-interview")
    with pytest.raises(ValidationError, match="erase recorded outcomes"):
        move(db, app, "application")

    assert outcomes(db, app) == before
    assert column_of(db, app).key == "exam"


def test_the_targets_of_a_waiting_card_are_the_later_columns(db: Database) -> None:
    app = add(db, "Harborline BPO")
    stages.record_outcome(db, app, "final-interview", Outcome.SCHEDULED)

    assert [st.key for st in move_targets(db, app)] == ["job-offer"]


def test_moving_to_the_same_column_does_nothing(db: Database) -> None:
    app = add(db, "Harborline BPO")
    before = outcomes(db, app)

    assert move(db, app, "application") is False
    assert outcomes(db, app) == before


def test_closed_applications_cannot_be_moved(db: Database) -> None:
    app = add(db, "Harborline BPO")
    stages.record_outcome(db, app, "phone-interview", Outcome.FAILED)

    with pytest.raises(ValidationError, match="only open applications"):
        move(db, app, "exam")


def test_an_unknown_milestone_is_refused(db: Database) -> None:
    app = add(db, "Harborline BPO")

    with pytest.raises(ValidationError, match="not a milestone"):
        move(db, app, "coffee-break")
