"""The event counts kept in ``stage_outcome_counts`` (store/outcome_counts.py) always equal a
recount of the events themselves: after recording, changing and undoing outcomes, trashing,
purging, importing, cascades that bypass the services, and a trigger lost to a table rebuild;
and the funnel built on them equals one counted from the events."""

from __future__ import annotations

from sqlalchemy import delete, update

from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.funnel import funnel
from nextcall.services.json_export import json_bytes
from nextcall.services.json_import import import_json
from nextcall.services.stages import record_outcome
from nextcall.store import outcome_counts
from nextcall.store.models import Application, StageEvent

RECOUNT = (
    "SELECT stage_id, outcome, count(*) FROM stage_events GROUP BY stage_id, outcome ORDER BY 1, 2"
)
STORED = (
    "SELECT stage_id, outcome, events FROM stage_outcome_counts WHERE events <> 0 ORDER BY 1, 2"
)


def stored(db: Database) -> list[tuple[int, str, int]]:
    with db.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(STORED)]  # type: ignore[misc]


def recount(db: Database) -> list[tuple[int, str, int]]:
    with db.engine.connect() as c:
        return [tuple(r) for r in c.exec_driver_sql(RECOUNT)]  # type: ignore[misc]


def check(db: Database) -> None:
    assert stored(db) == recount(db)
    with db.engine.connect() as c:
        negative = c.exec_driver_sql("SELECT count(*) FROM stage_outcome_counts WHERE events < 0")
        assert negative.scalar_one() == 0


def two_applications(db: Database) -> tuple[int, int]:
    a = add_application(db, ApplicationForm(company="Bluewave", applied_on="2026-08-02"))
    b = add_application(db, ApplicationForm(company="Harborline", applied_on="2026-08-03"))
    return a, b


def test_recording_and_changing_outcomes_moves_the_counts(db: Database) -> None:
    a, b = two_applications(db)
    check(db)
    assert stored(db)  # "application sent" counted for both
    record_outcome(db, a, "phone-interview", "scheduled")
    check(db)
    phone = record_outcome(db, a, "phone-interview", "passed")  # the same event, another outcome
    record_outcome(db, a, "exam", "failed")
    exam = record_outcome(db, b, "exam", "no-show")
    check(db)
    with db.session() as s:  # an event moved to another milestone
        moved_to = s.get(StageEvent, phone)
        assert moved_to is not None
        s.execute(
            update(StageEvent).where(StageEvent.id == exam).values(stage_id=moved_to.stage_id)
        )
    check(db)


def test_trash_is_counted_and_purges_and_cascades_are_taken_away(db: Database) -> None:
    a, b = two_applications(db)
    record_outcome(db, a, "exam", "failed")
    record_outcome(db, b, "mock-call", "passed")
    before = stored(db)
    delete_application(db, b)  # in the trash: its events are still there, still counted
    assert stored(db) == before
    check(db)
    with db.session() as s:  # purged: its events go by the foreign key's cascade
        s.execute(delete(Application).where(Application.id == b))
    check(db)
    with db.session() as s:
        s.execute(delete(StageEvent))
    check(db)
    assert stored(db) == []


def test_imports_and_the_demo_are_counted(db: Database) -> None:
    fill_demo(db)
    check(db)
    data = json_bytes(db)
    with db.session() as s:
        s.execute(delete(Application))
    check(db)
    import_json(db, data)
    check(db)


def test_a_missing_trigger_is_put_back_and_the_table_counted_again(db: Database) -> None:
    a, _ = two_applications(db)
    with db.engine.begin() as c:
        c.exec_driver_sql("DROP TRIGGER stage_outcome_counts_ai")
    record_outcome(db, a, "exam", "passed")
    assert stored(db) != recount(db)  # drifted while the trigger was gone
    with db.engine.begin() as c:
        outcome_counts.ensure(c)
    check(db)


def test_the_funnel_reads_the_counts(db: Database) -> None:
    """The funnel's outcomes come from the counts: a count that disagreed with the events
    would show (here, doubled by hand)."""
    a, b = two_applications(db)
    record_outcome(db, a, "exam", "failed")
    record_outcome(db, b, "exam", "passed")
    counted = funnel(db)
    with db.engine.begin() as c:
        c.exec_driver_sql("UPDATE stage_outcome_counts SET events = events * 2")
    assert funnel(db) != counted
    with db.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM stage_outcome_counts")
        c.exec_driver_sql(outcome_counts.FILL)
    assert funnel(db) == counted
