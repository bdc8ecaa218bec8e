"""Add many applications at once: preview a pasted list, then commit it in one transaction.

``preview`` classifies every line against what the profile already holds:

- ``new``: nothing stands in the way;
- ``duplicate``: the company already has an open (active or offer) application;
- ``cooldown``: the company rejected or ghosted the applicant and its waiting period before
  re-applying has not ended. The period ends on the company's ``reapply_after`` date; when that
  is empty, it ends ``DEFAULT_COOLDOWN_DAYS`` after the rejection or ghosting;
- ``invalid``: the line cannot be a company name, or repeats an earlier line.

``commit`` classifies the names again inside its transaction (the profile may have changed since
the preview) and adds all of them or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.bulk import (
    DEFAULT_COOLDOWN_DAYS,
    Line,
    ParsedLine,
    parse_lines,
    split_lines,
)
from nextcall.core.companies import company_key
from nextcall.core.errors import ValidationError
from nextcall.core.stages import Status
from nextcall.services.applications import (
    ApplicationForm,
    company_for,
    create_application_in,
    validate,
)
from nextcall.services.database import Database
from nextcall.store.models import Application, Company

__all__ = [
    "DEFAULT_COOLDOWN_DAYS",
    "Added",
    "BulkItem",
    "BulkPreview",
    "BulkResult",
    "Existing",
    "Kind",
    "closed_on",
    "commit",
    "preview",
    "preview_lines",
]

OPEN_STATUSES = (Status.ACTIVE.value, Status.OFFER.value)
CLOSED_BY_COMPANY = (Status.REJECTED.value, Status.GHOSTED.value)
SHARED_FIELDS = ("position", "applied_on", "source")
_CHUNK = 500  # names per IN (...) query, well under SQLite's parameter limit


class Kind(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    COOLDOWN = "cooldown"
    INVALID = "invalid"


@dataclass(frozen=True)
class Existing:
    """The open application that makes a line a duplicate."""

    id: int
    company: str
    position: str
    applied_on: date | None
    status: str


@dataclass(frozen=True)
class BulkItem:
    """One input line and what adding it would mean."""

    line: int
    where: str  # "line 3" (or "argument 2" on the command line)
    text: str  # the line as typed (trimmed), for invalid lines
    name: str  # the company name as it will be stored; "" for an invalid line but a repeat
    kind: Kind
    reason: str  # a short explanation for people
    existing: Existing | None = None  # duplicate: the open application
    until: date | None = None  # cooldown: the day the waiting period ends
    closed_status: str = ""  # cooldown: rejected or ghosted
    closed_on: date | None = None  # cooldown: when (None when only reapply_after is known)
    repeat_of: str = ""  # invalid repeat: where the company was first listed
    company_id: int | None = None  # None: a new company will be created


@dataclass(frozen=True)
class BulkPreview:
    items: tuple[BulkItem, ...]
    position: str
    applied_on: date | None
    source: str
    today: date
    field_errors: dict[str, str] = field(default_factory=dict)  # shared fields' problems

    def count(self, kind: Kind) -> int:
        return sum(1 for item in self.items if item.kind is kind)

    @property
    def counts(self) -> dict[Kind, int]:
        return {kind: self.count(kind) for kind in Kind}

    @property
    def repeats(self) -> int:
        return sum(1 for item in self.items if item.repeat_of)

    def to_add(self, *, allow_duplicates: bool = False, include_cooldown: bool = False) -> int:
        """How many applications ``commit`` would add with these choices."""
        return len(_chosen(self.items, allow_duplicates, include_cooldown))


@dataclass(frozen=True)
class Added:
    item: BulkItem
    application_id: int


@dataclass(frozen=True)
class BulkResult:
    added: tuple[Added, ...]
    skipped: tuple[BulkItem, ...]  # duplicates, cooldown and invalid lines not added
    items: tuple[BulkItem, ...]  # every line as classified at commit time, input order

    @property
    def added_ids(self) -> list[int]:
        return [a.application_id for a in self.added]

    def id_for(self, item: BulkItem) -> int | None:
        for added in self.added:
            if added.item.line == item.line and added.item.where == item.where:
                return added.application_id
        return None


# -- preview ---------------------------------------------------------------------------------


def preview(
    db: Database,
    text: str,
    *,
    position: str = "",
    applied_on: date | None,
    source: str = "",
) -> BulkPreview:
    """Classify each line of a pasted list (see the module's docstring)."""
    return preview_lines(
        db, split_lines(text), position=position, applied_on=applied_on, source=source
    )


def preview_lines(
    db: Database,
    lines: Iterable[Line],
    *,
    position: str = "",
    applied_on: date | None,
    source: str = "",
) -> BulkPreview:
    """``preview`` for lines from several places (the CLI's arguments and a file)."""
    today = db.clock.today()
    parsed = parse_lines(lines).lines
    position, source, errors = _shared(position, applied_on, source, today)
    with db.session() as s:
        items = _classify(s, parsed, today)
    return BulkPreview(items, position, applied_on, source, today, errors)


def _shared(
    position: str, applied_on: date | None, source: str, today: date
) -> tuple[str, str, dict[str, str]]:
    """The shared fields checked by the single-application form's own rules."""
    form = ApplicationForm(
        company="x",
        position=position,
        source=source,
        applied_on=applied_on.isoformat() if applied_on else "",
    )
    values, problems = validate(form, today)
    errors = {k: v for k, v in problems.by_field.items() if k in SHARED_FIELDS}
    if values is None:
        return position.strip(), source.strip(), errors
    return values.position, values.source, errors


@dataclass
class _Known:
    company: Company
    open_apps: list[Application] = field(default_factory=list)
    closed_apps: list[Application] = field(default_factory=list)


def _known(s: Session, names: Sequence[str]) -> dict[str, _Known]:
    """The stored companies among ``names`` with their applications, by ``company_key``."""
    found: dict[str, _Known] = {}
    unique = sorted({company_key(n) for n in names})
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        for company in s.execute(select(Company).where(Company.name_key.in_(chunk))).scalars():
            found[company.name_key] = _Known(company)
    by_id = {k.company.id: k for k in found.values()}
    ids = sorted(by_id)
    for start in range(0, len(ids), _CHUNK):
        rows = s.execute(
            select(Application).where(
                Application.company_id.in_(ids[start : start + _CHUNK]),
                Application.deleted_at.is_(None),
            )
        ).scalars()
        for app in rows:
            known = by_id[app.company_id]
            if app.status in OPEN_STATUSES:
                known.open_apps.append(app)
            elif app.status in CLOSED_BY_COMPANY:
                known.closed_apps.append(app)
    return found


def closed_on(app: Application) -> date | None:
    """Best estimate of when the company rejected or ghosted this application.

    The profile does not keep a date for the status change itself: the last contact (recorded
    with every milestone outcome, so a failed milestone's day) stands for it, then the day the
    application was last changed, then the day it was sent.
    """
    if app.last_contact_on is not None:
        return app.last_contact_on
    if app.updated_at is not None:
        return app.updated_at.date()
    return app.applied_on


def _newest(apps: list[Application]) -> Application:
    return max(apps, key=lambda a: (a.applied_on or date.min, a.id))


@dataclass(frozen=True)
class _Cooldown:
    until: date
    status: str
    closed_on: date | None


def _cooldown(known: _Known, today: date) -> _Cooldown | None:
    """The waiting period before re-applying, while it runs."""
    if not known.closed_apps:
        return None
    dated = [(closed_on(a) or date.min, a.id, a) for a in known.closed_apps]
    last, _, app = max(dated, key=lambda t: (t[0], t[1]))
    last_day = None if last == date.min else last
    reapply = known.company.reapply_after
    if reapply is not None:
        return _Cooldown(reapply, app.status, last_day) if reapply > today else None
    if last_day is None:
        return None
    until = last_day + timedelta(days=DEFAULT_COOLDOWN_DAYS)
    return _Cooldown(until, app.status, last_day) if until > today else None


def _classify(s: Session, parsed: Sequence[ParsedLine], today: date) -> tuple[BulkItem, ...]:
    known = _known(s, [p.name for p in parsed if p.accepted])
    items: list[BulkItem] = []
    for p in parsed:
        if not p.accepted:
            items.append(
                BulkItem(
                    p.number,
                    p.where,
                    p.text,
                    p.name if p.repeat_of else "",
                    Kind.INVALID,
                    p.problem,
                    repeat_of=p.repeat_of,
                )
            )
            continue
        k = known.get(company_key(p.name))
        if k is None:
            items.append(BulkItem(p.number, p.where, p.text, p.name, Kind.NEW, "new company"))
            continue
        name, company_id = k.company.name, k.company.id
        if k.open_apps:
            app = _newest(k.open_apps)
            existing = Existing(app.id, name, app.position, app.applied_on, app.status)
            items.append(
                BulkItem(
                    p.number,
                    p.where,
                    p.text,
                    name,
                    Kind.DUPLICATE,
                    _duplicate_reason(existing, len(k.open_apps)),
                    existing=existing,
                    company_id=company_id,
                )
            )
            continue
        cooldown = _cooldown(k, today)
        if cooldown is not None:
            items.append(
                BulkItem(
                    p.number,
                    p.where,
                    p.text,
                    name,
                    Kind.COOLDOWN,
                    _cooldown_reason(cooldown, k.company.reapply_after is not None),
                    until=cooldown.until,
                    closed_status=cooldown.status,
                    closed_on=cooldown.closed_on,
                    company_id=company_id,
                )
            )
            continue
        items.append(
            BulkItem(
                p.number,
                p.where,
                p.text,
                name,
                Kind.NEW,
                "known company, no open application",
                company_id=company_id,
            )
        )
    return tuple(items)


def _cooldown_reason(cooldown: _Cooldown, recorded: bool) -> str:
    status = Status(cooldown.status).label
    when = f" on {cooldown.closed_on.isoformat()}" if cooldown.closed_on else ""
    until = f"re-apply after {cooldown.until.isoformat()}"
    if recorded:
        return f"{status}{when}; {until} (the company's waiting period)"
    return f"{status}{when}; {until} ({DEFAULT_COOLDOWN_DAYS} days, no waiting period recorded)"


def _duplicate_reason(existing: Existing, count: int) -> str:
    when = f"on {existing.applied_on.isoformat()}" if existing.applied_on else "(no date)"
    what = f" as {existing.position}" if existing.position else ""
    status = " (offer)" if existing.status == Status.OFFER.value else ""
    more = f"; {count} open applications" if count > 1 else ""
    return f"already applied {when}{what}, #{existing.id}{status}{more}"


# -- commit ----------------------------------------------------------------------------------


def _chosen(
    items: Iterable[BulkItem], allow_duplicates: bool, include_cooldown: bool
) -> list[BulkItem]:
    wanted = {Kind.NEW}
    if allow_duplicates:
        wanted.add(Kind.DUPLICATE)
    if include_cooldown:
        wanted.add(Kind.COOLDOWN)
    return [item for item in items if item.kind in wanted]


def commit(
    db: Database,
    preview: BulkPreview,
    *,
    allow_duplicates: bool = False,
    include_cooldown: bool = False,
) -> BulkResult:
    """Add the previewed new companies (and duplicates / cooldown ones when allowed) in one
    transaction: every application is added, or none is. Companies are created as needed."""
    if preview.field_errors:
        name, message = next(iter(preview.field_errors.items()))
        raise ValidationError(message, name)
    today, now = db.clock.today(), db.clock.now()
    if preview.applied_on is not None and preview.applied_on > today:
        raise ValidationError(f"{preview.applied_on.isoformat()} is in the future.", "applied_on")
    parsed = [
        ParsedLine(item.line, item.where, item.text, item.name, item.reason, item.repeat_of)
        if item.kind is Kind.INVALID
        else ParsedLine(item.line, item.where, item.text, item.name)
        for item in preview.items
    ]
    with db.session() as s:
        items = _classify(s, parsed, today)
        chosen = _chosen(items, allow_duplicates, include_cooldown)
        added: list[Added] = []
        for item in chosen:
            values, problems = validate(
                ApplicationForm(
                    company=item.name,
                    position=preview.position,
                    source=preview.source,
                    applied_on=preview.applied_on.isoformat() if preview.applied_on else "",
                ),
                today,
            )
            if values is None:
                name, message = next(iter(problems.by_field.items()))
                raise ValidationError(f"{item.where}: {message}", name)
            try:
                app = create_application_in(
                    s, values, now, company=company_for(s, values.company)
                )
            except ValidationError as exc:
                raise ValidationError(f"{item.where}: {exc}", exc.field) from exc
            added.append(Added(item, app.id))
        chosen_ids = {id(item) for item in chosen}
        skipped = tuple(item for item in items if id(item) not in chosen_ids)
        return BulkResult(tuple(added), skipped, items)
