"""Gather everything the prep packet prints for one application, in a few short queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.drills import TARGET_PERCENT, TEST_MILESTONES
from nextcall.core.errors import NotFoundError
from nextcall.core.follow_ups import ApplicationFacts, EventFacts, wanted_follow_ups
from nextcall.core.funnel import Tally
from nextcall.core.playbook import Milestone, Playbook, load_playbook
from nextcall.core.practice import score_kind
from nextcall.core.stages import NoteKind, Outcome, Status
from nextcall.export.packet_data import (
    DrillLine,
    NextStep,
    PacketData,
    PacketNote,
    PanelAnswer,
    PlannedFollowUp,
    PreparedAnswer,
    SpeechFigure,
    TypingFigure,
)
from nextcall.services import insights
from nextcall.services.application_detail import ANSWER_FIELDS
from nextcall.services.database import Database
from nextcall.services.drills import drill_titles, latest_results
from nextcall.services.funnel import funnel, stops_at
from nextcall.services.stages import StageState, stage_states
from nextcall.services.typing_test import latest_typing, net_wpm, typing_target
from nextcall.store.models import Application, Contact, Note, Question, Stage, StageEvent

AREAS = 6  # improvement areas printed, most named first
FIXES = 8  # debrief items with their fixes
COMPANY_NOTES = 30
TO_ASK = 4
FOCUS = (
    3  # things to practise tonight, on the cover  # "a chosen few" questions to ask the employer
)
JOB_FIT_MILESTONE = "final-interview"
TYPING_MILESTONES = score_kind("typing").milestones  # the exam, the customer-service test
SPEECH_MILESTONES = score_kind("speech").milestones  # the interviews and the mock call
_COMPANY_KINDS = (
    NoteKind.TIP.value,
    NoteKind.FEEDBACK.value,
    NoteKind.OBSERVATION.value,
    NoteKind.QUESTION.value,
    NoteKind.ANSWER.value,
)
_DONE = {o.value for o in (Outcome.PASSED, Outcome.SKIPPED)}


def packet_step(db: Database, application_id: int) -> tuple[str, NextStep]:
    """The company and the milestone a packet for this application prepares for, without
    gathering the rest (for file names and messages)."""
    states = stage_states(db, application_id)  # raises NotFoundError for unknown / deleted
    state = next_step(states, datetime.combine(db.clock.today(), time.min))
    with db.session() as s:
        app = s.get(Application, application_id)
        if app is None or app.deleted_at is not None:
            raise NotFoundError(f"there is no application with id {application_id}")
        return app.company.name, _step(s, state)


def gather_packet(db: Database, application_id: int) -> PacketData:
    playbook = load_playbook()
    today = db.clock.today()
    states = stage_states(db, application_id)  # raises NotFoundError for unknown / deleted
    step_state = next_step(states, datetime.combine(today, time.min))
    with db.session() as s:
        app = s.get(Application, application_id)
        if app is None or app.deleted_at is not None:
            raise NotFoundError(f"there is no application with id {application_id}")
        step = _step(s, step_state)
        company_id = app.company_id
        data = PacketData(
            application_id=app.id,
            company=app.company.name,
            position=app.position,
            account_type=app.account_type,
            site=app.site,
            shift=app.shift,
            applied_on=app.applied_on,
            status=app.status,
            step=step,
            milestone=_milestone(playbook, step.stage_key),
            stopped_before=0,
            stop_checks=(),
            areas=(),
            job_fit=_job_fit(s, playbook),
            own_questions=_own_questions(s),
            to_ask=(),
            to_ask_note="",
            panel=tuple(
                PanelAnswer(f, getattr(app, ANSWER_FIELDS[f.key])) for f in playbook.panel_factors
            ),
            fixes=_notes(s, Note.kind == NoteKind.DEBRIEF.value, FIXES),
            company_notes=_notes(
                s,
                (Application.company_id == company_id) & Note.kind.in_(_COMPANY_KINDS),
                COMPANY_NOTES,
            ),
            funnel=funnel(db),
            follow_ups=_follow_ups(s, app, step_state),
            today=today,
        )
    stopped, checks = stops_at(db, step.stage_key)
    final = _milestone(playbook, JOB_FIT_MILESTONE)
    areas = tuple(insights.recurring_areas(db)[:AREAS])
    return replace(
        data,
        stopped_before=stopped,
        stop_checks=checks,
        areas=areas,
        focus=_focus(playbook, areas, data.milestone, checks),
        to_ask=tuple(q.question for q in final.questions_to_ask[:TO_ASK]) if final else (),
        to_ask_note=(final.questions_to_ask_note or "") if final else "",
        typing=_typing(db) if step.stage_key in TYPING_MILESTONES else None,
        speech=_speech(db) if step.stage_key in SPEECH_MILESTONES else None,
        drills=_drills(db) if step.stage_key in TEST_MILESTONES else None,
    )


def _drills(db: Database) -> tuple[DrillLine, ...]:
    titles = drill_titles()
    return tuple(
        DrillLine(
            title=titles[r.kind],
            result=r.summary,
            percent=r.percent,
            taken_on=r.taken_at.date(),
            target=TARGET_PERCENT,
        )
        for r in latest_results(db).values()
    )


def _typing(db: Database) -> TypingFigure:
    """The latest typing result (a test taken in the app, or one logged by hand)."""
    target = typing_target(db)
    row = latest_typing(db)
    if row is None:
        return TypingFigure(target=target)
    gross, accuracy = row.details.get("gross_wpm"), row.details.get("accuracy")
    if not isinstance(accuracy, int | float):
        accuracy = row.accuracy / 100 if row.accuracy is not None else None
    return TypingFigure(
        target=target,
        net_wpm=net_wpm(row),
        gross_wpm=float(gross) if isinstance(gross, int | float) else None,
        accuracy=float(accuracy) if accuracy is not None else None,
        taken_on=row.taken_on,
    )


def _focus(
    playbook: Playbook,
    areas: tuple[insights.AreaInsight, ...],
    milestone: Milestone | None,
    checks: tuple[Tally, ...],
) -> tuple[tuple[str, str], ...]:
    """Up to three things to practise tonight: the most ticked check at this milestone (with
    the area it belongs to), then the areas interviewers name most, each with how to practise."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    practice = {a.key: a for a in playbook.areas}
    if milestone is not None and checks:
        item = next((c for c in milestone.checks if c.key == checks[0].key), None)
        if item is not None and item.area in practice:
            area = practice[item.area]
            found.append((area.name, area.practice))
            seen.add(area.key)
    for insight in areas:
        if len(found) == FOCUS:
            break
        if insight.area in practice and insight.area not in seen:
            found.append((insight.name, practice[insight.area].practice))
            seen.add(insight.area)
    return tuple(found)


