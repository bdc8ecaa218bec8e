"""The Notes tab's list, one page at a time: groups (one per application, newest note first)
and each group's notes, with a one-line preview instead of the whole text.

It never loads every note: with 200,000 notes the first page costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from nextcall.services.database import Database
from nextcall.services.note_search import PREVIEW_CHARS, NoteFilter, filtered, joined, one_line
from nextcall.store.models import Application, Company, Note, NoteTag, Stage, StageEvent, Tag


@dataclass(frozen=True)
class NoteGroup:
    application_id: int | None
    company: str | None
    position: str | None
    count: int
    latest: datetime


@dataclass(frozen=True)
class NoteSummary:
    id: int
    application_id: int | None
    company: str | None
    position: str | None
    kind: str
    preview: str  # the start of the text, on one line
    created_at: datetime
    updated_at: datetime
    stage_name: str | None
    tag_names: tuple[str, ...]


def _tag_names(s: Session, note_ids: list[int]) -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = {}
    if note_ids:
        for note_id, name in s.execute(
            select(NoteTag.note_id, Tag.name)
            .join(Tag, Tag.id == NoteTag.tag_id)
            .where(NoteTag.note_id.in_(note_ids))
            .order_by(Tag.name)
        ):
            names.setdefault(note_id, []).append(name)
    return {k: tuple(v) for k, v in names.items()}


class GroupPager:
    """Pages of note groups (one per application, plus one for notes linked to none), ordered
    by their newest note.

    Without a selective filter it walks the notes newest first along the created_at index and
    stops once a page is full, so the first page of 200,000 notes costs a few milliseconds
    instead of grouping every note; filters by company, application or tag are selective and
    are grouped in SQL.
    """

    WALK_BATCH = 400

    def __init__(self, db: Database, flt: NoteFilter | None = None) -> None:
        self.db = db
        self.filter = flt or NoteFilter()
        self.done = False
        self._seen: set[int | None] = set()
        self._cursor: tuple[Any, int] | None = None
        self._offset = 0

    def next_page(self, limit: int = 50) -> list[NoteGroup]:
        if self.done:
            return []
        with self.db.session() as s:
            flt = self.filter
            selective = flt.company or flt.tag or flt.application_id is not None
            groups = self._grouped(s, limit) if selective else self._walk(s, limit)
        if len(groups) < limit:
            self.done = True
        return groups

    def _grouped(self, s: Session, limit: int) -> list[NoteGroup]:
        latest = func.max(Note.created_at)
        stmt = (
            filtered(
                joined(
                    select(
                        Note.application_id,
                        func.min(Company.name),
                        func.min(Application.position),
                        func.count(Note.id),
                        latest,
                    )
                ),
                self.filter,
            )
            .group_by(Note.application_id)
            .order_by(latest.desc(), Note.application_id.desc())
            .offset(self._offset)
            .limit(limit)
        )
        rows = list(s.execute(stmt))
        self._offset += len(rows)
        return [
            NoteGroup(app_id, company, position, int(count), _as_datetime(when))
            for app_id, company, position, count, when in rows
        ]

    def _walk(self, s: Session, limit: int) -> list[NoteGroup]:
        found: dict[int | None, datetime] = {}
        while len(found) < limit:
            stmt = filtered(
                joined(select(Note.application_id, Note.created_at, Note.id)), self.filter
            )
            if self._cursor is not None:
                stmt = stmt.where(tuple_(Note.created_at, Note.id) < tuple_(*self._cursor))
            batch = self.WALK_BATCH if self._cursor is None else self.WALK_BATCH * 4
            stmt = stmt.order_by(Note.created_at.desc(), Note.id.desc()).limit(batch)
            rows = list(s.execute(stmt))
            for app_id, created, note_id in rows:
                self._cursor = (created, note_id)
                if app_id not in self._seen:
                    self._seen.add(app_id)
                    found[app_id] = created
                    if len(found) == limit:
                        break
            if len(rows) < batch:
                break
        return self._describe(s, found)

    def _describe(self, s: Session, found: dict[int | None, datetime]) -> list[NoteGroup]:
        if not found:
            return []
        ids = [a for a in found if a is not None]
        counts: dict[int | None, int] = {}
        labels: dict[int | None, tuple[str | None, str | None]] = {None: (None, None)}
        where = [Note.application_id.in_(ids)] if ids else []
        if None in found:
            where.append(Note.application_id.is_(None))
        stmt = filtered(
            joined(select(Note.application_id, func.count(Note.id))), self.filter
        ).where(or_(*where))
        for app_id, count in s.execute(stmt.group_by(Note.application_id)):
            counts[app_id] = int(count)
        for app_id, company, position in s.execute(
            select(Application.id, Company.name, Application.position)
            .join(Company, Company.id == Application.company_id)
            .where(Application.id.in_(ids))
        ):
            labels[app_id] = (company, position)
        return [
            NoteGroup(app_id, *labels.get(app_id, (None, None)), counts.get(app_id, 0), latest)
            for app_id, latest in found.items()
        ]


def note_groups(
    db: Database, flt: NoteFilter | None = None, *, limit: int = 100
) -> list[NoteGroup]:
    """The first ``limit`` groups (see GroupPager for the following pages)."""
    return GroupPager(db, flt).next_page(limit)


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _summary_columns() -> tuple[Any, ...]:
    return (
        Note.id,
        Note.application_id,
        Company.name,
        Application.position,
        Note.kind,
        func.substr(Note.body, 1, PREVIEW_CHARS * 2),
        func.substr(Note.fix, 1, PREVIEW_CHARS),
        Note.created_at,
        Note.updated_at,
        Stage.name,
    )


def _with_stage(stmt: Any) -> Any:
    return stmt.outerjoin(StageEvent, StageEvent.id == Note.stage_event_id).outerjoin(
        Stage, Stage.id == StageEvent.stage_id
    )


def _summaries(s: Session, rows: list[Any]) -> list[NoteSummary]:
    tags = _tag_names(s, [r[0] for r in rows])
    out = []
    for note_id, app_id, company, position, kind, body, fix, created, updated, stage in rows:
        preview = one_line(body) or (one_line(fix) if fix else "")
        tag_names = tags.get(note_id, ())
        out.append(
            NoteSummary(
                note_id,
                app_id,
                company,
                position,
                kind,
                preview,
                created,
                updated,
                stage,
                tag_names,
            )
        )
    return out


def _in_group(application_id: int | None) -> Any:
    if application_id is None:
        return Note.application_id.is_(None)
    return Note.application_id == application_id


def note_summaries(
    db: Database,
    application_id: int | None,
    flt: NoteFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 50,
) -> list[NoteSummary]:
    """One page of one group's notes, newest first."""
    stmt = (
        filtered(_with_stage(joined(select(*_summary_columns()))), flt or NoteFilter())
        .where(_in_group(application_id))
        .order_by(Note.created_at.desc(), Note.id.desc())
        .offset(offset)
        .limit(limit)
    )
    with db.session() as s:
        return _summaries(s, list(s.execute(stmt)))


