"""The applications table's first page, read straight from the file before the ORM loads.

The window paints its first rows from this (ui/startup/app.py) and only then imports SQLAlchemy
and the rest. It answers exactly what ``application_list.list_applications`` /
``count_applications`` and ``applications.account_types`` answer for an unfiltered table (a
test compares them on every sort), and nothing else. ``None`` whenever it cannot vouch for the
answer — no data file, a schema older or newer than this code's, any SQLite error — and the
caller then takes the usual path, which knows how to say what is wrong.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from nextcall.services.application_rows import SORT_COLUMNS, ApplicationQuery, ApplicationRow
from nextcall.store.revisions import HEAD_REVISION

PAGE_SIZE = 200  # the table model's page (ui/applications/application_model.py)
BUSY_MS = 1000  # a writer holding the file: give up soon, the usual path waits properly

_ORDER = {
    "company": "c.name",
    "position": "a.position",
    "account_type": "a.account_type",
    "applied_on": "a.applied_on",
    "current": "a.current_position",
    "furthest": "a.furthest_position",
    "status": "a.status",
    "next_follow_up": "a.next_follow_up_at",
    "last_contact": "a.last_contact_on",
}
assert set(_ORDER) == set(SORT_COLUMNS)

_ROWS = """
SELECT a.id, c.name, a.position, a.account_type, a.applied_on, a.status,
       f.key, f.name, a.furthest_outcome, cur.key, cur.name, a.current_state,
       a.next_follow_up_at, a.last_contact_on
FROM applications AS a
JOIN companies AS c ON c.id = a.company_id
LEFT JOIN stages AS f ON f.id = a.furthest_stage_id
LEFT JOIN stages AS cur ON cur.id = a.current_stage_id
WHERE a.deleted_at IS NULL
ORDER BY {order} {direction} NULLS LAST, a.id {direction}
LIMIT ?
"""
# All rows less those in the trash: SQLite counts a whole table from its smallest index, and the
# trash from its partial index, in well under a millisecond at 100,000 rows (a count with the
# WHERE clause reads every row: 16 ms).
_COUNT = (
    "SELECT (SELECT count(*) FROM applications)"
    " - (SELECT count(*) FROM applications WHERE deleted_at IS NOT NULL)"
)
# The distinct account types, one index seek each (a dozen or two) rather than a walk of the
# whole index (7 ms at 100,000 rows): each step asks for the next value after the last.
_ACCOUNTS = """
WITH RECURSIVE kinds(value) AS (
    SELECT min(account_type) FROM applications WHERE account_type > ''
    UNION ALL
    SELECT (SELECT min(account_type) FROM applications WHERE account_type > kinds.value)
    FROM kinds WHERE kinds.value IS NOT NULL
)
SELECT value FROM kinds WHERE value IS NOT NULL
"""


@dataclass(frozen=True)
class FirstPage:
    """The first rows of the unfiltered table in ``query``'s order, how many there are in all,
    and the account types the filter offers."""

    query: ApplicationQuery
    rows: list[ApplicationRow]
    total: int
    accounts: list[str]


def read_first_page(
    database: Path, query: ApplicationQuery | None = None, limit: int = PAGE_SIZE
) -> FirstPage | None:
    query = query or ApplicationQuery()
    if query.filtering or query.sort not in _ORDER:
        return None
    try:
        if database.stat().st_size == 0:
            return None
        with contextlib.closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as con:
            con.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD_REVISION:
                return None
            direction = "DESC" if query.descending else "ASC"
            sql = _ROWS.format(order=_ORDER[query.sort], direction=direction)
            rows = [_row(values) for values in con.execute(sql, (limit,))]
            total = len(rows) if len(rows) < limit else con.execute(_COUNT).fetchone()[0]
            accounts = [name for (name,) in con.execute(_ACCOUNTS)]
    except (OSError, sqlite3.Error, ValueError):
        return None
    return FirstPage(query, rows, int(total), accounts)


def _row(values: tuple[object, ...]) -> ApplicationRow:
    (id_, company, position, account, applied, status, f_key, f_name, f_outcome) = values[:9]
    (c_key, c_name, c_state, follow_up, last_contact) = values[9:]
    return ApplicationRow(
        id=int(id_),  # type: ignore[call-overload]
        company=str(company),
        position=str(position or ""),
        account_type=str(account or ""),
        applied_on=_date(applied),
        status=str(status),
        furthest_key=_text(f_key),
        furthest_name=_text(f_name),
        furthest_outcome=_text(f_outcome),
        current_key=_text(c_key),
        current_name=_text(c_name),
        current_state=_text(c_state),
        next_follow_up_at=datetime.fromisoformat(str(follow_up)) if follow_up else None,
        last_contact_on=_date(last_contact),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None
