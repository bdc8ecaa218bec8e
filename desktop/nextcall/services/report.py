"""Gather the job-search report: every application with its milestone history, the funnel,
the improvement areas and the practice history. A handful of set-based queries, so 1,000
applications and 10,000 notes cost milliseconds, not one query per row."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nextcall.core.playbook import load_playbook
from nextcall.core.practice import TEST_KINDS, read_details
from nextcall.export.packet_data import SpeechFigure
from nextcall.export.report_data import (
    MilestoneEntry,
    PracticeEntry,
    ReportApplication,
    ReportData,
    ScoreEntry,
)
from nextcall.services import insights
from nextcall.services.database import Database
from nextcall.services.drills import DRILL_KINDS
from nextcall.services.funnel import funnel
from nextcall.services.settings import get_text
from nextcall.store.models import (
    Application,
    Company,
    Note,
    PracticeSession,
    Stage,
    StageEvent,
    TestScore,
)


def gather_report(db: Database) -> ReportData:
    today = db.clock.today()
    live = Application.deleted_at.is_(None)
    with db.session() as s:
        events: dict[int, list[MilestoneEntry]] = defaultdict(list)
        for app_id, key, name, _position, outcome, on, at in s.execute(
            select(
                StageEvent.application_id,
                Stage.key,
                Stage.name,
                Stage.position,
                StageEvent.outcome,
                StageEvent.happened_on,
                StageEvent.scheduled_at,
            )
            .join(Stage, Stage.id == StageEvent.stage_id)
            .join(Application, Application.id == StageEvent.application_id)
            .where(live)
            .order_by(StageEvent.application_id, Stage.position)
        ):
            day = on or (at.date() if isinstance(at, datetime) else None)
            events[app_id].append(MilestoneEntry(name, outcome, day, key))
        apps = tuple(
            ReportApplication(
                company=company,
                position=row.position,
                account_type=row.account_type,
                source=row.source,
                applied_on=row.applied_on,
                status=row.status,
                closing_reason=row.closing_reason,
                milestones=tuple(events.get(row.id, ())),
            )
            for row, company in s.execute(
                select(Application, Company.name)
                .join(Company, Company.id == Application.company_id)
                .where(live)
                .order_by(Application.applied_on.is_(None), Application.applied_on, Application.id)
            )
        )
        notes = s.execute(select(func.count(Note.id)).join(Application).where(live)).scalar_one()
        practice = _practice(s)
        labels = {k.key: k.label for k in TEST_KINDS}
        scores = tuple(
            ScoreEntry(
                kind=t.kind,
                value=t.value,
                accuracy=t.accuracy,
                on=t.taken_on,
                label=labels.get(t.kind, t.kind),
                result=_result(t),
            )
            for t in s.execute(
                select(TestScore).order_by(TestScore.taken_on, TestScore.taken_at, TestScore.id)
            ).scalars()
        )
    return ReportData(
        today=today,
        applications=apps,
        notes=int(notes),
        funnel=funnel(db),
        areas=tuple(insights.recurring_areas(db, quotes=1)),
        practice=practice,
        scores=scores,
        applicant=get_text(db, "applicant_name"),
        speech=_speech(db),
    )


def _result(row: TestScore) -> str:
    if row.kind in DRILL_KINDS:
        return _drill_result(row)
    if row.kind == "speech":  # the score is the pace
        return f"{row.value:g} words a minute"
    return _typing_result(row)


def _drill_result(row: TestScore) -> str:
    """'6 of 10 (60%)' for a drill set with its counts, else '60%'."""
    details = read_details(row.details)
    right, total = details.get("correct"), details.get("total")
    if isinstance(right, int) and isinstance(total, int):
        return f"{right} of {total} ({row.value:g}%)"
    return f"{row.value:g}%"


def _typing_result(row: TestScore) -> str:
    """'38 net / 41 gross wpm' for a typing test taken in the app, '38 wpm' for one logged by
    hand; empty for other tests."""
    if row.kind != "typing":
        return ""
    details = read_details(row.details)
    net, gross = details.get("net_wpm"), details.get("gross_wpm")
    if isinstance(net, int | float) and isinstance(gross, int | float):
        return f"{net:.0f} net / {gross:.0f} gross wpm"
    return f"{row.value:g} wpm"


def _practice(s: Session) -> tuple[PracticeEntry, ...]:
    names = {sc.key: sc.title for sc in load_playbook().scenarios}
    rows = s.execute(select(PracticeSession).order_by(PracticeSession.started_at)).scalars()
    out = []
    for row in rows:
        try:
            scores = {str(k): float(v) for k, v in json.loads(row.scores or "{}").items()}
        except (ValueError, TypeError, AttributeError):
            scores = {}
        average = sum(scores.values()) / len(scores) if scores else None
        out.append(
            PracticeEntry(
                scenario=names.get(row.scenario_key, row.scenario_key),
                on=row.started_at.date(),
                average=average,
                comment=row.comment,
            )
        )
    return tuple(out)


def _speech(db: Database) -> SpeechFigure:
    """The last speech check's figures. The speech service (and the analysis it carries:
    processes, the WAV reader) is imported here, when a document is made, not with the
    Export tab: about 2.6 MB the window never needs otherwise."""
    from nextcall.services.speech import latest_figures

    return latest_figures(db)
