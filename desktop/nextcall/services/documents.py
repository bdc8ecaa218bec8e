"""The printable documents, as the Export tab and the command line ask for them: which
applications a prep packet can be made for, suggested file names, and writing a packet or the
job-search report to a file (atomically, 0600)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from sqlalchemy import select

from nextcall.core.stages import Outcome, Status
from nextcall.export.files import safe_filename, write_atomically
from nextcall.services.database import Database
from nextcall.services.packet import gather_packet, packet_step
from nextcall.services.report import gather_report
from nextcall.store.models import Application, Company, Stage, StageEvent

Progress = Callable[[int, int], None]  # (done, total); may be called from a worker thread


@dataclass(frozen=True)
class PacketTarget:
    """An application a packet can be made for, with its next scheduled milestone if any."""

    application_id: int
    company: str
    position: str
    milestone: str | None
    when: datetime | None

    @property
    def label(self) -> str:
        """'Acme BPO · Customer Service Rep: phone interview, Tue 24 Nov 10:00'"""
        head = " · ".join(x for x in (self.company, self.position) if x)
        if self.milestone and self.when:
            moment = f"{self.when:%a} {self.when.day} {self.when:%b} {self.when:%H:%M}"
            return f"{head}: {self.milestone.lower()}, {moment}"
        return head


def packet_targets(db: Database) -> list[PacketTarget]:
    """Open applications, the next scheduled interview first (then later ones by date), then
    the others by most recent application date. The first is the sensible default."""
    now = datetime.combine(db.clock.today(), time.min)
    with db.session() as s:
        upcoming: dict[int, tuple[str, datetime]] = {}
        for app_id, name, at in s.execute(
            select(StageEvent.application_id, Stage.name, StageEvent.scheduled_at)
            .join(Stage, Stage.id == StageEvent.stage_id)
            .where(
                StageEvent.outcome == Outcome.SCHEDULED.value,
                StageEvent.scheduled_at >= now,
            )
            .order_by(StageEvent.scheduled_at.desc())
        ):
            if at is not None:
                upcoming[app_id] = (name, at)  # the earliest wins (rows come latest first)
        rows = s.execute(
            select(Application.id, Company.name, Application.position, Application.applied_on)
            .join(Company, Company.id == Application.company_id)
            .where(
                Application.deleted_at.is_(None),
                Application.status.in_([Status.ACTIVE.value, Status.OFFER.value]),
            )
        ).all()
    targets = [
        PacketTarget(i, company, position, *upcoming.get(i, (None, None)))
        for i, company, position, _applied in rows
    ]
    applied = {i: a for i, _c, _p, a in rows}

    def order(t: PacketTarget) -> tuple[int, float, int]:
        if t.when is not None:
            return (0, t.when.timestamp(), t.application_id)
        day = applied.get(t.application_id)
        return (1, -(day.toordinal() if day else 0), -t.application_id)

    return sorted(targets, key=order)


def default_packet_target(db: Database) -> int | None:
    targets = packet_targets(db)
    return targets[0].application_id if targets else None


def packet_filename(db: Database, application_id: int) -> str:
    """A file name that is safe everywhere: 'Prep packet - Acme BPO - 2026-11-24.pdf'."""
    company, step = packet_step(db, application_id)
    day = (step.when.date() if step.when else db.clock.today()).isoformat()
    return safe_filename(f"Prep packet - {company} - {day}", ".pdf", fallback="Prep packet")


def report_filename(db: Database) -> str:
    return safe_filename(f"Job-search report - {db.clock.today().isoformat()}", ".pdf")


def write_packet(
    db: Database, application_id: int, target: Path, progress: Progress | None = None
) -> int:
    """Write the prep packet for one application to ``target``; returns the page count."""
    if progress:
        progress(0, 3)
    data = gather_packet(db, application_id)
    if progress:
        progress(1, 3)
    from nextcall.export.packet import write_packet as layout_packet  # ReportLab: not at start-up

    pages: list[int] = []
    write_atomically(Path(target), lambda out: pages.append(layout_packet(data, out)))
    if progress:
        progress(3, 3)
    return pages[0]


def write_report(db: Database, target: Path, progress: Progress | None = None) -> int:
    """Write the job-search report to ``target``; returns the page count. Progress runs from
    gathering (the first tenth) through laying out every application."""
    scale = 1000
    if progress:
        progress(0, scale)
    data = gather_report(db)
    if progress:
        progress(scale // 10, scale)

    def layout(done: int, total: int) -> None:
        if progress:
            progress(scale // 10 + int(done / total * scale * 0.9), scale)

    from nextcall.export.report import write_report as layout_report

    pages: list[int] = []
    write_atomically(
        Path(target), lambda out: pages.append(layout_report(data, out, progress=layout))
    )
    if progress:
        progress(scale, scale)
    return pages[0]
