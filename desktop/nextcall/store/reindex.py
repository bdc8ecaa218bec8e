"""Repairs that need no backup: an index out of step with its table is rebuilt from the table.

``PRAGMA quick_check`` skips the index cross-checks that ``PRAGMA integrity_check`` does, so a
file can open and read fine while an index misses rows (searches and sorts would then skip
them). The table rows are the truth; ``REINDEX`` rebuilds every index from them.
"""

from __future__ import annotations

import re
from pathlib import Path

from nextcall.store.engine import make_engine

# What integrity_check says of an index whose entries do not match its table.
_INDEX_LINE = re.compile(
    r"^integrity: (row \d+ missing from index \S+|wrong # of entries in index \S+)$"
)


def only_index_problems(problems: list[str]) -> bool:
    """True when every problem is an index out of step (and there is at least one)."""
    return bool(problems) and all(_INDEX_LINE.match(line) for line in problems)


def rebuild_indexes(path: Path) -> None:
    """Rebuild every index of the file at ``path`` from its tables, in one transaction."""
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("REINDEX")
    finally:
        engine.dispose()