def next_step(states: list[StageState], now: datetime) -> StageState | None:
    """The milestone to prepare for: the next scheduled one (the earliest still ahead, else
    the latest scheduled), else the first milestone after the furthest one reached."""
    usable = [st for st in states if not st.unused]
    scheduled = [st for st in usable if st.outcome == Outcome.SCHEDULED.value and st.scheduled_at]
    ahead = sorted((st for st in scheduled if st.scheduled_at >= now), key=_when)  # type: ignore[operator]
    if ahead:
        return ahead[0]
    if scheduled:
        return max(scheduled, key=_when)
    open_steps = [st for st in usable if st.outcome in (None, Outcome.SCHEDULED.value)]
    done = [i for i, st in enumerate(usable) if st.outcome in _DONE]
    after = done[-1] if done else -1
    later = [st for st in open_steps if usable.index(st) > after]
    return later[0] if later else (usable[-1] if usable else None)


def _when(state: StageState) -> datetime:
    return state.scheduled_at or datetime.min


def _step(s: Session, state: StageState | None) -> NextStep:
    if state is None:
        return NextStep(stage_key="", name="Your next milestone", when=None)
    contact = None
    if state.event_id is not None:
        event = s.get(StageEvent, state.event_id)
        if event is not None and event.contact_id is not None:
            contact = s.get(Contact, event.contact_id)
    return NextStep(
        stage_key=state.stage.key,
        name=state.stage.name,
        when=state.scheduled_at if state.outcome == Outcome.SCHEDULED.value else None,
        interviewer=state.interviewer or (contact.name if contact else ""),
        contact_name=contact.name if contact else "",
        contact_role=contact.role if contact else "",
        memory_hook=contact.memory_hook if contact else "",
    )


