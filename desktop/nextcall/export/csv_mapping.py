"""Which CSV column holds what: recognising common headings, reading ``--map`` text, and
understanding the words other trackers use for a stage or status (pure Python).

Headings are compared ignoring case, spaces, hyphens and underscores, so "Date Applied",
"date_applied" and "DATE-APPLIED" are the same heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from nextcall.core.errors import ValidationError
from nextcall.core.stages import Status
from nextcall.core.validation import parse_amount, parse_date

# Every place a column can go, in the order the import dialog offers them.
TARGETS: tuple[str, ...] = (
    "company",
    "position",
    "stage",
    "status",
    "applied",
    "url",
    "location",
    "salary",
    "source",
    "notes",
    "tags",
    "account",
    "shift",
    "ignore",
)
TARGET_LABELS: dict[str, str] = {
    "company": "Company",
    "position": "Position",
    "stage": "Milestone reached",
    "status": "Status",
    "applied": "Date applied",
    "url": "Link",
    "location": "Location (site)",
    "salary": "Salary expected",
    "source": "Source",
    "notes": "Notes",
    "tags": "Tags (kept in notes)",
    "account": "Account",
    "shift": "Shift",
    "ignore": "Ignore this column",
}
# Targets that may take several columns: their texts are joined.
MULTI_TARGETS = frozenset({"notes", "tags"})

_HEADINGS: dict[str, tuple[str, ...]] = {
    "company": ("company", "employer", "organization", "organisation", "company name"),
    "position": ("role", "title", "position", "job title", "job", "job role", "position title"),
    "stage": ("stage", "milestone", "furthest milestone", "pipeline stage"),
    "status": ("status", "application status", "state"),
    "applied": (
        "applied",
        "date applied",
        "application date",
        "applied on",
        "applied date",
        "date of application",
    ),
    "url": ("url", "link", "job url", "job link", "posting url", "job posting"),
    "location": ("location", "site", "city", "job location"),
    "salary": ("salary", "salary expected", "expected salary", "pay", "compensation"),
    "source": ("source", "job source"),
    "notes": ("notes", "note", "comments", "comment"),
    "tags": ("tags", "tag", "labels"),
    "account": ("account", "account type"),
    "shift": ("shift", "schedule"),
}


def heading_key(text: str) -> str:
    """A heading as compared: case, spaces, hyphens and underscores ignored."""
    return " ".join(re.sub(r"[\s_\-./]+", " ", text.replace("\ufeff", "")).casefold().split())


RECOGNISED: dict[str, str] = {
    heading_key(heading): target for target, names in _HEADINGS.items() for heading in names
}


def recognise(heading: str) -> str | None:
    """The target a common heading stands for, or None."""
    return RECOGNISED.get(heading_key(heading))


def parse_map(text: str) -> dict[str, str]:
    """``"Employer=company, Job Title=position"`` as {heading: target}.

    Raises ValidationError (field "map") for a pair without ``=`` or an unknown target.
    """
    result: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        heading, eq, target = part.partition("=")
        name = target.strip().lower()
        if not eq or not heading.strip():
            raise ValidationError(
                f"“{part.strip()}” is not HEADING=TARGET (e.g. “Employer=company”)", "map"
            )
        if name not in TARGETS:
            raise ValidationError(
                f"“{target.strip()}” is not a column target; use one of: {', '.join(TARGETS)}",
                "map",
            )
        result[heading.strip()] = name
    return result


@dataclass(frozen=True)
class Column:
    index: int
    heading: str
    target: str  # one of TARGETS; "ignore" for a column that is left out
    how: str  # "recognised", "mapped" (chosen by the user) or "unknown" (left out)


@dataclass(frozen=True)
class ColumnMapping:
    columns: tuple[Column, ...]

    def used(self) -> list[Column]:
        return [c for c in self.columns if c.target != "ignore"]

    @property
    def ignored(self) -> list[Column]:
        """Columns no target was found for (the ones chosen as "ignore" are not listed)."""
        return [c for c in self.columns if c.how == "unknown"]

    def target_of(self, heading: str) -> str:
        key = heading_key(heading)
        for column in self.columns:
            if heading_key(column.heading) == key:
                return column.target
        raise KeyError(heading)


def build_mapping(
    headings: Sequence[str], chosen: Mapping[str, str] | None = None
) -> ColumnMapping:
    """Map each heading: the user's choice first (``chosen`` maps headings, compared as
    ``heading_key`` does, to targets), then recognition.

    Raises ValidationError when a chosen heading is not in the file, when two columns go to the
    same single-column target, or when no column holds the company.
    """
    given = dict(chosen or {})
    chosen = {heading_key(h): target for h, target in given.items()}
    keys = [heading_key(h) for h in headings]
    missing = [h for h in given if heading_key(h) not in keys]
    if missing:
        names = ", ".join(f"“{h}”" for h in missing)
        raise ValidationError(
            f"no column {names} in the file; its headings are: " + ", ".join(headings), "map"
        )
    columns: list[Column] = []
    taken: dict[str, str] = {}
    for index, (heading, key) in enumerate(zip(headings, keys, strict=True)):
        label = heading.strip() or f"(column {index + 1})"
        if key in chosen:
            target, how = chosen[key], "mapped"
        else:
            found = recognise(heading)
            target, how = (found, "recognised") if found else ("ignore", "unknown")
            if found and found in taken and found not in MULTI_TARGETS:
                target, how = "ignore", "unknown"  # e.g. a second "Company": the first wins
        if target != "ignore" and target not in MULTI_TARGETS:
            if target in taken:
                raise ValidationError(
                    f"both “{taken[target]}” and “{label}” are mapped to {target}; "
                    "map one of them to ignore",
                    "map",
                )
            taken[target] = label
        columns.append(Column(index, label, target, how))
    if "company" not in taken:
        raise ValidationError(
            "no column holds the company: map one, e.g. --map “Employer=company”", "map"
        )
    return ColumnMapping(tuple(columns))


# -- stage and status words -------------------------------------------------------------------

# A word another tracker uses -> (milestone key or None, status or None).
_WORDS: dict[str, tuple[str | None, str | None]] = {
    "applied": ("application", Status.ACTIVE.value),
    "application": ("application", None),
    "submitted": ("application", Status.ACTIVE.value),
    "sent": ("application", Status.ACTIVE.value),
    "screening": ("phone-interview", Status.ACTIVE.value),
    "phone screen": ("phone-interview", Status.ACTIVE.value),
    "interview": (None, Status.ACTIVE.value),
    "interviewing": (None, Status.ACTIVE.value),
    "in person interview": ("in-person-interview", None),
    "assessment": ("exam", None),
    "test": ("exam", None),
    "final": ("final-interview", None),
    "offer": ("job-offer", Status.OFFER.value),
    "offered": ("job-offer", Status.OFFER.value),
    "negotiating": ("job-offer", Status.OFFER.value),
    "accepted": ("job-offer", Status.ACCEPTED.value),
    "hired": ("job-offer", Status.ACCEPTED.value),
    "active": (None, Status.ACTIVE.value),
    "open": (None, Status.ACTIVE.value),
    "in progress": (None, Status.ACTIVE.value),
    "waiting": (None, Status.ACTIVE.value),
    "rejected": (None, Status.REJECTED.value),
    "not selected": (None, Status.REJECTED.value),
    "unsuccessful": (None, Status.REJECTED.value),
    "withdrawn": (None, Status.WITHDRAWN.value),
    "withdrew": (None, Status.WITHDRAWN.value),
    "i withdrew": (None, Status.WITHDRAWN.value),
    "ghosted": (None, Status.GHOSTED.value),
    "no response": (None, Status.GHOSTED.value),
    "no reply": (None, Status.GHOSTED.value),
}
_NOT_YET = frozenset({"wishlist", "bookmarked", "saved", "applying", "interested", "to apply"})
STATUS_WORDS = ("Active", "Interviewing", "Offer", "Accepted", "Rejected", "Withdrawn", "Ghosted")


@dataclass(frozen=True)
class Progress:
    milestone: str | None  # a stage key
    status: str | None  # a Status value


def progress_words(value: str, milestones: Sequence[tuple[str, str]]) -> Progress | None:
    """What a Stage or Status cell says. ``milestones`` are the catalogue's (key, name) pairs in
    order. None for an empty cell; ValidationError (field "stage") for words it cannot place."""
    raw = value.strip()
    if not raw:
        return None
    key = heading_key(raw)
    for stage_key, name in milestones:
        if key in (heading_key(stage_key), heading_key(name)):
            if stage_key == "job-offer":
                return Progress(stage_key, Status.OFFER.value)
            return Progress(stage_key, None)
    if key in _WORDS:
        milestone, status = _WORDS[key]
        return Progress(milestone, status)
    if key in _NOT_YET:
        raise ValidationError(
            f"“{raw}” means not applied yet; NextCall tracks sent applications. "
            "Remove the row or change it to Applied",
            "stage",
        )
    names = ", ".join(name for _key, name in milestones)
    raise ValidationError(
        f"“{raw}” is not a milestone or status NextCall knows; use a milestone ({names}) "
        f"or a status ({', '.join(STATUS_WORDS)})",
        "stage",
    )


def combine(
    first: Progress | None, second: Progress | None, order: Sequence[str]
) -> Progress | None:
    """Stage and Status cells together: the further milestone, the status column's status
    (``second``) before the stage column's."""
    if first is None or second is None:
        return first or second
    milestones = [p.milestone for p in (first, second) if p.milestone is not None]
    milestone = max(milestones, key=order.index) if milestones else None
    return Progress(milestone, second.status or first.status)


