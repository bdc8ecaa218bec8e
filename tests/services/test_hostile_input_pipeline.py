"""Hostile input through the pipeline services (milestone outcomes, follow-ups, bulk add): the
same rule as test_hostile_input.py. Succeed and read back exactly, or refuse with a clear
NextCallError; the database stays sound after every example."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hostile import (
    attempt,
    check_database,
    dates,
    datetimes,
    examples,
    ids,
    numbers,
    ok,
    spoiled,
    text,
)
from nextcall.core.companies import company_key
from nextcall.core.stages import MILESTONE_KEYS, Outcome
from nextcall.core.validation import clean_text
from nextcall.services import bulk, follow_ups, stages
from nextcall.services.applications import ApplicationForm, add_application, get_form
from nextcall.services.database import Database
from nextcall.store.models import StageEvent

OUTCOME_CALLS = spoiled(
    valid={
        "stage": st.sampled_from(MILESTONE_KEYS),
        "outcome": st.sampled_from([o.value for o in Outcome]),
        "on": st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 12, 31))),
        "scheduled_at": st.one_of(st.none(), st.datetimes(datetime(2026, 1, 1))),
        "score": st.one_of(st.none(), st.floats(0, 1000)),
        "interviewer": st.one_of(st.none(), st.sampled_from(["Ana Cruz", "  Ben  "])),
    },
    hostile={
        "stage": text,
        "outcome": st.one_of(text, st.sampled_from(list(Outcome))),
        "on": dates,
        "scheduled_at": datetimes,
        "score": numbers,
        "interviewer": text,
    },
)


@examples(180)
@given(call=OUTCOME_CALLS, target=ids)
def test_record_outcome_round_trips_or_refuses(
    db: Database, call: dict[str, Any], target: int
) -> None:
    app_id = add_application(db, ApplicationForm("Stage Co"))
    stage, outcome = call.pop("stage"), call.pop("outcome")
    for application_id in (app_id, target):
        event_id = attempt(
            lambda a=application_id: stages.record_outcome(db, a, stage, outcome, **call)
        )
        if not ok(event_id):
            continue
        with db.session() as s:
            event = s.get(StageEvent, event_id)
            assert event is not None
            result = outcome if isinstance(outcome, Outcome) else stages.parse_outcome(outcome)
            assert event.outcome == result.value
            if call["score"] is not None:
                assert event.score == call["score"]
            if call["interviewer"] is not None:
                assert event.interviewer == clean_text(
                    call["interviewer"], field="interviewer", max_length=200
                )
            if result is not Outcome.SCHEDULED:
                assert event.happened_on == (call["on"] or db.clock.today())
        assert ok(attempt(lambda a=application_id: stages.stage_states(db, a)))
        assert ok(attempt(lambda: follow_ups.today_list(db)))
    check_database(db)


FOLLOW_UP_CALLS = spoiled(
    valid={
        "title": st.sampled_from(["Call Ana", "  Send   the CV  "]),
        "due": st.one_of(
            st.dates(date(2020, 1, 1), date(2030, 1, 1)),
            st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)),
        ),
        "until": st.datetimes(datetime(2026, 11, 21), datetime(2030, 1, 1)),
        "days": st.integers(1, 30),
    },
    hostile={
        "title": text,
        "due": st.one_of(dates, datetimes),
        "until": datetimes,
        "days": st.one_of(st.integers(-5, 5000), st.sampled_from([10**6, 10**9, -(10**9), 2**63])),
    },
)


@examples(150)
@given(call=FOLLOW_UP_CALLS, target=ids)
def test_follow_ups_round_trip_or_refuse(db: Database, call: dict[str, Any], target: int) -> None:
    title, due, until, days = call["title"], call["due"], call["until"], call["days"]
    app_id = add_application(db, ApplicationForm("Follow Co"))
    for application_id in (app_id, target):
        item_id = attempt(lambda a=application_id: follow_ups.add_custom(db, a, title, due))
        if not ok(item_id):
            continue
        item = follow_ups.get_item(db, item_id)  # type: ignore[arg-type]
        assert item.title == " ".join(title.split())
        expected = due if isinstance(due, datetime) else datetime.combine(due, time(9))
        assert item.due == expected
        snoozed = attempt(lambda i=item_id: follow_ups.snooze(db, i, until))
        if ok(snoozed):
            assert follow_ups.get_item(db, item_id).due == until  # type: ignore[arg-type]
        attempt(lambda i=item_id: follow_ups.snooze_days(db, i, days))
        assert ok(attempt(lambda: follow_ups.today_list(db)))
    attempt(lambda: follow_ups.snooze(db, target, until))
    attempt(lambda: follow_ups.mark_done(db, target))
    attempt(lambda: follow_ups.delete_custom(db, target))
    check_database(db)


BULK_CALLS = spoiled(
    valid={
        "names": st.lists(st.sampled_from(["Acme", "Bolt Ltd", "Crest"]), max_size=4),
        "position": st.sampled_from(["", "Agent"]),
        "source": st.sampled_from(["", "JobStreet"]),
        "applied_on": st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2026, 11, 20))),
    },
    hostile={
        "names": st.lists(text, max_size=6),
        "position": text,
        "source": text,
        "applied_on": dates,
    },
)


@examples(100)
@given(call=BULK_CALLS, duplicates=st.booleans())
def test_bulk_add_adds_every_name_exactly_or_refuses(
    db: Database, call: dict[str, Any], duplicates: bool
) -> None:
    pasted = "\n".join(call.pop("names"))
    seen = attempt(lambda: bulk.preview(db, pasted, **call))
    if not ok(seen):
        check_database(db)
        return
    done = attempt(lambda: bulk.commit(db, seen, allow_duplicates=duplicates))  # type: ignore[arg-type]
    if ok(done):
        for added in done.added:  # type: ignore[union-attr]
            form = get_form(db, added.application_id)
            assert company_key(form.company) == company_key(added.item.name)
            assert form.position == seen.position  # type: ignore[union-attr]
            assert form.source == seen.source  # type: ignore[union-attr]
    check_database(db)
