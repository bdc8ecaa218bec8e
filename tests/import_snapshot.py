"""Everything an import wrote, as plain values without database ids (ids become the record's
place in the file, stage ids their keys), so two imports can be compared record by record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from nextcall.services.database import Database

QUERIES = {
    "companies": "SELECT id, name, name_key, notes, created_at FROM companies ORDER BY id",
    "applications": (
        "SELECT a.id, a.company_id, a.position, a.account_type, a.source, a.url, a.applied_on,"
        " a.site, a.shift, a.salary_expected, a.status, a.closing_reason, a.last_contact_on,"
        " a.notes, f.key AS furthest, a.furthest_position, a.furthest_outcome, c.key AS current,"
        " a.current_position, a.current_state, a.next_follow_up_at, a.deleted_at, a.created_at,"
        " a.updated_at FROM applications a LEFT JOIN stages f ON f.id = a.furthest_stage_id"
        " LEFT JOIN stages c ON c.id = a.current_stage_id ORDER BY a.id"
    ),
    "events": (
        "SELECT e.id, e.application_id, s.key AS stage, e.outcome, e.scheduled_at,"
        " e.happened_on, e.score, e.interviewer, e.contact_id, e.checks, e.created_at,"
        " e.updated_at FROM stage_events e JOIN stages s ON s.id = e.stage_id"
        " ORDER BY e.application_id, s.position, e.id"
    ),
    "history": (
        "SELECT h.application_id, s.key AS stage, h.outcome, h.changed_at FROM stage_changes h"
        " JOIN stages s ON s.id = h.stage_id ORDER BY h.application_id, h.id"
    ),
    "follow_ups": (
        "SELECT application_id, stage_event_id, kind, title, due_at, state, snoozed_until,"
        " rule_key, done_at, created_at FROM follow_ups ORDER BY application_id, rule_key, id"
    ),
    "unused": "SELECT application_id, stage_id FROM unused_stages ORDER BY 1, 2",
    "notes": (
        "SELECT n.id, n.application_id, n.stage_event_id, n.contact_id, n.kind, n.body, n.fix,"
        " n.created_at, n.updated_at, (SELECT group_concat(t.key, ' ') FROM note_tags nt"
        " JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = n.id) AS tags FROM notes n"
        " ORDER BY n.id"
    ),
    "contacts": "SELECT id, company_id, name, role, email, phone, memory_hook FROM contacts",
}


def snapshot(db: Database) -> dict[str, list[dict[str, Any]]]:
    with db.engine.connect() as c:
        tables = {
            name: [dict(row._mapping) for row in c.execute(text(sql))]
            for name, sql in QUERIES.items()
        }
    company = {row["id"]: n for n, row in enumerate(tables["companies"])}
    app = {row["id"]: n for n, row in enumerate(tables["applications"])}
    event = {row["id"]: n for n, row in enumerate(tables["events"])}
    for row in tables["companies"]:
        del row["id"]
    for row in tables["applications"]:
        del row["id"]
        row["company_id"] = company[row["company_id"]]
    for row in tables["events"]:
        del row["id"]
        row["application_id"] = app[row["application_id"]]
    for row in tables["history"] + tables["follow_ups"] + tables["unused"]:
        row["application_id"] = app[row["application_id"]]
    contact = {row["id"]: n for n, row in enumerate(tables["contacts"])}
    for row in tables["contacts"]:
        del row["id"]
        row["company_id"] = company[row["company_id"]]
    for row in tables["notes"]:
        del row["id"]
        for name, ids in (
            ("application_id", app),
            ("stage_event_id", event),
            ("contact_id", contact),
        ):
            row[name] = None if row[name] is None else ids[row[name]]
        row["tags"] = sorted((row["tags"] or "").split())
    for row in tables["follow_ups"]:
        if row["stage_event_id"] is not None:
            old = row["stage_event_id"]
            row["stage_event_id"] = event[old]
            row["rule_key"] = (row["rule_key"] or "").replace(str(old), f"#{event[old]}")
    return json.loads(json.dumps(tables, default=str))


def load(path: Path) -> dict[str, list[dict[str, Any]]]:
    return json.loads(path.read_text(encoding="utf-8"))
