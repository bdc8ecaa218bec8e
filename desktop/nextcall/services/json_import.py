"""Import a NextCall JSON file: all of it in one transaction, nothing twice.

Records are recognised by what they are, not by database ids, so importing the same file again
adds nothing: a company by its name (ignoring case), an application by its company, position,
date applied and creation time, a note by its application, creation time and text, and so on
(``_identity`` below). Two identical records in the file stay two records. Importing into an
empty profile reproduces the exported data exactly.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from nextcall.core.companies import company_key
from nextcall.core.validation import quote
from nextcall.export.json_format import FormatError, load
from nextcall.services.applications import (
    ApplicationValues,
    NewApplication,
    create_applications_in,
)
from nextcall.services.batches import chunks, expire
from nextcall.services.contacts import ContactForm, create_contact_in
from nextcall.services.database import Database
from nextcall.services.follow_ups import NewFollowUp, add_follow_ups_in
from nextcall.services.json_export import APPLICATION_FIELDS
from nextcall.services.messages import TEMPLATE_LIMIT, TEMPLATE_PREFIX
from nextcall.services.notes import NewNote, NoteInput, add_notes_in
from nextcall.services.outcomes import ChangeRecord, EventRecord, restore_events_many
from nextcall.services.settings import setting_problem
from nextcall.store.backup import backup_database
from nextcall.store.models import (
    Application,
    Company,
    Contact,
    FollowUp,
    Note,
    PracticeSession,
    Question,
    Setting,
    Stage,
    StageEvent,
    Tag,
    TestScore,
)

FORM_FIELDS = tuple(f.name for f in fields(ApplicationValues))
SECTION_LABELS = {  # (one, several)
    "companies": ("company", "companies"),
    "stages": ("own stage", "own stages"),
    "tags": ("tag", "tags"),
    "contacts": ("contact", "contacts"),
    "applications": ("application", "applications"),
    "events": ("milestone event", "milestone events"),
    "notes": ("note", "notes"),
    "follow_ups": ("follow-up", "follow-ups"),
    "questions": ("question", "questions"),
    "practice_sessions": ("practice session", "practice sessions"),
    "test_scores": ("test score", "test scores"),
    "settings": ("setting", "settings"),
}


@dataclass
class JsonImport:
    """How many records of each kind were added, and how many were already there."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None
    application_ids: list[int] = field(default_factory=list)

    def count(self, section: str, new: bool) -> None:
        target = self.added if new else self.present
        target[section] = target.get(section, 0) + 1

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    def parts(self, counts: dict[str, int]) -> list[str]:
        """ "3 companies", "1 note"... in the file's order."""
        return [f"{n} {SECTION_LABELS[k][0 if n == 1 else 1]}" for k, n in counts.items() if n]

    def describe(self, counts: dict[str, int]) -> str:
        return ", ".join(self.parts(counts)) or "nothing"


def _given(record: dict[str, Any]) -> dict[str, Any]:
    """The record without empty creation / change times, so the database fills them in."""
    return {
        k: v for k, v in record.items() if not (k in ("created_at", "updated_at") and v is None)
    }


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _tag_key(text: str) -> str:
    """A tag's key as the tags' unique NOCASE index compares it (ASCII letters fold)."""
    return text.translate(_ASCII_LOWER)


class _Pool:
    """The records already in the profile, by identity; each can match one file record."""

    def __init__(self, rows: Iterable[tuple[Hashable, int]]) -> None:
        self._ids: dict[Hashable, list[int]] = defaultdict(list)
        for key, row_id in rows:
            self._ids[key].append(row_id)

    def take(self, key: Hashable) -> int | None:
        ids = self._ids.get(key)
        return ids.pop(0) if ids else None


