"""Export the profile's data to a file: applications as CSV, everything as JSON, scheduled
interviews as an iCalendar file. The format follows the file's extension.

Every file is written to a temporary file beside the target and renamed over it when complete
(export/files.py), readable by the user only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy import select

from nextcall.core.errors import ValidationError
from nextcall.core.stages import Outcome, Status
from nextcall.export.csv_write import write_table
from nextcall.export.files import safe_filename, write_atomically
from nextcall.export.ics import Interview, build_calendar, local_zone
from nextcall.services.database import Database
from nextcall.services.json_export import export_json
from nextcall.store.models import Application, Company, Stage, StageEvent, UnusedStage

FORMATS = {".csv": "applications as CSV", ".json": "everything as JSON", ".ics": "interviews"}
FIXED_COLUMNS = (
    "Company",
    "Position",
    "Account",
    "Status",
    "Applied",
    "Source",
    "URL",
    "Location",
    "Shift",
    "Salary expected",
    "Salary offered",
    "Furthest milestone",
)


@dataclass(frozen=True)
class Exported:
    path: Path
    count: int  # applications, or interviews for a calendar
    what: str  # "applications", "interviews"

    def message(self) -> str:
        noun = self.what if self.count != 1 else self.what.removesuffix("s")
        return f"Saved {self.count} {noun} to {self.path}"


def export_format(path: Path) -> str:
    """The extension that decides the format; ValidationError for one NextCall cannot write."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = f"“{suffix}”" if suffix else "no extension"
        raise ValidationError(
            f"cannot tell the format from {shown}: name the file .csv (applications), "
            ".json (everything) or .ics (scheduled interviews)",
            "file",
        )
    return suffix


def suggested_name(suffix: str, today: date) -> str:
    stem = {".csv": "applications", ".json": "everything", ".ics": "interviews"}[suffix]
    return safe_filename(f"nextcall-{stem}-{today.isoformat()}", suffix)


def export_file(db: Database, target: Path) -> Exported:
    """Write the format the extension names (see ``FORMATS``)."""
    suffix = export_format(target)
    if suffix == ".csv":
        return export_csv(db, target)
    if suffix == ".ics":
        return export_ics(db, target)
    done = export_json(db, target)
    return Exported(done.path, done.applications, "applications")


# -- CSV ---------------------------------------------------------------------------------------


def _amount(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def _cell(event: StageEvent | None, unused: bool) -> str:
    if event is None:
        return "not used" if unused else ""
    if event.outcome == Outcome.SCHEDULED.value and event.scheduled_at is not None:
        return f"{event.scheduled_at:%Y-%m-%d %H:%M} {event.outcome}"
    day = event.happened_on or (event.scheduled_at.date() if event.scheduled_at else None)
    return f"{day.isoformat()} {event.outcome}" if day else event.outcome


def application_table(db: Database) -> tuple[list[str], list[list[str]]]:
    """Headings and one row per application (not in the bin), oldest first."""
    with db.session() as s:
        stages = list(s.execute(select(Stage).order_by(Stage.position, Stage.id)).scalars())
        names = {st.id: st.name for st in stages}
        events: dict[tuple[int, int], StageEvent] = {}
        for event in s.execute(
            select(StageEvent)
            .join(Application, Application.id == StageEvent.application_id)
            .where(Application.deleted_at.is_(None))
            .order_by(StageEvent.id)
        ).scalars():
            events[(event.application_id, event.stage_id)] = event
        unused = {
            (a, b) for a, b in s.execute(select(UnusedStage.application_id, UnusedStage.stage_id))
        }
        rows = []
        for app, company in s.execute(
            select(Application, Company.name)
            .join(Company, Company.id == Application.company_id)
            .where(Application.deleted_at.is_(None))
            .order_by(Application.applied_on.is_(None), Application.applied_on, Application.id)
        ):
            rows.append(
                [
                    company,
                    app.position,
                    app.account_type,
                    Status(app.status).label,
                    app.applied_on.isoformat() if app.applied_on else "",
                    app.source,
                    app.url,
                    app.site,
                    app.shift,
                    _amount(app.salary_expected),
                    _amount(app.salary_offered),
                    names.get(app.furthest_stage_id, "") if app.furthest_stage_id else "",
                    *(
                        _cell(events.get((app.id, st.id)), (app.id, st.id) in unused)
                        for st in stages
                    ),
                    app.notes,
                ]
            )
    return [*FIXED_COLUMNS, *(st.name for st in stages), "Notes"], rows


def export_csv(db: Database, target: Path) -> Exported:
    headings, rows = application_table(db)

    def write(handle: IO[bytes]) -> None:
        write_table(handle, headings, rows)

    write_atomically(target, write)
    return Exported(Path(target), len(rows), "applications")


# -- iCalendar ---------------------------------------------------------------------------------


def scheduled_interviews(db: Database) -> list[Interview]:
    """Every milestone scheduled at a set time, for applications not in the bin."""
    with db.session() as s:
        rows = s.execute(
            select(StageEvent, Stage.name, Company.name, Application.position, Application.site)
            .join(Stage, Stage.id == StageEvent.stage_id)
            .join(Application, Application.id == StageEvent.application_id)
            .join(Company, Company.id == Application.company_id)
            .where(
                StageEvent.outcome == Outcome.SCHEDULED.value,
                StageEvent.scheduled_at.is_not(None),
                Application.deleted_at.is_(None),
            )
            .order_by(StageEvent.scheduled_at, StageEvent.id)
        ).all()
        return [
            Interview(
                event.id,
                stage,
                company,
                position,
                event.interviewer,
                site,
                event.scheduled_at,  # type: ignore[arg-type]  # filtered: not null
            )
            for event, stage, company, position, site in rows
        ]


def export_ics(db: Database, target: Path) -> Exported:
    interviews = scheduled_interviews(db)
    data = build_calendar(interviews, zone=local_zone(), now=db.clock.now_utc())

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_atomically(target, write)
    return Exported(Path(target), len(interviews), "interviews")
