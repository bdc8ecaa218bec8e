"""Import applications from a CSV file another tracker or a spreadsheet wrote.

``preview_csv`` maps the columns, checks every row against the same rules as the application
form, and spots rows already in the profile; nothing is written. ``import_csv`` then adds every
new row in one transaction, after a backup of the database: all rows or none, and only when no
row is bad (or when it is cancelled). A row's Stage or Status is recorded through the milestone
service, so progress and follow-ups come out as if the applicant had recorded them by hand; the
rows go through the write paths in batches, with progress reported after each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.companies import company_key
from nextcall.core.errors import NextCallError, ValidationError
from nextcall.core.stages import Outcome, Status
from nextcall.export.csv_mapping import (
    DATE_ORDERS,
    Column,
    ColumnMapping,
    Progress,
    build_mapping,
    cell_date,
    combine,
    parse_salary,
    progress_words,
    undecided_date,
)
from nextcall.export.csv_mapping import (
    date_order as column_order,
)
from nextcall.export.csv_read import CsvTable
from nextcall.export.csv_write import FORMULA_STARTS
from nextcall.services.applications import (
    ApplicationForm,
    NewApplication,
    checked_values,
    create_applications_in,
    set_statuses_in,
    validate,
)
from nextcall.services.database import Database
from nextcall.services.outcomes import OutcomeRecord, record_outcomes_in
from nextcall.services.stages import catalogue
from nextcall.store.backup import backup_database
from nextcall.store.models import Application, Company

# Form fields as the columns they came from, for messages.
_FIELD_TARGET = {
    "company": "company",
    "position": "position",
    "account_type": "account",
    "source": "source",
    "url": "url",
    "site": "location",
    "shift": "shift",
    "notes": "notes",
}
_CHUNK = 500


@dataclass(frozen=True)
class RowValues:
    form: ApplicationForm  # the checked values, as the application form sends them
    applied_on: date | None
    milestone: str | None  # a stage key
    status: str


@dataclass(frozen=True)
class ImportRow:
    line: int
    values: RowValues | None  # None for a bad row
    problems: tuple[str, ...] = ()
    duplicate_of: int | None = None  # an application already in the profile
    repeat_of: int | None = None  # an earlier line of the same file with the same application
    raw: tuple[str, str, str] = ("", "", "")  # a bad row's company, position and date as read

    @property
    def bad(self) -> bool:
        return bool(self.problems)

    @property
    def new(self) -> bool:
        return not self.problems and self.duplicate_of is None and self.repeat_of is None


@dataclass(frozen=True)
class CsvPreview:
    source: str
    encoding: str
    encoding_note: str  # "read as Windows-1252", or ""
    mapping: ColumnMapping
    rows: tuple[ImportRow, ...]
    stage_names: dict[str, str]  # key -> name, for describing rows
    date_order: str | None = None  # "dmy" / "mdy": how numeric dates were read (chosen or seen)
    # A numeric date that reads as two days ("11/05/2026") while the order is unknown: the
    # file's order must be chosen (the dialog asks, the CLI wants --date-order). "" otherwise.
    undecided_date: str = ""
    date_heading: str = ""  # the heading of the column holding the dates

    @property
    def bad(self) -> list[ImportRow]:
        return [r for r in self.rows if r.bad]

    @property
    def new(self) -> list[ImportRow]:
        return [r for r in self.rows if r.new]

    @property
    def skipped(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.bad and not r.new]

    @property
    def clean(self) -> bool:
        return not self.bad

    def describe(self, row: ImportRow) -> str:
        """'Harborline BPO — Customer service agent (applied 2026-10-02, phone interview,
        active)'."""
        if row.values is None:
            return ""
        v = row.values
        what = f"{v.form.company} — {v.form.position}" if v.form.position else v.form.company
        facts = [f"applied {v.applied_on.isoformat()}" if v.applied_on else "no date applied"]
        if v.milestone:
            facts.append(self.stage_names.get(v.milestone, v.milestone).lower())
        facts.append(v.status)
        return f"{what} ({', '.join(facts)})"

    def summary(self) -> str:
        bad, new, skipped = len(self.bad), len(self.new), len(self.skipped)
        parts = [f"{new} to import"]
        if skipped:
            parts.append(f"{skipped} already in your profile")
        if bad:
            parts.append(f"{bad} bad row{'' if bad == 1 else 's'}")
        return ", ".join(parts)

    def bad_lines(self, limit: int = 6) -> str:
        """Which lines are bad: 'line 4', 'lines 4 and 9', 'lines 4, 9, 12 and 3 more'."""
        return lines_phrase([row.line for row in self.bad], limit)


