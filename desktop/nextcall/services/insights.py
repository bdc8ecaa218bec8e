"""What interviewers keep telling me: improvement areas ranked across every tagged tip, feedback
note and debrief item. UI-free, so the window and the PDF packet print the same thing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, distinct, func, or_, select
from sqlalchemy.orm import Session

from nextcall.core.insights import (
    QUOTES,
    WINDOW_DAYS,
    AreaInsight,
    Mention,
    Quote,
    Trend,
    interview_key,
    trend,
)
from nextcall.services.database import Database
from nextcall.store.area_index import COUNTED_KINDS
from nextcall.store.models import Application, AreaMention, Company, Note, NoteTag, Tag

__all__ = ["COUNTED_KINDS", "AreaInsight", "Quote", "Trend", "mentions", "recurring_areas"]


def mentions(db: Database) -> tuple[list[Mention], dict[str, str]]:
    """Every area tag on a counted note (trashed applications left out), and the tag names,
    read from the notes themselves: the recount from scratch that ``core.insights.rank_areas``
    ranks the same as ``recurring_areas``.

    The texts are left empty here: there may be many thousands."""
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
    """Fill in the text, fix, kind and company of the quoted notes."""
    ids = {q.note_id for area in ranked for q in area.quotes}
    if not ids:
        return ranked
    with db.session() as s:
        rows = {
            note_id: (body, fix, company, kind)
            for note_id, body, fix, company, kind in s.execute(
                select(Note.id, Note.body, Note.fix, Company.name, Note.kind)
                .outerjoin(Application, Application.id == Note.application_id)
                .outerjoin(Company, Company.id == Application.company_id)
                .where(Note.id.in_(ids))
            )
        }
    return [
        replace(
            area,
            quotes=tuple(
                replace(q, text=text, fix=fix, company=company, kind=kind)
                for q in area.quotes
                for text, fix, company, kind in [rows[q.note_id]]
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
    """Areas named by the most interviews first, with the trend and the latest quotes.

    Read from the ``area_mentions`` table the notes' triggers keep (store/area_index.py), a
    few index reads whatever the number of notes; the same numbers as ``rank_areas`` over
    ``mentions`` (an interview's latest mention falls in the window exactly when one of its
    mentions does). Trashed applications are left out."""
    since = (today or db.clock.today()) - timedelta(days=window_days - 1)
    m = AreaMention
    live = or_(m.application_id.is_(None), m.application_id.not_in(_trashed()))
    with db.session() as s:
        tags = {
            tag_id: (key, name)
            for tag_id, key, name in s.execute(select(Tag.id, Tag.key, Tag.name))
        }
        totals = s.execute(
            select(m.tag_id, func.count(distinct(m.interview)), func.max(m.day))
            .where(live)
            .group_by(m.tag_id)
        ).all()
        recent = dict(
            s.execute(
                select(m.tag_id, func.count(distinct(m.interview)))
                .where(m.day >= since, live)
                .group_by(m.tag_id)
            ).all()
        )
        latest = {
            tag_id: _latest(s, tag_id, live, quotes) if quotes > 0 else []
            for tag_id, _n, _d in totals
        }
    ranked = []
    for tag_id, interviews, last_on in totals:
        key, name = tags[tag_id]
        lately = recent.get(tag_id, 0)
        ranked.append(
            AreaInsight(
                area=key,
                name=name,
                interviews=interviews,
                recent=lately,
                earlier=interviews - lately,
                trend=trend(lately, interviews - lately),
                last_on=last_on,
                quotes=tuple(latest[tag_id]),
            )
        )
    ranked.sort(key=lambda a: (-a.interviews, -a.recent, -a.last_on.toordinal(), a.name.lower()))
    return _quotes(db, ranked)


def _trashed() -> Select[int]:
    return select(Application.id).where(Application.deleted_at.is_not(None))


def _latest(s: Session, tag_id: int, live: ColumnElement[bool], quotes: int) -> list[Quote]:
    """The newest ``quotes`` notes naming the area (by day, then the later note first); their
    text is filled in by ``_quotes``."""
    m = AreaMention
    rows = s.execute(
        select(m.note_id, m.day)
        .where(m.tag_id == tag_id, live)
        .order_by(m.day.desc(), m.note_id.desc())
        .limit(quotes)
    )
    return [Quote(note_id, "", None, day, "") for note_id, day in rows]
