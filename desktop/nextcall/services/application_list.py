"""The applications table's data: filtered, sorted, counted and paged by SQLite.

Everything a column shows or sorts on is a stored column (progress is kept up to date by
services/progress.py), so a page of 200 rows out of 100,000 costs one indexed query.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from sqlalchemy import (
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    union,
)
from sqlalchemy.orm import Session, aliased

from nextcall.core.errors import ValidationError
from nextcall.services.application_rows import (  # re-exported: part of this module's API
    SORT_COLUMNS,
    ApplicationQuery,
    ApplicationRow,
)
from nextcall.services.database import Database
from nextcall.store.models import Application, Company, Contact, Stage

TRIGRAM = 3  # search words this long use the trigram index (store/search_index.py)
# Sort keys with an index of their own on applications (store/models.py).
INDEXED_SORTS = frozenset(
    {
        "applied_on",
        "account_type",
        "current",
        "furthest",
        "status",
        "next_follow_up",
        "last_contact",
    }
)
# From this many matches of a word, a page is found faster by walking the sort column's index
# and keeping the matching rows (about 200 x rows / matches steps of 0.15 us) than by reading
# every match and sorting them (about 5 us each). At 100,000 applications, a word matching
# 3,361 of them: 7 ms instead of 20 ms; one matching 10 stays at 0.02 ms (measured).
WALK_FROM_MATCHES = 1000


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


# The trigram index (store/search_index.py) as a table SQLAlchemy can cache queries over.
_SEARCH = table("application_search", column("rowid"))
_SEARCH_MATCH = literal_column("application_search").op("MATCH")


def _matches(number: int, word: str) -> Any:
    """The ids of the applications whose text holds ``word`` (three letters or more)."""
    return select(_SEARCH.c.rowid).where(_SEARCH_MATCH(bindparam(f"phrase{number}", _phrase(word))))


def _walk_index(s: Session, query: ApplicationQuery) -> bool:
    """Whether a page of this query is found faster by walking the sort column's index: a
    search of one word matching many applications, and nothing else to narrow it down."""
    words = query.search.split()
    if (
        len(words) != 1
        or len(words[0]) < TRIGRAM
        or query.sort not in INDEXED_SORTS
        or replace(query, search="").filtering
    ):
        return False
    matches = s.connection().execute(_ENOUGH_MATCHES, {"p": _phrase(words[0])}).scalar_one()
    return int(matches) >= WALK_FROM_MATCHES


# How many applications match a word, counting no further than WALK_FROM_MATCHES: all the plan
# needs to know. (A full count reads every match: at 100,000 applications 4 ms for 'servi',
# 0.7 ms for 'north'; counted up to 1,000: 0.2 ms and 0.26 ms.)
_ENOUGH_MATCHES = select(func.count()).select_from(
    select(literal_column("1"))
    .select_from(_SEARCH)
    .where(_SEARCH_MATCH(bindparam("p")))
    .limit(WALK_FROM_MATCHES)
    .subquery()
)


def _where(stmt: Any, query: ApplicationQuery, *, walk: bool = False) -> Any:
    """``walk``: SQLite is kept from starting at the search's matches (the ``+`` in front of
    the id), so it walks the sort column's index instead (see WALK_FROM_MATCHES)."""
    stmt = stmt.where(Application.deleted_at.is_(None))
    for number, word in enumerate(query.search.split()):
        if len(word) >= TRIGRAM:
            # The trigram index answers substring matches without reading every row.
            ids = literal_column("+applications.id") if walk else Application.id
            stmt = stmt.where(ids.in_(_matches(number, word)))
            continue
        # One or two letters: too short for trigrams; SQLite's LIKE (ASCII case folding).
        pattern = "%" + _escape_like(word) + "%"
        companies = union(
            select(Company.id).where(Company.name.like(pattern, escape="\\")),
            select(Contact.company_id).where(Contact.name.like(pattern, escape="\\")),
        )
        stmt = stmt.where(
            or_(
                Application.company_id.in_(companies),  # computed once, not per row
                Application.position.like(pattern, escape="\\"),
                Application.account_type.like(pattern, escape="\\"),
                Application.site.like(pattern, escape="\\"),
            )
        )
    if query.statuses:
        stmt = stmt.where(Application.status.in_(query.statuses))
    if query.reached_key:
        position = select(Stage.position).where(Stage.key == query.reached_key).scalar_subquery()
        stmt = stmt.where(Application.furthest_position >= position)
    if query.account_type:
        stmt = stmt.where(Application.account_type == query.account_type)
    if query.applied_from:
        stmt = stmt.where(Application.applied_on >= query.applied_from)
    if query.applied_to:
        stmt = stmt.where(Application.applied_on <= query.applied_to)
    return stmt


