"""Finding notes: full-text search (SQLite FTS5), filters and counts.

Whatever a person types is made safe for FTS5: each word becomes a quoted prefix term, so
quotes, ``*``, ``AND``, ``(`` or ``-`` are searched for as text and never break the query.
Text with no letters or digits at all (an emoji, ``<b>``) is looked up as a plain substring.
Snippets come back as plain text plus the ranges of the matched words, so a view can escape
the text and mark the ranges however it likes.

The Notes tab's list, fetched page by page, is in :mod:`nextcall.services.note_list`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import column, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from nextcall.core.companies import company_key
from nextcall.core.playbook import load_playbook
from nextcall.services.database import Database
from nextcall.services.notes import check_kind
from nextcall.store.models import Application, Company, Note, NoteTag, Tag

# Noncharacters (reserved by Unicode for internal use) mark matched words in FTS5 snippets.
MARK_START = "\ufdd0"
MARK_END = "\ufdd1"
ELLIPSIS = "…"
PREVIEW_CHARS = 160
SNIPPET_TOKENS = 18
MAX_TERMS = 32
# What SQLite's unicode61 tokenizer keeps as part of a word: letters, digits, private use.
_WORD_CHAR = re.compile(r"[^\W_]|[\ue000-\uf8ff]")
_SPACE = re.compile(r"\s+")
_FTS = table("notes_fts", column("rowid"), column("rank"))


@dataclass(frozen=True)
class NoteFilter:
    """Narrow the list or the search: all are optional and combine with AND."""

    kind: str | None = None
    tag: str | None = None  # a tag key
    company: str | None = None  # a company's name, any case
    application_id: int | None = None


@dataclass(frozen=True)
class SearchHit:
    note_id: int
    application_id: int | None
    company: str | None
    position: str | None
    created_at: datetime
    kind: str
    snippet: str  # one line of plain text
    marks: tuple[tuple[int, int], ...]  # [start, end) ranges of matched words in the snippet


# -- making user text safe -----------------------------------------------------------------------


def fts_query(text_: str) -> str | None:
    """An FTS5 query matching notes that contain every word of ``text_`` (each as a prefix).

    None when the text holds no searchable word (empty, spaces, only symbols or emoji).
    """
    terms = []
    for chunk in text_.replace("\x00", " ").split():  # FTS5 reads its query up to a NUL
        if _WORD_CHAR.search(chunk):
            terms.append('"' + chunk.replace('"', '""') + '"*')
        if len(terms) == MAX_TERMS:
            break
    return " ".join(terms) or None


def one_line(text_: str, limit: int = PREVIEW_CHARS) -> str:
    """The start of ``text_`` with runs of white space (newlines too) shown as one space."""
    head = _SPACE.sub(" ", text_[: limit * 4]).strip()
    return head if len(head) <= limit else head[: limit - 1].rstrip() + ELLIPSIS


def parse_snippet(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Split an FTS5 snippet with MARK_START/MARK_END into one line of text and mark ranges."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{MARK_START}{MARK_END}])", raw):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            if start is not None and length > start:
                marks.append((start, length))
            start = None
        elif piece:
            flat = _SPACE.sub(" ", piece)
            if length == 0:
                flat = flat.lstrip()
            out.append(flat)
            length += len(flat)
    line = "".join(out)
    stripped = line.rstrip()
    return stripped, tuple((a, min(b, len(stripped))) for a, b in marks if a < len(stripped))


# -- shared query pieces ---------------------------------------------------------------------------


def _live() -> Any:
    """Notes of live applications, and notes linked to none."""
    return or_(Note.application_id.is_(None), Application.deleted_at.is_(None))


def filtered(stmt: Any, flt: NoteFilter) -> Any:
    stmt = stmt.where(_live())
    if flt.kind:
        stmt = stmt.where(Note.kind == check_kind(flt.kind))
    if flt.tag:
        stmt = stmt.where(
            Note.id.in_(
                select(NoteTag.note_id)
                .join(Tag, Tag.id == NoteTag.tag_id)
                .where(Tag.key == flt.tag.strip())
            )
        )
    if flt.company:
        stmt = stmt.where(
            Note.application_id.in_(
                select(Application.id)
                .join(Company, Company.id == Application.company_id)
                .where(Company.name_key == company_key(flt.company))
            )
        )
    if flt.application_id is not None:
        stmt = stmt.where(Note.application_id == flt.application_id)
    return stmt


def joined(stmt: Any) -> Any:
    return stmt.outerjoin(Application, Application.id == Note.application_id).outerjoin(
        Company, Company.id == Application.company_id
    )


# -- search ----------------------------------------------------------------------------------------


def search_notes(
    db: Database,
    text_: str,
    *,
    tag: str | None = None,
    kind: str | None = None,
    company: str | None = None,
    limit: int = 200,
) -> list[SearchHit]:
    """Notes containing every word typed, newest first, with a marked snippet each.

    The ``limit`` most recently added matches are returned (walking the index from its newest
    entry is what keeps this fast with 200,000 notes). An empty query finds nothing; a query
    with no letters or digits (``😀``, ``<b>``) finds the notes containing it literally.
    """
    flt = NoteFilter(kind=kind, tag=tag, company=company)
    if not text_.strip():
        return []
    query = fts_query(text_)
    with db.session() as s:
        if query is None:
            return _substring_hits(s, text_.strip(), flt, limit)
        snippet = func.snippet(
            literal_column("notes_fts"), -1, MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS
        )
        stmt = joined(
            select(
                Note.id,
                Note.application_id,
                Company.name,
                Application.position,
                Note.created_at,
                Note.kind,
                snippet,
            )
            .select_from(_FTS)
            .join(Note, Note.id == _FTS.c.rowid)
        )
        stmt = (
            filtered(stmt, flt)
            .where(text("notes_fts MATCH :query"))
            .order_by(_FTS.c.rowid.desc())
            .limit(limit)
        )
        hits = []
        for note_id, app_id, company_name, position, created, kind_, raw in s.execute(
            stmt, {"query": query}
        ):
            line, marks = parse_snippet(raw or "")
            hits.append(
                SearchHit(note_id, app_id, company_name, position, created, kind_, line, marks)
            )
        return sorted(hits, key=lambda h: (h.created_at, h.note_id), reverse=True)


def _substring_hits(s: Session, needle: str, flt: NoteFilter, limit: int) -> list[SearchHit]:
    around = 60
    at_body = func.instr(Note.body, needle)
    at_fix = func.instr(Note.fix, needle)
    width = len(needle) + 2 * around
    stmt = joined(
        select(
            Note.id,
            Note.application_id,
            Company.name,
            Application.position,
            Note.created_at,
            Note.kind,
            at_body,
            func.substr(Note.body, func.max(at_body - around, 1), width),
            at_fix,
            func.substr(Note.fix, func.max(at_fix - around, 1), width),
        )
    )
    stmt = (
        filtered(stmt, flt)
        .where(or_(at_body > 0, at_fix > 0))
        .order_by(Note.created_at.desc(), Note.id.desc())
        .limit(limit)
    )
    hits = []
    for row in s.execute(stmt):
        note_id, app_id, company_name, position, created, kind = row[:6]
        at, window = (row[6], row[7]) if row[6] > 0 else (row[8], row[9])
        marked = window.replace(needle, MARK_START + needle + MARK_END)
        before = ELLIPSIS if at - around > 1 else ""
        after = ELLIPSIS if len(window) >= width else ""
        line, marks = parse_snippet(before + marked + after)
        hits.append(SearchHit(note_id, app_id, company_name, position, created, kind, line, marks))
    return hits


# -- counts and choices ---------------------------------------------------------------------------


def any_notes(db: Database) -> bool:
    """Whether there is at least one note (of a live application, or of none)."""
    stmt = filtered(joined(select(Note.id)), NoteFilter()).limit(1)
    with db.session() as s:
        return s.execute(stmt).first() is not None


def count_notes(db: Database, flt: NoteFilter | None = None) -> int:
    stmt = filtered(joined(select(func.count(Note.id))), flt or NoteFilter())
    with db.session() as s:
        return int(s.execute(stmt).scalar_one())


def companies_with_notes(db: Database) -> list[str]:
    """Names of the companies whose (live) applications have notes, A to Z."""
    stmt = (
        select(Company.name)
        .where(
            select(Note.id)
            .join(Application, Application.id == Note.application_id)
            .where(Application.company_id == Company.id, Application.deleted_at.is_(None))
            .exists()
        )
        .order_by(func.lower(Company.name))
    )
    with db.session() as s:
        return list(s.execute(stmt).scalars())


def tag_choices(db: Database) -> list[tuple[str, str, bool]]:
    """Every tag a note can get: the improvement areas in playbook order, then the user's own
    tags A to Z, as (key, name, is an improvement area)."""
    areas = [(a.key, a.name, True) for a in load_playbook().areas]
    known = {key for key, _, _ in areas}
    with db.session() as s:
        own = s.execute(select(Tag.key, Tag.name).order_by(func.lower(Tag.name))).all()
    return areas + [(key, name, False) for key, name in own if key not in known]