class _Importer:
    def __init__(self, s: Session, result: JsonImport, now: datetime) -> None:
        self.s = s
        self.result = result
        self.now = now
        self.companies: dict[str, int] = {}  # by company_key
        self.contacts: dict[int, int] = {}
        self.apps: dict[int, int] = {}
        self.events: dict[int, int] = {}
        self.stage_ids: dict[str, int] = {}
        self.tags: dict[str, Tag] = {}
        self.new_apps: dict[int, datetime | None] = {}  # id -> updated_at to keep

    def _add(self, section: str, pool: _Pool, key: Hashable, make: Callable[[], Any]) -> int:
        found = pool.take(key)
        if found is not None:
            self.result.count(section, False)
            return found
        row = make()
        self.s.add(row)
        self.s.flush()
        self.result.count(section, True)
        return int(row.id)

    def run(self, doc: dict[str, Any]) -> None:
        s = self.s
        stages = {st.key: st for st in s.execute(select(Stage)).scalars()}
        for item in doc["stages"]:
            if item["key"] in stages:
                self.result.count("stages", False)
                continue
            stages[item["key"]] = Stage(**item, builtin=False)
            s.add(stages[item["key"]])
            self.result.count("stages", True)
        s.flush()
        self.stage_ids = {key: st.id for key, st in stages.items()}
        self.tags = {_tag_key(t.key): t for t in s.execute(select(Tag)).scalars()}
        for item in doc["tags"]:
            new = _tag_key(item["key"]) not in self.tags
            if new:
                self.tags[_tag_key(item["key"])] = Tag(**item)
                s.add(self.tags[_tag_key(item["key"])])
            self.result.count("tags", new)
        pool = _Pool((c.name_key, c.id) for c in s.execute(select(Company)).scalars())
        for item in doc["companies"]:
            key = company_key(item["name"])
            if key in self.companies:  # the file names one company twice (as the key compares)
                self.result.count("companies", False)
                continue
            self.companies[key] = self._add(
                "companies", pool, key, partial(Company, **_given(item))
            )
        self._contacts(doc["contacts"])
        self._applications(doc["applications"])
        self._notes(doc["notes"])
        self._simple(doc)
        self._settings(doc["settings"])
        s.flush()
        stamps = [  # progress is derived: keep the file's change time
            {"app": app_id, "stamp": updated_at}
            for app_id, updated_at in self.new_apps.items()
            if updated_at is not None
        ]
        if stamps:
            s.connection().execute(
                update(Application)
                .where(Application.id == bindparam("app"))
                .values(updated_at=bindparam("stamp")),
                stamps,
            )
            expire(s, Application, list(self.new_apps))

    def _company(self, name: str) -> int:
        return self.companies[company_key(name)]

    def _contacts(self, items: list[dict[str, Any]]) -> None:
        pool = _Pool(
            ((c.company_id, c.name.casefold()), c.id)
            for c in self.s.execute(select(Contact).order_by(Contact.id)).scalars()
        )
        for item in items:
            company_id = self._company(item["company"])
            form = ContactForm(**{k: v for k, v in item.items() if k not in ("ref", "company")})
            self.contacts[item["ref"]] = self._add(
                "contacts",
                pool,
                (company_id, item["name"].casefold()),
                partial(create_contact_in, self.s, company_id, form),
            )

    def _applications(self, items: list[dict[str, Any]]) -> None:
        pool = _Pool(
            ((company, position, applied_on, created_at), app_id)
            for app_id, company, position, applied_on, created_at in self.s.execute(
                select(
                    Application.id,
                    Application.company_id,
                    Application.position,
                    Application.applied_on,
                    Application.created_at,
                ).order_by(Application.id)
            )
        )
        existing_events = _Pool(
            ((app_id, stage_id, created_at), event_id)
            for event_id, app_id, stage_id, created_at in self.s.execute(
                select(
                    StageEvent.id,
                    StageEvent.application_id,
                    StageEvent.stage_id,
                    StageEvent.created_at,
                ).order_by(StageEvent.id)
            )
        )
        new: list[dict[str, Any]] = []
        for item in items:
            company_id = self._company(item["company"])
            key = (company_id, item["position"], item["applied_on"], item["created_at"])
            found = pool.take(key)
            if found is None:
                new.append(item)
                continue
            self.apps[item["ref"]] = found
            self.result.count("applications", False)
            for event in item["events"]:
                stage_id = self.stage_ids[event["stage"]]
                match = existing_events.take((found, stage_id, event["created_at"]))
                if match is not None:
                    self.events[event["ref"]] = match
        names = self._names()
        for part in chunks(new):
            ids = create_applications_in(
                self.s,
                [self._new_application(item, names) for item in part],
                self.now,
            )
            restored = restore_events_many(
                self.s,
                [(app_id, *self._events(item)) for app_id, item in zip(ids, part, strict=True)],
                self.now,
            )
            for item, app_id, event_ids in zip(part, ids, restored, strict=True):
                self.apps[item["ref"]] = app_id
                self.new_apps[app_id] = item["updated_at"]
                self.result.count("applications", True)
                self.result.application_ids.append(app_id)
                for event, event_id in zip(item["events"], event_ids, strict=True):
                    self.events[event["ref"]] = event_id
                    self.result.count("events", True)

    def _names(self) -> dict[int, str]:
        """The file's companies' names as stored, by id."""
        ids = set(self.companies.values())
        rows = self.s.execute(select(Company.id, Company.name))
        return {company_id: name for company_id, name in rows if company_id in ids}

    def _new_application(self, item: dict[str, Any], names: dict[int, str]) -> NewApplication:
        company_id = self._company(item["company"])
        values = ApplicationValues(
            company=names[company_id], **{k: item[k] for k in FORM_FIELDS if k != "company"}
        )
        details = _given({k: item[k] for k in APPLICATION_FIELDS if k not in FORM_FIELDS})
        return NewApplication(values, company_id, details, start=False)

    def _events(
        self, item: dict[str, Any]
    ) -> tuple[list[EventRecord], list[ChangeRecord], list[str]]:
        events = [
            EventRecord(
                stage_key=event["stage"],
                outcome=event["outcome"],
                scheduled_at=event["scheduled_at"],
                happened_on=event["happened_on"],
                score=event["score"],
                interviewer=event["interviewer"],
                contact_id=self.contacts.get(event["contact"]) if event["contact"] else None,
                checks=tuple(event["checks"]),
                created_at=event["created_at"],
                updated_at=event["updated_at"],
            )
            for event in item["events"]
        ]
        history = [
            ChangeRecord(change["stage"], change["outcome"], change["changed_at"])
            for change in item["history"]
        ]
        return events, history, list(item["unused_stages"])

    def _ref(self, refs: dict[int, int], value: int | None) -> int | None:
        return refs.get(value) if value is not None else None

    def _notes(self, items: list[dict[str, Any]]) -> None:
        pool = _Pool(
            ((app_id, created_at, body), note_id)
            for note_id, app_id, created_at, body in self.s.execute(
                select(Note.id, Note.application_id, Note.created_at, Note.body).order_by(Note.id)
            )
        )
        new: list[NewNote] = []
        for item in items:
            app_id = self._ref(self.apps, item["application"])
            if pool.take((app_id, item["created_at"], item["body"])) is not None:
                self.result.count("notes", False)
                continue
            note = NoteInput(
                body=item["body"],
                kind=item["kind"],
                application_id=app_id,
                stage_event_id=self._ref(self.events, item["stage_event"]),
                contact_id=self._ref(self.contacts, item["contact"]),
                fix=item["fix"],
            )
            created = item["created_at"] or self.now
            tags = [self.tags[_tag_key(t)] for t in item["tags"]]
            new.append(NewNote(note, created, item["updated_at"] or created, tags))
        for part in chunks(new, 2000):
            for _note_id in add_notes_in(self.s, part, binned_ok=True):
                self.result.count("notes", True)

    def _simple(self, doc: dict[str, Any]) -> None:
        s = self.s
        follow_pool = _Pool(
            ((f.application_id, f.rule_key or (f.kind, f.title, f.due_at)), f.id)
            for f in s.execute(select(FollowUp).order_by(FollowUp.id)).scalars()
        )
        new: list[NewFollowUp] = []
        for item in doc["follow_ups"]:
            app_id = self.apps[item["application"]]
            fields = _given(
                {k: v for k, v in item.items() if k not in ("application", "stage_event")}
            )
            key = (app_id, item["rule_key"] or (item["kind"], item["title"], item["due_at"]))
            if follow_pool.take(key) is not None:
                self.result.count("follow_ups", False)
                continue
            event_id = self._ref(self.events, item["stage_event"])
            new.append(NewFollowUp(application_id=app_id, stage_event_id=event_id, **fields))
        for part in chunks(new):
            for _row_id in add_follow_ups_in(s, part, self.now):
                self.result.count("follow_ups", True)
        question_pool = _Pool(
            (q.playbook_key or (q.category, q.text), q.id)
            for q in s.execute(select(Question).order_by(Question.id)).scalars()
        )
        for item in doc["questions"]:
            key = item["playbook_key"] or (item["category"], item["text"])
            self._add("questions", question_pool, key, partial(Question, **item))
        practice_pool = _Pool(
            ((p.scenario_key, p.started_at), p.id)
            for p in s.execute(select(PracticeSession).order_by(PracticeSession.id)).scalars()
        )
        for item in doc["practice_sessions"]:
            fields = {**item, "scores": json.dumps(item["scores"])}
            key = (item["scenario_key"], item["started_at"])
            self._add("practice_sessions", practice_pool, key, partial(PracticeSession, **fields))
        score_pool = _Pool(
            ((t.kind, t.taken_on, t.value, t.application_id), t.id)
            for t in s.execute(select(TestScore).order_by(TestScore.id)).scalars()
        )
        for item in doc["test_scores"]:
            linked = self._ref(self.apps, item["application"])
            fields = {k: v for k, v in item.items() if k not in ("application", "stage_event")}
            self._add(
                "test_scores",
                score_pool,
                (item["kind"], item["taken_on"], item["value"], linked),
                partial(
                    TestScore,
                    application_id=linked,
                    stage_event_id=self._ref(self.events, item["stage_event"]),
                    **fields,
                ),
            )

    def _settings(self, settings: dict[str, str]) -> None:
        for key, value in settings.items():
            new = self.s.get(Setting, key) is None
            if new:  # the profile's own preferences win over the file's
                self.s.add(Setting(key=key, value=value))
            self.result.count("settings", new)


