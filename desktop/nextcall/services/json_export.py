"""Everything in the profile as one NextCall JSON file (export/json_format.py has the format).

Records are written in the order they were created, and linked with ``ref`` numbers counted
in that order, so exporting a profile that was imported from a file gives the same file back.
Progress columns and other values the app derives are left out: importing recomputes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.export.files import write_atomically
from nextcall.export.json_format import dump
from nextcall.services.database import Database
from nextcall.store.models import (
    Application,
    Company,
    Contact,
    FollowUp,
    Note,
    NoteTag,
    PracticeSession,
    Question,
    Setting,
    Stage,
    StageChange,
    StageEvent,
    Tag,
    TestScore,
    UnusedStage,
)

_APPLICATION_COLUMNS = (
    "position account_type source url applied_on site shift salary_expected salary_offered "
    "status closing_reason last_contact_on offer_pay offer_shift offer_site offer_start_on "
    "offer_notes answer_ability answer_motivation answer_fit answer_confidence notes "
    "deleted_at created_at updated_at"
)
APPLICATION_FIELDS = tuple(_APPLICATION_COLUMNS.split())


@dataclass(frozen=True)
class JsonExport:
    path: Path
    applications: int
    notes: int


def _columns(row: Any, names: str | tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of ``row`` (``names``: a tuple, or a string of space-separated
    names)."""
    fields = names.split() if isinstance(names, str) else names
    return {name: getattr(row, name) for name in fields}


def _all(s: Session, model: Any) -> list[Any]:
    return list(s.execute(select(model).order_by(model.id)).scalars())


def collect(s: Session) -> dict[str, Any]:
    """The profile's records, as json_format.dump takes them."""
    stages = {st.id: st for st in s.execute(select(Stage)).scalars()}
    companies = {c.id: c for c in _all(s, Company)}
    contact_ref: dict[int, int] = {}
    contacts = []
    for ref, contact in enumerate(_all(s, Contact), start=1):
        contact_ref[contact.id] = ref
        row = _columns(contact, "name role email phone memory_hook")
        contacts.append({"ref": ref, "company": companies[contact.company_id].name, **row})
    events_by_app: dict[int, list[StageEvent]] = {}
    for event in _all(s, StageEvent):
        events_by_app.setdefault(event.application_id, []).append(event)
    history: dict[int, list[dict[str, Any]]] = {}
    for change in _all(s, StageChange):
        history.setdefault(change.application_id, []).append(
            {
                "stage": stages[change.stage_id].key,
                "outcome": change.outcome,
                "changed_at": change.changed_at,
            }
        )
    unused: dict[int, list[Stage]] = {}
    for item in s.execute(select(UnusedStage)).scalars():
        unused.setdefault(item.application_id, []).append(stages[item.stage_id])
    app_ref: dict[int, int] = {}
    event_ref: dict[int, int] = {}
    applications = []
    for ref, app in enumerate(_all(s, Application), start=1):
        app_ref[app.id] = ref
        events = []
        for event in events_by_app.get(app.id, []):
            event_ref[event.id] = len(event_ref) + 1
            events.append(
                {
                    "ref": event_ref[event.id],
                    "stage": stages[event.stage_id].key,
                    "contact": contact_ref.get(event.contact_id) if event.contact_id else None,
                    "checks": json.loads(event.checks or "[]"),
                    **_columns(
                        event,
                        "outcome scheduled_at happened_on score interviewer created_at updated_at",
                    ),
                }
            )
        applications.append(
            {
                "ref": ref,
                "company": companies[app.company_id].name,
                **_columns(app, APPLICATION_FIELDS),
                "events": events,
                "history": history.get(app.id, []),
                "unused_stages": [
                    st.key for st in sorted(unused.get(app.id, []), key=lambda st: st.position)
                ],
            }
        )
    tags = _all(s, Tag)
    tag_keys = {t.id: t.key for t in tags}
    note_tags: dict[int, list[str]] = {}
    for pair in s.execute(select(NoteTag)).scalars():
        note_tags.setdefault(pair.note_id, []).append(tag_keys[pair.tag_id])

    def link(refs: dict[int, int], value: int | None) -> int | None:
        return refs.get(value) if value is not None else None

    return {
        "companies": [
            _columns(c, "name notes reapply_after created_at") for c in companies.values()
        ],
        "stages": [
            _columns(st, "key name position guidance")
            for st in sorted(stages.values(), key=lambda st: (st.position, st.id))
            if not st.builtin
        ],
        "tags": [_columns(t, "key name builtin") for t in tags],
        "contacts": contacts,
        "applications": applications,
        "notes": [
            {
                "application": link(app_ref, n.application_id),
                "stage_event": link(event_ref, n.stage_event_id),
                "contact": link(contact_ref, n.contact_id),
                "tags": sorted(note_tags.get(n.id, [])),
                **_columns(n, "kind body fix created_at updated_at"),
            }
            for n in _all(s, Note)
        ],
        "follow_ups": [
            {
                "application": app_ref[f.application_id],
                "stage_event": link(event_ref, f.stage_event_id),
                **_columns(
                    f,
                    "kind title due_at state snoozed_until rule_key done_at created_at",
                ),
            }
            for f in _all(s, FollowUp)
        ],
        "questions": [
            _columns(q, "playbook_key category text answer confidence last_practised_at")
            for q in _all(s, Question)
        ],
        "practice_sessions": [
            {
                "scores": json.loads(p.scores or "{}"),
                **_columns(p, "scenario_key started_at duration_s comment notes recording"),
            }
            for p in _all(s, PracticeSession)
        ],
        "test_scores": [
            {
                "application": link(app_ref, t.application_id),
                "stage_event": link(event_ref, t.stage_event_id),
                **_columns(t, "kind value accuracy taken_on notes"),
            }
            for t in _all(s, TestScore)
        ],
        "settings": {row.key: row.value for row in s.execute(select(Setting)).scalars()},
    }


def json_bytes(db: Database, *, exported_at: datetime | None = None) -> bytes:
    with db.session() as s:
        sections = collect(s)
    return dump(sections, exported_at=exported_at or db.clock.now())


def _write(data: bytes, handle: IO[bytes]) -> None:
    handle.write(data)


def export_json(db: Database, target: Path) -> JsonExport:
    """Write everything to ``target`` (atomically, readable by the user only)."""
    data = json_bytes(db)
    document = json.loads(data)
    write_atomically(target, partial(_write, data))
    return JsonExport(Path(target), len(document["applications"]), len(document["notes"]))