def lines_phrase(lines: list[int], limit: int = 6) -> str:
    if not lines:
        return ""
    if len(lines) == 1:
        return f"line {lines[0]}"
    shown = [str(n) for n in lines[:limit]]
    if len(lines) > limit:
        return f"lines {', '.join(shown)} and {len(lines) - limit} more"
    return f"lines {', '.join(shown[:-1])} and {shown[-1]}"


@dataclass(frozen=True)
class CsvImportResult:
    added: tuple[tuple[int, int], ...]  # (line, new application id)
    skipped: int
    backup: Path | None

    @property
    def added_ids(self) -> list[int]:
        return [app_id for _line, app_id in self.added]


# -- reading rows ------------------------------------------------------------------------------


def _by_target(mapping: ColumnMapping) -> dict[str, list[Column]]:
    by_target: dict[str, list[Column]] = {}
    for column in mapping.used():
        by_target.setdefault(column.target, []).append(column)
    return by_target


def _unguard(cell: str) -> str:
    """A cell without the ``'`` that CSV exports (NextCall's too) put before formula-like text."""
    text = cell.strip()
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_STARTS else text


@dataclass(frozen=True)
class _Context:
    mapping: ColumnMapping
    milestones: list[tuple[str, str]]  # (key, name) in catalogue order
    today: date
    date_order: str | None  # "dmy" / "mdy" when the column's numeric dates show it


def _row(line: int, cells: tuple[str, ...], bad_encoding: bool, ctx: _Context) -> ImportRow:
    mapping, milestones, today = ctx.mapping, ctx.milestones, ctx.today
    problems: list[str] = []
    if bad_encoding:
        problems.append(
            "wrong encoding: some characters could not be read; save the file as CSV UTF-8"
        )
    extra = [c for c in cells[len(mapping.columns) :] if c.strip()]
    if extra:
        problems.append(
            f"{len(cells)} cells but {len(mapping.columns)} headings; "
            "is a comma inside a value missing its quotes?"
        )
    columns = _by_target(mapping)

    def get(target: str) -> str:
        found = columns.get(target, [])
        return _unguard(cells[found[0].index]) if found and found[0].index < len(cells) else ""

    def joined(target: str, sep: str) -> str:
        texts = [_unguard(cells[c.index]) for c in columns.get(target, []) if c.index < len(cells)]
        return sep.join(t for t in texts if t)

    def heading(target: str) -> str:
        found = columns.get(target, [])
        return found[0].heading if found else target

    company = " ".join(get("company").split())
    if not company:
        problems.append("empty company")
    applied: date | None = None
    try:
        applied = cell_date(get("applied"), heading("applied"), today, ctx.date_order)
    except ValidationError as exc:
        problems.append(str(exc))
    notes = joined("notes", "\n\n")
    amount = None
    try:
        amount, was_range = parse_salary(get("salary"))
        if was_range:
            notes = "\n\n".join(t for t in (notes, f"Salary: {get('salary')}") if t)
    except ValidationError as exc:
        problems.append(f"{heading('salary')}: {exc}")
    tags = joined("tags", ", ")
    if tags:
        notes = "\n\n".join(t for t in (notes, f"Tags: {tags}") if t)
    progress: list[Progress | None] = []
    for target in ("stage", "status"):
        try:
            progress.append(progress_words(get(target), milestones))
        except ValidationError as exc:
            problems.append(f"{heading(target)}: {exc}")
            progress.append(None)
    order = [key for key, _name in milestones]
    found = combine(progress[0], progress[1], order)
    form = ApplicationForm(
        company=company or "-",
        position=get("position"),
        account_type=get("account"),
        source=get("source"),
        url=get("url"),
        applied_on=applied.isoformat() if applied else "",
        site=get("location"),
        shift=get("shift"),
        salary_expected="" if amount is None else repr(amount),
        notes=notes,
    )
    values, errors = validate(form, today)
    for field, message in errors.by_field.items():
        if field in _FIELD_TARGET:
            problems.append(f"{heading(_FIELD_TARGET[field])}: {message}")
    if problems or values is None:
        return ImportRow(
            line, None, tuple(problems), raw=(company, get("position"), get("applied"))
        )
    status = (found.status if found else None) or Status.ACTIVE.value
    milestone = found.milestone if found else None
    return ImportRow(line, RowValues(form, values.applied_on, milestone, status))


