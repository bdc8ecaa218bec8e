"""Helpers for write paths that take many records at once (one record is a batch of one).

The write paths write batches with executemany statements instead of one ORM object at a time;
the ORM objects a caller already holds for those rows are then expired, so their next read
sees what was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

T = TypeVar("T")

CHUNK = 500  # rows per IN (...) list: well under SQLite's limit of bound values


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def expire(s: Session, model: type[Any], ids: Iterable[int]) -> None:
    """Forget the loaded state of the ``model`` rows with these ids that the session holds."""
    identities = s.identity_map
    if not identities:
        return
    for row_id in ids:
        found = identities.get(identity_key(model, row_id))
        if found is not None:
            s.expire(found)
