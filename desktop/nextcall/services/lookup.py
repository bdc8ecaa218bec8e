"""Find one live application from what a person types: its id, or its company's name.

Shared by the command line and the UI. The order: a number (``12`` or ``#12``) is an id when a
live application has it; otherwise the text is a company name, compared by
``core.companies.company_key`` (Unicode case folding, whitespace runs as one space): an exact
name first, then a part of a name that only one company's applications contain. Several
applications match (two applications to the same company, or a part of two companies' names):
:class:`AmbiguousApplicationError` lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from nextcall.core.companies import company_key
from nextcall.core.errors import NextCallError, NotFoundError, ValidationError
from nextcall.core.validation import quote
from nextcall.services.database import Database
from nextcall.store.models import Application, Company


@dataclass(frozen=True)
class ApplicationMatch:
    id: int
    company: str
    position: str
    applied_on: date | None
    status: str

    def describe(self) -> str:
        """One line: '#12  Harborline BPO, Customer service agent, applied 2026-09-01'."""
        position = self.position or "no position given"
        applied = f"applied {self.applied_on.isoformat()}" if self.applied_on else "no date applied"
        return f"#{self.id}  {self.company}, {position}, {applied}"


class AmbiguousApplicationError(NextCallError):
    """More than one application matches; ``matches`` are oldest id first."""

    def __init__(self, text: str, matches: list[ApplicationMatch]) -> None:
        super().__init__(
            f"{quote(text)} matches {len(matches)} applications; use one of these ids instead:"
        )
        self.matches = matches


_ID = re.compile(r"#?\s*(\d+)")


def _matches(s: Session, where: ColumnElement[bool]) -> list[ApplicationMatch]:
    rows = s.execute(
        select(
            Application.id,
            Company.name,
            Application.position,
            Application.applied_on,
            Application.status,
        )
        .join(Company, Company.id == Application.company_id)
        .where(Application.deleted_at.is_(None), where)
        .order_by(Application.id)
    )
    return [ApplicationMatch(*row) for row in rows]


def matching_applications(db: Database, text: str) -> list[ApplicationMatch]:
    """Every live application ``text`` designates (see the module docstring); may be empty."""
    wanted = text.strip()
    if not wanted:
        raise ValidationError("Name a company or give an application id.", "application")
    with db.session() as s:
        if m := _ID.fullmatch(wanted):
            found = _matches(s, Application.id == int(m[1]))
            if found:
                return found
        companies = s.execute(
            select(Company.id, Company.name).where(
                select(Application.id)
                .where(Application.company_id == Company.id, Application.deleted_at.is_(None))
                .exists()
            )
        ).all()
        key = company_key(wanted)
        exact = [cid for cid, name in companies if company_key(name) == key]
        if exact:
            return _matches(s, Application.company_id.in_(exact))
        partial = [cid for cid, name in companies if key in company_key(name)]
        return _matches(s, Application.company_id.in_(partial)) if partial else []


def application_match(db: Database, application_id: int) -> ApplicationMatch:
    """The live application with this id, as a match (its current status included)."""
    with db.session() as s:
        found = _matches(s, Application.id == application_id)
    if not found:
        raise NotFoundError(f"there is no application with id {application_id}")
    return found[0]


def find_application(db: Database, text: str) -> ApplicationMatch:
    """The one live application ``text`` designates.

    Raises NotFoundError when none does and AmbiguousApplicationError when several do.
    """
    found = matching_applications(db, text)
    if not found:
        raise NotFoundError(f"no application for {quote(text.strip())}")
    if len(found) > 1:
        raise AmbiguousApplicationError(text.strip(), found)
    return found[0]