def first_notes(
    db: Database,
    application_ids: list[int | None],
    flt: NoteFilter | None = None,
    *,
    per_group: int = 20,
) -> dict[int | None, list[NoteSummary]]:
    """The newest ``per_group`` notes of each of these groups, in one query."""
    if not application_ids:
        return {}
    ids = [a for a in application_ids if a is not None]
    groups = [Note.application_id.in_(ids)] if ids else []
    if None in application_ids:
        groups.append(Note.application_id.is_(None))
    rank = (
        func.row_number()
        .over(
            partition_by=Note.application_id,
            order_by=(Note.created_at.desc(), Note.id.desc()),
        )
        .label("rank")
    )
    inner = (
        filtered(joined(select(Note.id.label("id"), rank)), flt or NoteFilter())
        .where(or_(*groups))
        .subquery()
    )
    stmt = (
        _with_stage(joined(select(*_summary_columns())))
        .join(inner, and_(inner.c.id == Note.id, inner.c.rank <= per_group))
        .order_by(Note.created_at.desc(), Note.id.desc())
    )
    out: dict[int | None, list[NoteSummary]] = {a: [] for a in application_ids}
    with db.session() as s:
        for summary in _summaries(s, list(s.execute(stmt))):
            out.setdefault(summary.application_id, []).append(summary)
    return out


def note_summary(db: Database, note_id: int) -> NoteSummary | None:
    stmt = _with_stage(joined(select(*_summary_columns()))).where(Note.id == note_id)
    with db.session() as s:
        rows = list(s.execute(stmt))
        return _summaries(s, rows)[0] if rows else None
