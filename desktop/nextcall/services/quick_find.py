"""Quick find, for when a recruiter calls without warning: one box over companies, positions,
account types, contacts (name, role, memory hook) and phone numbers.

Phone numbers are compared by their digits only, however they were typed: "0917 555 1234",
"+63 917-555-1234" and "9175551234" are all found by "5551234" or "917 555" (the rules are in
core/matching.py).

Results are ranked: a whole-field match before a field that starts with the query, before a
word inside it that does, before any other part of it; the company, a contact's name and the
phone before the position, account type, role and memory hook; then open applications before
closed ones, the most recent first. Every query is bounded by LIMIT and an index: companies and
contacts are small tables; positions and accounts are searched among the open applications (the
status index) and among the latest closed ones the trigram index matches, so a search of a
100,000-application profile stays interactive. SQLite's LIKE folds ASCII letters only: "élan"
finds "Élan" in company names (kept folded) but not in positions or contact names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from nextcall.core.companies import company_key
from nextcall.core.matching import (
    EXACT,
    INSIDE,
    PHONE_SEPARATORS,
    PREFIX,
    WORD,
    phone_digits,
    phone_quality,
    quality,
)
from nextcall.core.stages import Status
from nextcall.services.database import Database
from nextcall.store.models import Application, Company, Contact, StageEvent

LIMIT = 20  # results shown
PER_COMPANY = 3  # applications listed under one matching company (open ones first)
PER_CONTACT = 10  # a contact's company's applications weighed for the one they call about
TRIGRAM = 3  # queries this long can use the trigram index (store/search_index.py)
CLOSED_CANDIDATES = 500  # closed applications looked at: the latest the index matches
# Field weight: what a caller is most likely to be recognised by comes first.
MAIN, SIDE = 0, 1
OPEN = (Status.ACTIVE.value, Status.OFFER.value)


@dataclass(frozen=True)
class FindResult:
    """One line of the results: an application, or a contact (with their company's most
    relevant application, when there is one)."""

    application_id: int | None
    contact_id: int | None
    company_id: int
    company: str
    position: str
    status: str  # the application's status ("" when there is no application)
    contact: str  # "Maria Santos (Recruiter)" for a contact, else ""
    phone: str  # the contact's phone as typed
    matched: str  # company, position, account, contact, role, phone or memory hook
    snippet: str  # the text that matched, for the fields not shown on the line anyway
    score: int  # lower is better

    @property
    def title(self) -> str:
        if self.contact:
            return self.contact
        return f"{self.company} — {self.position}" if self.position else self.company


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sql_quality(column: Any, wanted: str) -> Any:
    """The match quality in SQL, to order by before LIMIT. SQLite's LIKE folds ASCII case
    only; rows it ranks too low are ranked again in Python."""
    pattern = _like(wanted)
    return case(
        (func.lower(column) == wanted, EXACT),
        (column.like(pattern + "%", escape="\\"), PREFIX),
        (column.like("% " + pattern + "%", escape="\\"), WORD),
        else_=INSIDE,
    )


def _holds(column: Any, wanted: str, short: bool) -> Any:
    """SQL: the column holds the query (a one-letter query: a word of it starts with it)."""
    pattern = _like(wanted)
    if short:
        return or_(
            column.like(pattern + "%", escape="\\"),
            column.like("% " + pattern + "%", escape="\\"),
        )
    return column.like("%" + pattern + "%", escape="\\")


def _digits_sql(column: Any) -> Any:
    for separator in PHONE_SEPARATORS:
        column = func.replace(column, separator, "")
    return column


def _open_first() -> Any:
    return case((Application.status.in_(OPEN), 0), else_=1)


def _recent_first() -> tuple[Any, ...]:
    return (Application.applied_on.desc().nulls_last(), Application.id.desc())


@dataclass
class _Hit:
    application_id: int | None
    contact_id: int | None
    company_id: int
    company: str
    position: str
    status: str
    contact: str
    phone: str
    matched: str
    snippet: str
    score: int
    open_rank: int
    order: int  # recency within the query that found it

    def result(self) -> FindResult:
        return FindResult(
            self.application_id,
            self.contact_id,
            self.company_id,
            self.company,
            self.position,
            self.status,
            self.contact,
            self.phone,
            self.matched,
            self.snippet,
            self.score,
        )


def _score(quality_: int, weight: int) -> int:
    return quality_ * 2 + weight


def _companies(s: Session, wanted: str, short: bool) -> list[_Hit]:
    """Companies whose name holds the query, each with its most relevant applications."""
    companies = s.execute(
        select(Company.id, Company.name)
        .where(_holds(Company.name_key, wanted, short))
        .order_by(_sql_quality(Company.name_key, wanted), Company.name)
        .limit(LIMIT)
    ).all()
    if not companies:
        return []
    quality_of = {cid: quality(name, wanted) for cid, name in companies}
    by_company: dict[int, list[Any]] = {}
    for row in _top_applications(s, set(quality_of), PER_COMPANY):
        by_company.setdefault(row.company_id, []).append(row)
    hits = []
    for cid, name in companies:
        found = quality_of[cid]
        if found is None:
            continue
        score = _score(found, MAIN)
        for app in by_company.get(cid, []):
            hits.append(
                _Hit(
                    app.id, None, cid, name, app.position, app.status, "", "", "company", "",
                    score, 0 if app.status in OPEN else 1, app.n,
                )
            )  # fmt: skip
        if cid not in by_company:  # a company known only through its contacts
            hits.append(_Hit(None, None, cid, name, "", "", "", "", "company", "", score, 2, 0))
    return hits


def _application_rows(s: Session, wanted: str, short: bool, where: Any, limit: int) -> list[Any]:
    quality_ = func.min(
        _sql_quality(Application.position, wanted), _sql_quality(Application.account_type, wanted)
    )  # SQLite's min() of two values
    return list(
        s.execute(
            select(
                Application.id,
                Application.company_id,
                Company.name,
                Application.position,
                Application.account_type,
                Application.status,
            )
            .join(Company, Company.id == Application.company_id)
            .where(
                Application.deleted_at.is_(None),
                where,
                or_(
                    _holds(Application.position, wanted, short),
                    _holds(Application.account_type, wanted, short),
                ),
            )
            .order_by(quality_, *_recent_first())
            .limit(limit)
        )
    )


def _applications(s: Session, wanted: str, short: bool) -> list[_Hit]:
    """Applications whose position or account type holds the query: every open one (found
    through the status index), then closed ones among the latest that the full-text index
    finds (the whole table is never read for them). A query under three letters, too short
    for the index, looks at open applications only."""
    rows = _application_rows(s, wanted, short, Application.status.in_(OPEN), LIMIT)
    if len(rows) < LIMIT and len(wanted) >= TRIGRAM:
        phrase = '"' + wanted.replace('"', '""') + '"'
        latest: Any = (
            select(literal_column("rowid"))
            .select_from(text("application_search"))
            .where(text("application_search MATCH :phrase").bindparams(phrase=phrase))
            .order_by(literal_column("rowid").desc())
            .limit(CLOSED_CANDIDATES)
        )
        closed = Application.status.not_in(OPEN) & Application.id.in_(latest)
        rows += _application_rows(s, wanted, short, closed, LIMIT - len(rows))
    hits: list[_Hit] = []
    for order, row in enumerate(rows):
        found = [
            (q, label, field)
            for field, label in ((row.position, "position"), (row.account_type, "account"))
            if (q := quality(field, wanted)) is not None
        ]
        if not found:
            continue
        best, label, field = min(found)
        hits.append(
            _Hit(
                row.id, None, row.company_id, row.name, row.position, row.status, "", "",
                label, field if label == "account" else "", _score(best, SIDE),
                0 if row.status in OPEN else 1, order,
            )
        )  # fmt: skip
    return hits


def _top_applications(s: Session, company_ids: set[int], per: int) -> list[Any]:
    """Each company's ``per`` most relevant live applications (open ones first, then the
    latest): rows of id, company_id, position, status and n (1 for the most relevant)."""
    if not company_ids:
        return []
    ranked = (
        select(
            Application.id.label("id"),
            Application.company_id.label("company_id"),
            Application.position.label("position"),
            Application.status.label("status"),
            func.row_number()
            .over(
                partition_by=Application.company_id,
                order_by=(_open_first(), *_recent_first()),
            )
            .label("n"),
        )
        .where(Application.company_id.in_(company_ids), Application.deleted_at.is_(None))
        .subquery()
    )
    return list(
        s.execute(
            select(ranked.c.id, ranked.c.company_id, ranked.c.position, ranked.c.status, ranked.c.n)
            .where(ranked.c.n <= per)
            .order_by(ranked.c.company_id, ranked.c.n)
        )
    )


def _applications_of(s: Session, contacts: Sequence[Any]) -> dict[int, tuple[int, str, str]]:
    """The application each contact most likely calls about: (id, position, status) by contact
    id. Open before closed; among those, one where they were at a milestone (the interviewer
    of an earlier stage) before the others; then the latest."""
    if not contacts:
        return {}
    by_company: dict[int, list[Any]] = {}
    for app in _top_applications(s, {row.company_id for row in contacts}, PER_CONTACT):
        by_company.setdefault(app.company_id, []).append(app)
    met = {
        (contact_id, application_id)
        for contact_id, application_id in s.execute(
            select(StageEvent.contact_id, StageEvent.application_id)
            .where(StageEvent.contact_id.in_({row.id for row in contacts}))
            .distinct()
        )
    }
    best: dict[int, tuple[int, str, str]] = {}
    for row in contacts:
        apps = by_company.get(row.company_id, [])
        if apps:  # already open first, then latest: keep that order within each group
            app = min(apps, key=lambda a: (a.status not in OPEN, (row.id, a.id) not in met, a.n))
            best[row.id] = (app.id, app.position, app.status)
    return best


def _contact_label(name: str, role: str) -> str:
    return f"{name} ({role})" if role else name


def _contacts(s: Session, wanted: str, phone: str, short: bool) -> list[_Hit]:
    """Contacts whose name, role or memory hook holds the query, or whose phone holds its
    digits."""
    # One letter: only names with a word starting with it; else name, role and memory hook.
    texts = [(Contact.name, "contact", MAIN)]
    if not short:
        texts += [(Contact.role, "role", SIDE), (Contact.memory_hook, "memory hook", SIDE)]
    conditions = [_holds(column, wanted, short) for column, _label, _weight in texts]
    if phone:  # GLOB first: the digits in order, cheap; it spares most rows the REPLACEs
        in_order = Contact.phone.op("GLOB")("*" + "*".join(phone) + "*")
        conditions.append(and_(in_order, _digits_sql(Contact.phone).like("%" + phone + "%")))
    rows = s.execute(
        select(
            Contact.id,
            Contact.company_id,
            Company.name.label("company"),
            Contact.name,
            Contact.role,
            Contact.phone,
            Contact.memory_hook,
        )
        .join(Company, Company.id == Contact.company_id)
        .where(or_(*conditions))
        .order_by(_sql_quality(Contact.name, wanted), Contact.name, Contact.id)
        .limit(LIMIT * 2)
    ).all()
    best = _applications_of(s, rows)
    hits = []
    for order, row in enumerate(rows):
        found: list[tuple[int, str, str]] = []  # (score, matched, snippet)
        for column, label, weight in texts:
            field = getattr(row, column.key)
            q = quality(field, wanted)
            if q is not None and not (short and q == INSIDE):
                found.append((_score(q, weight), label, "" if label == "contact" else field))
        if phone and (q := phone_quality(row.phone, phone)) is not None:
            found.append((_score(q, MAIN), "phone", ""))
        if not found:
            continue
        score, matched, snippet = min(found)
        app_id, position, status = best.get(row.id, (None, "", ""))
        hits.append(
            _Hit(
                app_id, row.id, row.company_id, row.company, position, status,
                _contact_label(row.name, row.role), row.phone, matched, snippet, score,
                0 if status in OPEN else (1 if status else 2), order,
            )
        )  # fmt: skip
    return hits


def quick_find(db: Database, text: str, limit: int = LIMIT) -> list[FindResult]:
    """The best matches for what was typed, best first; [] for an empty query or no match."""
    wanted = company_key(text)
    phone = phone_digits(text)
    if not wanted:
        return []
    short = len(wanted) < 2  # one letter: only names that start with it (or a word in them)
    with db.session() as s:
        hits = _contacts(s, wanted, phone, short)
        hits += _companies(s, wanted, short)
        if not phone:  # a number is not looked for in positions and accounts
            hits += _applications(s, wanted, short)
    hits.sort(key=lambda h: (h.score, h.open_rank, h.order, h.company.casefold()))
    seen: set[tuple[int | None, int | None]] = set()
    results: list[FindResult] = []
    for hit in hits:
        key = (hit.application_id, hit.contact_id)
        if key in seen:
            continue
        seen.add(key)
        results.append(hit.result())
        if len(results) == limit:
            break
    return results


def anything_to_find(db: Database) -> bool:
    """Whether the profile holds a live application or a contact to look for."""
    with db.session() as s:
        app = s.execute(
            select(Application.id).where(Application.deleted_at.is_(None)).limit(1)
        ).first()
        return app is not None or s.execute(select(Contact.id).limit(1)).first() is not None
