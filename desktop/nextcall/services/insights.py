"""What interviewers keep telling me: improvement areas ranked across every tagged tip, feedback
note and debrief item. UI-free, so the window and the PDF packet print the same thing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from nextcall.core.insights import (
    QUOTES,
    WINDOW_DAYS,
    AreaInsight,
    Mention,
    Quote,
    Trend,
    interview_key,
    rank_areas,
)
from nextcall.core.stages import NoteKind
from nextcall.services.database import Database
from nextcall.store.models import Application, Company, Note, NoteTag, Tag

__all__ = ["COUNTED_KINDS", "AreaInsight", "Quote", "Trend", "mentions", "recurring_areas"]

# What someone else told the applicant, or what the applicant found went wrong.
COUNTED_KINDS: tuple[str, ...] = (
    NoteKind.TIP.value,
    NoteKind.FEEDBACK.value,
    NoteKind.DEBRIEF.value,
)


def mentions(db: Database) -> tuple[list[Mention], dict[str, str]]:
    """Every area tag on a counted note (trashed applications left out), and the tag names.

    The texts are left empty here: there may be many thousands, and only the few quoted are
    read (``_quotes``)."""
    stmt = (
        select(
            NoteTag.tag_id,
            Note.id,
            Note.stage_event_id,
            Note.application_id,
            Note.created_at,
            Note.kind,
        )
        .join(NoteTag, NoteTag.note_id == Note.id)
        .outerjoin(Application, Application.id == Note.application_id)
        .where(Note.kind.in_(COUNTED_KINDS), Application.deleted_at.is_(None))
    )
    found: list[Mention] = []
    with db.session() as s:
        tags = {
            tag_id: (key, name)
            for tag_id, key, name in s.execute(select(Tag.id, Tag.key, Tag.name))
        }
        for tag_id, note_id, event_id, app_id, created, kind in s.execute(stmt):
            day = created.date()
            found.append(
                Mention(
                    area=tags[tag_id][0],
                    note_id=note_id,
                    interview=interview_key(event_id, app_id, day),
                    day=day,
                    text="",
                    kind=kind,
                )
            )
    names = {key: name for key, name in tags.values()}
    return found, names


def _quotes(db: Database, ranked: list[AreaInsight]) -> list[AreaInsight]:
    """Fill in the text, fix and company of the quoted notes."""
    ids = {q.note_id for area in ranked for q in area.quotes}
    if not ids:
        return ranked
    with db.session() as s:
        rows = {
            note_id: (body, fix, company)
            for note_id, body, fix, company in s.execute(
                select(Note.id, Note.body, Note.fix, Company.name)
                .outerjoin(Application, Application.id == Note.application_id)
                .outerjoin(Company, Company.id == Application.company_id)
                .where(Note.id.in_(ids))
            )
        }
    return [
        replace(
            area,
            quotes=tuple(
                replace(
                    q, text=rows[q.note_id][0], fix=rows[q.note_id][1], company=rows[q.note_id][2]
                )
                for q in area.quotes
            ),
        )
        for area in ranked
    ]


def recurring_areas(
    db: Database,
    *,
    today: date | None = None,
    window_days: int = WINDOW_DAYS,
    quotes: int = QUOTES,
) -> list[AreaInsight]:
    """Areas named by the most interviews first, with the trend and the latest quotes."""
    found, names = mentions(db)
    ranked = rank_areas(
        found,
        today=today or db.clock.today(),
        names=names,
        window_days=window_days,
        quotes=quotes,
    )
    return _quotes(db, ranked)