def _key(company: str, position: str, applied: date | None) -> tuple[str, str, date | None]:
    return (company_key(company), position.casefold(), applied)


def _existing(s: Session, rows: list[ImportRow]) -> dict[tuple[str, str, date | None], int]:
    """Live applications with the same company, position and date as the rows."""
    keys = sorted({company_key(r.values.form.company) for r in rows if r.values is not None})
    found: dict[tuple[str, str, date | None], int] = {}
    for start in range(0, len(keys), _CHUNK):
        for app_id, company, position, applied in s.execute(
            select(Application.id, Company.name, Application.position, Application.applied_on)
            .join(Company, Company.id == Application.company_id)
            .where(Company.name_key.in_(keys[start : start + _CHUNK]))
            .where(Application.deleted_at.is_(None))
            .order_by(Application.id)
        ):
            found.setdefault(_key(company, position, applied), app_id)
    return found


def _mark_known(s: Session, rows: list[ImportRow]) -> list[ImportRow]:
    known = _existing(s, rows)
    first: dict[tuple[str, str, date | None], int] = {}
    marked = []
    for row in rows:
        if row.values is None:
            marked.append(row)
            continue
        v = row.values
        key = _key(v.form.company, v.form.position, v.applied_on)
        if key in known:
            row = ImportRow(row.line, v, duplicate_of=known[key])
        elif key in first:
            row = ImportRow(row.line, v, repeat_of=first[key])
        else:
            first[key] = row.line
        marked.append(row)
    return marked


def preview_csv(
    db: Database,
    table: CsvTable,
    chosen: Mapping[str, str] | None = None,
    *,
    source: str = "",
    date_order: str | None = None,
) -> CsvPreview:
    """Map and check every row; nothing is written. ``chosen`` maps headings (compared
    ignoring case and spacing) to targets; other headings are recognised or ignored.
    ``date_order`` ("dmy" or "mdy"): how the file writes numeric dates such as 11/05/2026;
    without it the order is taken from the column (a day above 12 shows it), and when the
    column does not show it the preview's ``undecided_date`` names a date to ask about."""
    if date_order not in (None, *DATE_ORDERS):
        raise ValidationError(f"unknown date order {date_order!r}: use dmy or mdy", "date_order")
    mapping = build_mapping(table.headings, chosen)
    stages = catalogue(db)
    applied = [c for c in mapping.used() if c.target == "applied"]
    order, undecided, heading = date_order, "", ""
    if applied:
        index, heading = applied[0].index, applied[0].heading
        cells = [r.cells[index] for r in table.rows if index < len(r.cells)]
        if order is None:
            order = column_order(cells)
            undecided = undecided_date(cells) if order is None else ""
    ctx = _Context(mapping, [(st.key, st.name) for st in stages], db.clock.today(), order)
    rows = [_row(r.line, r.cells, r.bad_encoding, ctx) for r in table.rows]
    with db.session() as s:
        rows = _mark_known(s, rows)
    return CsvPreview(
        source,
        table.encoding,
        table.encoding_note,
        mapping,
        tuple(rows),
        {st.key: st.name for st in stages},
        order,
        undecided,
        heading,
    )