def count_applications(db: Database, query: ApplicationQuery) -> int:
    stmt = _where(select(func.count(Application.id)), query)  # company_id is NOT NULL + FK
    with db.session() as s:
        return int(s.execute(stmt).scalar_one())


@cache
def _page_select() -> tuple[Any, dict[str, Any]]:
    """The page query without its conditions and order, and each sort key's column: built
    once (making it, with its two aliases of the stage table, cost more than running it)."""
    furthest = aliased(Stage)
    current = aliased(Stage)
    stmt = (
        select(
            Application.id,
            Company.name,
            Application.position,
            Application.account_type,
            Application.applied_on,
            Application.status,
            furthest.key,
            furthest.name,
            Application.furthest_outcome,
            current.key,
            current.name,
            Application.current_state,
            Application.next_follow_up_at,
            Application.last_contact_on,
        )
        .join(Company, Company.id == Application.company_id)
        .outerjoin(furthest, furthest.id == Application.furthest_stage_id)
        .outerjoin(current, current.id == Application.current_stage_id)
    )
    sort_expr: dict[str, Any] = {
        "company": Company.name,
        "position": Application.position,
        "account_type": Application.account_type,
        "applied_on": Application.applied_on,
        "current": Application.current_position,
        "furthest": Application.furthest_position,
        "status": Application.status,
        "next_follow_up": Application.next_follow_up_at,
        "last_contact": Application.last_contact_on,
    }
    return stmt, sort_expr


def list_applications(
    db: Database, query: ApplicationQuery, offset: int = 0, limit: int = 200
) -> list[ApplicationRow]:
    if query.sort not in SORT_COLUMNS:
        raise ValidationError(f"cannot sort by {query.sort!r}; use one of {SORT_COLUMNS}")
    base, sort_expr = _page_select()
    order = sort_expr[query.sort]
    direction = order.desc() if query.descending else order.asc()
    tie = Application.id.desc() if query.descending else Application.id.asc()
    with db.session() as s:
        stmt = _where(base, query, walk=_walk_index(s, query))
        stmt = stmt.order_by(direction.nulls_last(), tie).offset(offset).limit(limit)
        # (through Core: plain columns need none of the ORM's handling of results)
        return [ApplicationRow(*row) for row in s.connection().execute(stmt).all()]


@dataclass(frozen=True)
class PickerItem:
    id: int
    label: str
    open: bool


def picker_items(db: Database, limit: int = 500) -> list[PickerItem]:
    """Applications to choose from in the tracker: open ones first, then recently closed."""
    is_open = Application.status.in_(("active", "offer"))
    stmt = (
        select(Application.id, Company.name, Application.position, is_open)
        .join(Company, Company.id == Application.company_id)
        .where(Application.deleted_at.is_(None))
        .order_by(is_open.desc(), Application.updated_at.desc(), Application.id.desc())
        .limit(limit)
    )
    with db.session() as s:
        rows = s.execute(stmt).all()
    items = [
        PickerItem(id_, f"{company} — {position}" if position else company, bool(open_))
        for id_, company, position, open_ in rows
    ]
    return sorted(items, key=lambda i: (not i.open, i.label.lower()))
