"""How many milestone events there are of each (milestone, outcome), kept beside the events.

``stage_outcome_counts`` holds one row per milestone and outcome with its number of events,
trash included. SQL triggers on ``stage_events`` keep it in step with every write, whatever
code path makes it (the tracker, imports, undo, an application purged with its events), so the
funnel reads ten-odd counts instead of a pass over every event (services/funnel.py); the
funnel then takes away the events of the applications it leaves out, as it always did.

Batch migrations that recreate ``stage_events`` drop its triggers; store/migrate.py runs
``ensure`` after every upgrade, which puts them back and counts the table again.
"""

from __future__ import annotations

from sqlalchemy import Connection

from nextcall.store import kept_tables

TABLE = "stage_outcome_counts"
_ADD = (
    f"INSERT INTO {TABLE} (stage_id, outcome, events) VALUES ({{row}}.stage_id, {{row}}.outcome, 1)"
    " ON CONFLICT (stage_id, outcome) DO UPDATE SET events = events + 1;"
)
_TAKE = (
    f"UPDATE {TABLE} SET events = events - 1"
    " WHERE stage_id = {row}.stage_id AND outcome = {row}.outcome;"
)

TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS stage_outcome_counts_ai AFTER INSERT ON stage_events BEGIN "
    + _ADD.format(row="new")
    + " END",
    "CREATE TRIGGER IF NOT EXISTS stage_outcome_counts_ad AFTER DELETE ON stage_events BEGIN "
    + _TAKE.format(row="old")
    + " END",
    "CREATE TRIGGER IF NOT EXISTS stage_outcome_counts_au AFTER UPDATE OF stage_id, outcome "
    "ON stage_events WHEN old.stage_id IS NOT new.stage_id OR old.outcome IS NOT new.outcome "
    "BEGIN " + _TAKE.format(row="old") + " " + _ADD.format(row="new") + " END",
)
NAMES = ("stage_outcome_counts_ai", "stage_outcome_counts_ad", "stage_outcome_counts_au")
FILL = (
    f"INSERT INTO {TABLE} (stage_id, outcome, events) "
    "SELECT stage_id, outcome, count(*) FROM stage_events GROUP BY stage_id, outcome"
)


def statements() -> list[str]:
    """The triggers and the first count (the table comes from the migration)."""
    return [*TRIGGERS, f"DELETE FROM {TABLE}", FILL]


def ensure(connection: Connection) -> None:
    """Put back any trigger a table rebuild dropped, and count again then."""
    kept_tables.put_back(connection, TABLE, NAMES, statements())


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in NAMES]