def _milestone(playbook: Playbook, key: str) -> Milestone | None:
    return next((m for m in playbook.milestones if m.key == key), None)


def _job_fit(s: Session, playbook: Playbook) -> tuple[PreparedAnswer, ...]:
    final = _milestone(playbook, JOB_FIT_MILESTONE)
    if final is None:
        return ()
    stored = {
        q.playbook_key: q
        for q in s.execute(select(Question).where(Question.playbook_key.is_not(None))).scalars()
    }
    items = []
    for question in final.job_fit_questions:
        row = stored.get(question.key)
        items.append(
            PreparedAnswer(
                question=question.question,
                answer=row.answer if row else "",
                why=question.why,
                confidence=row.confidence if row else None,
            )
        )
    return tuple(items)


def _own_questions(s: Session) -> tuple[PreparedAnswer, ...]:
    rows = s.execute(
        select(Question).where(Question.playbook_key.is_(None)).order_by(Question.id)
    ).scalars()
    return tuple(PreparedAnswer(q.text, q.answer, confidence=q.confidence) for q in rows)


def _notes(s: Session, where: object, limit: int) -> tuple[PacketNote, ...]:
    rows = s.execute(
        select(Note, Application.position, Stage.name)
        .join(Application, Application.id == Note.application_id)
        .outerjoin(StageEvent, StageEvent.id == Note.stage_event_id)
        .outerjoin(Stage, Stage.id == StageEvent.stage_id)
        .where(Application.deleted_at.is_(None), where)  # type: ignore[arg-type]
        .order_by(Note.created_at.desc(), Note.id.desc())
        .limit(limit)
    ).all()
    return tuple(
        PacketNote(
            kind=note.kind,
            on=note.created_at.date(),
            text=note.body,
            fix=note.fix,
            position=position,
            milestone=stage or "",
            tags=tuple(t.name for t in note.tags),
        )
        for note, position, stage in rows
    )


def _follow_ups(
    s: Session, app: Application, state: StageState | None
) -> tuple[PlannedFollowUp, ...]:
    """What NextCall will remind the applicant of after this milestone: the same rules that
    schedule follow-ups, run on the milestone as if it had just happened."""
    if state is None or state.event_id is None or state.scheduled_at is None:
        return ()
    day = state.scheduled_at.date()
    base = EventFacts(
        id=state.event_id,
        stage_key=state.stage.key,
        stage_name=state.stage.name,
        position=state.stage.position,
        outcome=Outcome.PENDING.value,
        happened_on=day,
        scheduled_at=state.scheduled_at,
    )
    company = app.company.name
    plans: list[PlannedFollowUp] = []
    seen: set[str] = set()
    for outcome, status, condition in (
        (Outcome.PENDING.value, Status.ACTIVE.value, ""),
        (Outcome.FAILED.value, Status.REJECTED.value, "If the answer is no"),
    ):
        facts = ApplicationFacts(company, status, (replace(base, outcome=outcome),))
        for item in wanted_follow_ups(facts, state.scheduled_at):
            if item.rule_key in seen:
                continue
            seen.add(item.rule_key)
            plans.append(PlannedFollowUp(item.due, item.title, condition))
    return tuple(sorted(plans, key=lambda p: (p.when, p.condition)))


def _speech(db: Database) -> SpeechFigure:
    """The last speech check's figures. The speech service (and the analysis it carries:
    processes, the WAV reader) is imported here, when a document is made, not with the
    Export tab: about 2.6 MB the window never needs otherwise."""
    from nextcall.services.speech import latest_figures

    return latest_figures(db)