# -- writing -----------------------------------------------------------------------------------


class ImportCancelledError(NextCallError):
    """The import was cancelled before it finished; nothing was added."""


def _outcomes(app_id: int, values: RowValues, day: date) -> list[OutcomeRecord]:
    """The row's milestone and status, as the milestone service records them."""
    status, milestone = values.status, values.milestone

    def reach(key: str, outcome: Outcome) -> list[OutcomeRecord]:
        return [OutcomeRecord(app_id, key, outcome, day)]

    if status == Status.ACCEPTED.value:
        return reach("job-offer", Outcome.PASSED)
    if status == Status.REJECTED.value:
        return reach(milestone or "application", Outcome.FAILED)
    if status == Status.OFFER.value:
        return reach("job-offer", Outcome.PENDING)
    if milestone is not None and milestone != "application":
        return reach(milestone, Outcome.PENDING)
    return []


def _checked_rows(rows: Sequence[ImportRow], today: date) -> list[NewApplication]:
    items = []
    for row in rows:
        assert row.values is not None
        values, errors = validate(row.values.form, today)
        if values is None:
            field, message = next(iter(errors.by_field.items()))
            raise ValidationError(f"line {row.line}: {message}", field)
        items.append(NewApplication(values))
    return items


def _create(
    s: Session,
    rows: Sequence[ImportRow],
    items: list[NewApplication],
    now: datetime,
    known: dict[str, int],
) -> list[int]:
    """The rows' applications, through their write path; a value it refuses is named by line."""
    try:
        return create_applications_in(s, items, now, companies=known)
    except ValidationError:
        for row, item in zip(rows, items, strict=True):
            try:
                checked_values(item.values, now.date())
            except ValidationError as exc:
                raise ValidationError(f"line {row.line}: {exc}", exc.field) from exc
        raise


def import_csv(
    db: Database,
    preview: CsvPreview,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CsvImportResult:
    """Add the previewed new rows in one transaction (all or none), after a backup, in
    batches of ``_CHUNK`` rows through the write paths of applications and milestones.
    ``progress(done, total)`` is told after each batch; when ``cancelled()`` turns true
    between batches, ImportCancelledError is raised and nothing is added.

    Raises ValidationError, changing nothing, when any row is bad."""
    if preview.bad:
        count = len(preview.bad)
        raise ValidationError(
            f"{count} row{'' if count == 1 else 's'} cannot be imported; fix "
            f"{'it' if count == 1 else 'them'} and try again. Nothing was imported.",
            "file",
        )
    if not preview.new:
        return CsvImportResult((), len(preview.skipped), None)
    backup = backup_database(db.paths.database, db.paths.backups, "before-import")
    today, now = db.clock.today(), db.clock.now()
    with db.session() as s:
        rows = _mark_known(s, [r for r in preview.rows if r.values is not None])
        new = [r for r in rows if r.new and r.values is not None]
        companies: dict[str, int] = {}  # looked up once for the whole file
        added: list[tuple[int, int]] = []
        for start in range(0, len(new), _CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelledError("The import was cancelled; nothing was imported.")
            part = new[start : start + _CHUNK]
            items = _checked_rows(part, today)
            ids = _create(s, part, items, now, companies)
            records: list[OutcomeRecord] = []
            closed: list[tuple[int, Status, str]] = []
            for row, item, app_id in zip(part, items, ids, strict=True):
                assert row.values is not None
                records += _outcomes(app_id, row.values, item.values.applied_on or today)
                if row.values.status in (Status.WITHDRAWN.value, Status.GHOSTED.value):
                    closed.append((app_id, Status(row.values.status), ""))
                added.append((row.line, app_id))
            record_outcomes_in(s, records, now)
            set_statuses_in(s, closed, now)
            if progress is not None:
                progress(len(added), len(new))
        return CsvImportResult(tuple(added), len(rows) - len(added), backup)