# -- dates and amounts ---------------------------------------------------------------------------

_TIME_PART = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
                        r"(?:Z|[+-]\d{2}:?\d{2})?$")  # fmt: skip
_RANGE = re.compile(r"^\s*(.+?)\s*(?:-|–|—|to)\s*(.+?)\s*$")


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def date_order(cells: Iterable[str]) -> str | None:
    """ "dmy" or "mdy" when a column's numeric dates show one order (a day above 12 in one
    place and never in the other), else None: 03/04/2026 alone stays ambiguous."""
    seen = set()
    for cell in cells:
        match = _NUMERIC_DATE.match(cell.strip())
        if match:
            if int(match[1]) > 12:
                seen.add("dmy")
            elif int(match[2]) > 12:
                seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


DATE_ORDERS = ("dmy", "mdy")


def _numeric(cell: str) -> tuple[int, int, int] | None:
    match = _NUMERIC_DATE.match(cell.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def two_readings(first: int, second: int) -> bool:
    """Whether first/second/year reads as two different real days (03/04, not 04/04 or 13/04)."""
    return first != second and 1 <= first <= 12 and 1 <= second <= 12


def undecided_date(cells: Iterable[str]) -> str:
    """The first numeric date of a column that reads as two different days, when nothing in the
    column settles the order (no day above 12 in either place): the file must say which it
    uses. "" when no such date, or when the column already shows its order."""
    cells = list(cells)
    if date_order(cells) is not None:
        return ""
    sample = ""
    for cell in cells:
        parts = _numeric(cell)
        if parts is None:
            continue
        if parts[0] > 12 or parts[1] > 12:
            return ""  # both orders are seen: asking cannot mend that file
        if not sample and two_readings(parts[0], parts[1]):
            sample = cell.strip()
    return sample


def reading(cell: str, order: str) -> str:
    """A numeric date read in ``order``, in words: '11/05/2026', 'dmy' -> '11 May 2026'."""
    parts = _numeric(cell)
    if parts is None:
        return cell
    day, month = (parts[0], parts[1]) if order == "dmy" else (parts[1], parts[0])
    try:
        return f"{day} {date(parts[2], month, day):%B %Y}"
    except ValueError:
        return cell


def cell_date(text: str, heading: str, today: date, order: str | None = None) -> date | None:
    """A Date Applied cell: what parse_date reads, also with a time after the date (as
    some trackers write it), and numeric dates in the column's ``order`` (see date_order).
    ValidationError says "unknown date format" for what cannot be read."""
    raw = text.strip()
    match = _TIME_PART.match(raw)
    numeric = _NUMERIC_DATE.match(raw)
    value = match[1] if match else raw
    if numeric and order is not None:
        day, month = (numeric[1], numeric[2]) if order == "dmy" else (numeric[2], numeric[1])
        value = f"{numeric[3]}-{month}-{day}"
    elif numeric and two_readings(int(numeric[1]), int(numeric[2])):
        raise ValidationError(
            f"{heading}: “{raw}” could be day/month or month/day ({reading(raw, 'dmy')} or "
            f"{reading(raw, 'mdy')}); say which order the file uses",
            "applied",
        )
    try:
        return parse_date(value, today=today, allow_future=False)
    except ValidationError as exc:
        message = str(exc)
        if "NextCall understands" in message or "not a month name" in message:
            message = f"unknown date format “{raw}”; use a date like 2026-11-03 or 3 Nov 2026"
        raise ValidationError(f"{heading}: {message}", "applied") from None


def parse_salary(text: str) -> tuple[float | None, bool]:
    """An amount, or the lower end of a range ("18k - 22k"): (amount, was it a range)."""
    raw = re.sub(r"(?i)\s*(?:/\s*|per\s+|a\s+)(?:month|mo|year|yr|hour|hr)\.?$", "", text.strip())
    raw = re.sub(r"\s*[A-Za-z]{3}$", "", raw) if re.search(r"\d\s*[A-Za-z]{3}$", raw) else raw
    try:
        return parse_amount(raw, field="salary"), False
    except ValidationError:
        match = _RANGE.match(raw)
        if match is None:
            raise
        try:
            low = parse_amount(match[1], field="salary")
            parse_amount(match[2], field="salary")
        except ValidationError:
            raise ValidationError(
                f"“{text.strip()}” is not an amount or a range", "salary"
            ) from None
        return low, True
