"""Tables that SQL triggers keep in step with others: the search indexes
(store/search_index.py), ``area_mentions`` (store/area_index.py) and ``stage_outcome_counts``
(store/outcome_counts.py).

A batch migration that recreates a table drops the triggers on it; store/migrate.py then puts
them back through :func:`put_back`, which also fills the kept table again, since it may have
missed changes while a trigger was gone.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection


def put_back(
    connection: Connection, table: str, triggers: Iterable[str], statements: Iterable[str]
) -> bool:
    """Run ``statements`` (the triggers, then the fill) when ``table`` exists and any of its
    ``triggers`` is missing; True when it did."""
    names = connection.exec_driver_sql(
        "SELECT name, type FROM sqlite_master WHERE type IN ('trigger', 'table')"
    ).all()
    if (table, "table") not in names or set(triggers) <= {n for n, t in names if t == "trigger"}:
        return False
    for statement in statements:
        connection.exec_driver_sql(statement)
    return True
