"""Helpers for write paths that take many records at once (one record is a batch of one).

The write paths write batches with executemany statements instead of one ORM object at a time;
the ORM objects a caller already holds for those rows are then expired, so their next read
sees what was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

T = TypeVar("T")

CHUNK = 500  # rows per IN (...) list: well under SQLite's limit of bound values


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(s: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (each naming the same columns) into ``model``'s table in one executemany
    and return their ids, in order. The ids are given: one after another from the table's
    largest, which is what SQLite itself gives a new row of a table without AUTOINCREMENT;
    the caller's transaction has written before or writes now, so no other writer comes in
    between (RETURNING with the rows' order kept would send one statement a row)."""
    if not rows:
        return []
    ids = next_ids(s, model, len(rows))
    s.connection().execute(  # the table's insert: no ORM bookkeeping per row
        insert(model.__table__),
        [{**row, "id": row_id} for row, row_id in zip(rows, ids, strict=True)],
    )
    return ids


def insert_many(s: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (each naming the same columns) into ``model``'s table in one
    executemany, without ORM bookkeeping per row."""
    if rows:
        s.connection().execute(insert(model.__table__), list(rows))


def next_ids(s: Session, model: type[Any], count: int) -> list[int]:
    """The ids the next ``count`` rows of ``model``'s table get (see ``insert_rows``)."""
    start = (s.execute(select(func.max(model.id))).scalar() or 0) + 1
    return list(range(start, start + count))


def expire(s: Session, model: type[Any], ids: Iterable[int]) -> None:
    """Forget the loaded state of the ``model`` rows with these ids that the session holds."""
    identities = s.identity_map
    if not identities:
        return
    for row_id in ids:
        found = identities.get(identity_key(model, row_id))
        if found is not None:
            s.expire(found)
