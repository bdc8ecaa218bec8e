"""What a line of the applications table holds, and the query that picks the lines.

Plain data, without SQLAlchemy: the window's first page (services/first_page.py) is read before
the ORM loads, and the table's model is built on these types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

SORT_COLUMNS = (
    "company",
    "position",
    "account_type",
    "applied_on",
    "current",
    "furthest",
    "status",
    "next_follow_up",
    "last_contact",
)


@dataclass(frozen=True)
class ApplicationRow:
    """One line of the applications table."""

    id: int
    company: str
    position: str
    account_type: str
    applied_on: date | None
    status: str
    furthest_key: str | None
    furthest_name: str | None
    furthest_outcome: str | None
    current_key: str | None = None
    current_name: str | None = None
    current_state: str | None = None
    next_follow_up_at: datetime | None = None
    last_contact_on: date | None = None


@dataclass(frozen=True)
class ApplicationQuery:
    search: str = ""
    statuses: tuple[str, ...] = ()
    reached_key: str | None = None  # only applications that reached at least this milestone
    account_type: str | None = None
    applied_from: date | None = None
    applied_to: date | None = None
    sort: str = "applied_on"
    descending: bool = True

    @property
    def filtering(self) -> bool:
        return bool(
            self.search.strip()
            or self.statuses
            or self.reached_key
            or self.account_type
            or self.applied_from
            or self.applied_to
        )


__all__ = ["SORT_COLUMNS", "ApplicationQuery", "ApplicationRow"]