def _run(s: Session, document: dict[str, Any], now: datetime) -> JsonImport:
    result = JsonImport()
    _Importer(s, result, now).run(document)
    return result


def _load(data: bytes) -> dict[str, Any]:
    """The file's document, with every setting checked against its range: a value the app
    could not use (``"weekly_target": "99999999999999999999999"``) is refused with its path."""
    document = load(data)
    for key, value in document.get("settings", {}).items():
        if key.startswith(TEMPLATE_PREFIX):
            problem = None if len(value) <= TEMPLATE_LIMIT else "is too long for a template"
        else:
            problem = setting_problem(key, value)
        if problem is not None:
            raise FormatError(
                f"$.settings.{quote(key)}: {quote(str(value))} {problem}; nothing was imported",
                "file",
            )
    return document


def preview_json(db: Database, data: bytes) -> JsonImport:
    """What ``import_json`` would add, found by doing it and rolling it back: nothing is kept.
    Raises FormatError (where and what) for a file this version cannot read."""
    document = _load(data)
    with db.sessions() as s:
        try:
            return _run(s, document, db.clock.now())
        finally:
            s.rollback()


def import_json(db: Database, data: bytes) -> JsonImport:
    """Add what the file holds and the profile lacks, in one transaction, after a backup."""
    document = _load(data)  # a malformed file fails here, before the backup
    backup = backup_database(db.paths.database, db.paths.backups, "before-import")
    with db.session() as s:
        result = _run(s, document, db.clock.now())
    result.backup = backup
    return result
