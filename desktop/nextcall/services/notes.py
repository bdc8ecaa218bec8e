"""Notes: interviewer tips, feedback, own observations, debrief items, questions and answers.

Text is stored exactly as typed (no trimming, any Unicode, any size up to MAX_BODY); tags name
improvement areas (the playbook's, or the user's own). Saving is one short transaction, so
autosave can call ``save_note`` as often as it likes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, defer

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import NoteKind
from nextcall.core.validation import check_storable, quote
from nextcall.services.batches import chunks, next_ids
from nextcall.services.database import Database
from nextcall.store.bulk_notes import insert_notes
from nextcall.store.models import (
    Application,
    Company,
    Contact,
    Note,
    NoteTag,
    Stage,
    StageEvent,
    Tag,
)

MAX_BODY = 10_000_000  # characters: several megabytes of pasted text are fine
TAG_NAME_MAX = 100
_UNSET = object()


@dataclass(frozen=True)
class NoteInput:
    body: str
    kind: str = NoteKind.OBSERVATION.value
    application_id: int | None = None
    stage_event_id: int | None = None
    contact_id: int | None = None
    tags: tuple[str, ...] = ()
    fix: str = ""


@dataclass(frozen=True)
class NoteView:
    id: int
    body: str
    kind: str
    fix: str
    application_id: int | None
    company: str | None
    position: str | None
    stage_event_id: int | None
    stage_name: str | None
    contact_id: int | None
    contact_name: str | None
    tags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    tag_names: tuple[str, ...] = field(default=())


def check_text(text: str, name: str = "note") -> str:
    if len(text) > MAX_BODY:
        raise ValidationError(
            f"The {name} is {len(text):,} characters long; keep it under {MAX_BODY:,}.", name
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            f"The {name} contains characters that cannot be stored.", name
        ) from None
    return text


def check_kind(kind: str) -> str:
    try:
        return NoteKind(kind).value
    except ValueError:
        kinds = ", ".join(k.value for k in NoteKind)
        raise ValidationError(
            f"{quote(kind)} is not a kind of note; use one of: {kinds}", "kind"
        ) from None


def tag_key(text: str) -> str:
    key = re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")
    if not key or len(key) > 64:
        raise ValidationError(
            f"{quote(text)} cannot be a tag: use 1 to 64 letters or digits.", "tag"
        )
    return key


def tag_for(s: Session, text: str) -> Tag:
    """The tag for an improvement area key or name (the playbook's, or a new one of the user's)."""
    check_storable(text, "tag")
    if len(text.strip()) > TAG_NAME_MAX:
        raise ValidationError(f"A tag is at most {TAG_NAME_MAX} characters long.", "tag")
    playbook = load_playbook()
    names = {a.key: a.name for a in playbook.areas}
    by_name = {a.name.lower(): a.key for a in playbook.areas}
    key = text if text in names else by_name.get(text.strip().lower()) or tag_key(text)
    tag = s.execute(select(Tag).where(Tag.key == key)).scalar_one_or_none()
    if tag is None:
        builtin = key in names
        tag = Tag(key=key, name=names.get(key, text.strip()), builtin=builtin)
        s.add(tag)
        s.flush()
    return tag


def tags_for(s: Session, texts: Iterable[str]) -> list[Tag]:
    """The tags for ``texts``, each once: "Confidence", "confidence" and "confidence!" are
    one tag, and a note holds a tag only once."""
    found: dict[int, Tag] = {}
    for text in texts:
        tag = tag_for(s, text)
        found.setdefault(tag.id, tag)
    return list(found.values())


def _check_links(
    s: Session,
    application_id: int | None,
    event_id: int | None,
    contact_id: int | None,
    *,
    binned_ok: bool = False,
) -> None:
    _check_many_links(s, [(application_id, event_id, contact_id)], binned_ok=binned_ok)


def _check_many_links(
    s: Session,
    links: Sequence[tuple[int | None, int | None, int | None]],
    *,
    binned_ok: bool = False,
) -> None:
    """Each (application, milestone event, contact) names records that exist, the event of
    that application and the application not in the bin (unless ``binned_ok``); the first
    that does not is raised as NotFoundError."""
    apps: dict[int, bool] = {}  # id -> in the bin
    events: dict[int, int] = {}  # id -> its application
    contacts: set[int] = set()
    for part in chunks(sorted({a for a, _e, _c in links if a is not None})):
        for app_id, deleted_at in s.execute(
            select(Application.id, Application.deleted_at).where(Application.id.in_(part))
        ):
            apps[app_id] = deleted_at is not None
    for part in chunks(sorted({e for _a, e, _c in links if e is not None})):
        for found_id, owner in s.execute(
            select(StageEvent.id, StageEvent.application_id).where(StageEvent.id.in_(part))
        ):
            events[found_id] = owner
    for part in chunks(sorted({c for _a, _e, c in links if c is not None})):
        contacts.update(s.execute(select(Contact.id).where(Contact.id.in_(part))).scalars())
    for application_id, event_id, contact_id in links:
        if application_id is not None and (
            application_id not in apps or (apps[application_id] and not binned_ok)
        ):
            raise NotFoundError(f"there is no application with id {application_id}")
        if event_id is not None and (
            event_id not in events
            or (application_id is not None and events[event_id] != application_id)
        ):
            raise NotFoundError(f"there is no milestone event {event_id} for that application")
        if contact_id is not None and contact_id not in contacts:
            raise NotFoundError(f"there is no contact with id {contact_id}")


def add_note(db: Database, note: NoteInput) -> int:
    with db.session(write=True) as s:
        return add_note_in(s, note, db.clock.now()).id


def add_note_in(
    s: Session,
    note: NoteInput,
    now: datetime,
    *,
    tags: Sequence[Tag] | None = None,
    updated_at: datetime | None = None,
    binned_ok: bool = False,
) -> Note:
    """``add_notes_in`` for one note, written at ``now``; returns it."""
    [note_id] = add_notes_in(s, [NewNote(note, now, updated_at, tags)], binned_ok=binned_ok)
    row = s.get(Note, note_id)
    assert row is not None
    return row


@dataclass(frozen=True)
class NewNote:
    note: NoteInput
    created_at: datetime
    updated_at: datetime | None = None  # a later change time a file recorded
    tags: Sequence[Tag] | None = None  # tags already resolved (a file's own)


def add_notes_in(s: Session, items: Sequence[NewNote], *, binned_ok: bool = False) -> list[int]:
    """The one way notes are created (the editor, the CLI, a NextCall file, the sample data),
    any number at once, inside the caller's session: text and kind checked, links checked,
    each written at its ``created_at``. ``tags``: tags already resolved, instead of
    ``note.tags`` looked up by key or name. ``binned_ok``: the application may be in the bin
    (a file restores it there). The full-text index and the improvement-area counts follow
    through their triggers. Returns the new ids in the order given."""
    rows = []
    for item in items:
        note = item.note
        rows.append(
            {
                "application_id": note.application_id,
                "stage_event_id": note.stage_event_id,
                "contact_id": note.contact_id,
                "kind": check_kind(note.kind),
                "body": check_text(note.body),
                "fix": check_text(note.fix, "fix"),
                "created_at": item.created_at,
                "updated_at": item.updated_at or item.created_at,
            }
        )
    links = [(i.note.application_id, i.note.stage_event_id, i.note.contact_id) for i in items]
    _check_many_links(s, links, binned_ok=binned_ok)
    if not rows:
        return []
    tag_ids = [i.tags if i.tags is not None else tags_for(s, i.note.tags) for i in items]
    s.flush()  # tags created above get their ids
    ids = next_ids(s, Note, len(rows))
    pairs = [
        {"note_id": note_id, "tag_id": tag_id}
        for note_id, tags in zip(ids, tag_ids, strict=True)
        for tag_id in dict.fromkeys(t.id for t in tags)
    ]
    notes = [{**row, "id": note_id} for row, note_id in zip(rows, ids, strict=True)]
    insert_notes(s.connection(), notes, pairs)
    return ids


def save_note(
    db: Database,
    note_id: int,
    *,
    body: str | None = None,
    kind: str | None = None,
    fix: str | None = None,
    tags: tuple[str, ...] | None = None,
    application_id: object = _UNSET,
    stage_event_id: object = _UNSET,
    contact_id: object = _UNSET,
) -> datetime:
    """Change what is given; returns the time it was saved."""
    with db.session(write=True) as s:
        # The old texts are not read: they may be megabytes, and are replaced or kept as is.
        row = s.get(Note, note_id, options=[defer(Note.body), defer(Note.fix)])
        if row is None:
            raise NotFoundError(f"there is no note with id {note_id}")
        if body is not None:
            row.body = check_text(body)
        if fix is not None:
            row.fix = check_text(fix, "fix")
        if kind is not None:
            row.kind = check_kind(kind)
        links = {
            "application_id": row.application_id if application_id is _UNSET else application_id,
            "stage_event_id": row.stage_event_id if stage_event_id is _UNSET else stage_event_id,
            "contact_id": row.contact_id if contact_id is _UNSET else contact_id,
        }
        _check_links(s, *links.values())  # type: ignore[arg-type]
        for name, value in links.items():
            setattr(row, name, value)
        if tags is not None:
            row.tags = tags_for(s, tags)
        row.updated_at = db.clock.now()
        return row.updated_at


def delete_note(db: Database, note_id: int) -> None:
    with db.session() as s:
        s.execute(delete(NoteTag).where(NoteTag.note_id == note_id))
        s.execute(delete(Note).where(Note.id == note_id))


def _views(s: Session, rows: list[Note]) -> list[NoteView]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    tags: dict[int, list[tuple[str, str]]] = {}
    for note_id, key, name in s.execute(
        select(NoteTag.note_id, Tag.key, Tag.name)
        .join(Tag, Tag.id == NoteTag.tag_id)
        .where(NoteTag.note_id.in_(ids))
        .order_by(Tag.name)
    ):
        tags.setdefault(note_id, []).append((key, name))
    apps = {
        a_id: (company, position)
        for a_id, company, position in s.execute(
            select(Application.id, Company.name, Application.position)
            .join(Company, Company.id == Application.company_id)
            .where(Application.id.in_({r.application_id for r in rows if r.application_id}))
        )
    }
    stages = dict(
        s.execute(
            select(StageEvent.id, Stage.name)
            .join(Stage, Stage.id == StageEvent.stage_id)
            .where(StageEvent.id.in_({r.stage_event_id for r in rows if r.stage_event_id}))
        ).all()
    )
    contacts = dict(
        s.execute(
            select(Contact.id, Contact.name).where(
                Contact.id.in_({r.contact_id for r in rows if r.contact_id})
            )
        ).all()
    )
    views = []
    for r in rows:
        company, position = apps.get(r.application_id or -1, (None, None))
        tag_pairs = tags.get(r.id, [])
        views.append(
            NoteView(
                id=r.id,
                body=r.body,
                kind=r.kind,
                fix=r.fix,
                application_id=r.application_id,
                company=company,
                position=position,
                stage_event_id=r.stage_event_id,
                stage_name=stages.get(r.stage_event_id or -1),
                contact_id=r.contact_id,
                contact_name=contacts.get(r.contact_id or -1),
                tags=tuple(k for k, _ in tag_pairs),
                created_at=r.created_at,
                updated_at=r.updated_at,
                tag_names=tuple(n for _, n in tag_pairs),
            )
        )
    return views


def get_note(db: Database, note_id: int) -> NoteView:
    with db.session() as s:
        row = s.get(Note, note_id)
        if row is None:
            raise NotFoundError(f"there is no note with id {note_id}")
        return _views(s, [row])[0]


def list_notes(
    db: Database,
    *,
    application_id: int | None = None,
    kind: str | None = None,
    tag: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[NoteView]:
    """Newest first. Notes of applications in the trash are left out."""
    stmt = (
        select(Note)
        .outerjoin(Application, Application.id == Note.application_id)
        .where(Application.deleted_at.is_(None))
    )
    if application_id is not None:
        stmt = stmt.where(Note.application_id == application_id)
    if kind:
        stmt = stmt.where(Note.kind == check_kind(kind))
    if tag:
        stmt = stmt.where(
            Note.id.in_(
                select(NoteTag.note_id).join(Tag, Tag.id == NoteTag.tag_id).where(Tag.key == tag)
            )
        )
    stmt = stmt.order_by(Note.created_at.desc(), Note.id.desc()).offset(offset).limit(limit)
    with db.session() as s:
        return _views(s, list(s.execute(stmt).scalars()))


@dataclass(frozen=True)
class ContactChoice:
    id: int
    name: str
    role: str


def contact_choices(db: Database, application_id: int) -> list[ContactChoice]:
    """The people at this application's company, A to Z: who a note can be linked to."""
    with db.session() as s:
        rows = s.execute(
            select(Contact.id, Contact.name, Contact.role)
            .join(Application, Application.company_id == Contact.company_id)
            .where(Application.id == application_id)
            .order_by(Contact.name, Contact.id)
        )
        return [ContactChoice(*row) for row in rows]
