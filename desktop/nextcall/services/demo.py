"""Sample data: about forty applications spread over every milestone and outcome, with the
contacts, tips and follow-ups a real job hunt collects. Dates are relative to the profile's
clock, so the profile always looks current: everything recorded happened before now (only
scheduled milestones, follow-ups and an offer's start date lie ahead), each milestone after the
one before it, and the notes about a milestone were written after it took place."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nextcall.core.errors import NextCallError
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import FollowUpState, NoteKind, Outcome, Status
from nextcall.services.applications import ApplicationValues, create_application_in
from nextcall.services.contacts import ContactForm, create_contact_in
from nextcall.services.database import Database
from nextcall.services.demo_content import (
    ACCOUNTS,
    COMPANIES,
    CONTACTS,
    OBSERVATIONS,
    PLAN,
    TIPS,
)
from nextcall.services.demo_practice import add_practice
from nextcall.services.follow_ups import change_follow_up_in, recompute
from nextcall.services.notes import NoteInput, add_note_in
from nextcall.services.stages import ChangeRecord, EventRecord, restore_events_in
from nextcall.store.models import (
    Application,
    Company,
    Contact,
    FollowUp,
    Stage,
    StageEvent,
    Tag,
)

TEST_FOR_ACCOUNT = {
    "sales": "sales-test",
    "service": "customer-service-test",
    "tech": "tech-support-test",
}
ALL_TESTS = set(TEST_FOR_ACCOUNT.values())
HOURS = (9, 10, 14, 15, 21)  # when milestones take place, as call centers schedule them
SETTLED = timedelta(hours=1)  # the latest milestone took place at least this long ago


@dataclass(frozen=True)
class DemoSummary:
    applications: int
    events: int
    notes: int
    follow_ups: int


class ProfileNotEmptyError(NextCallError):
    pass


def fill_demo(db: Database, seed: int = 7) -> DemoSummary:
    """Fill an empty profile; refuse (and change nothing) when it already holds applications."""
    with db.session() as s:
        existing = s.execute(select(func.count(Application.id))).scalar_one()
        if existing:
            raise ProfileNotEmptyError(
                f"the profile in {db.paths.root} already has {existing} application(s); "
                "sample data only goes into an empty profile. Use --data-dir with a new folder "
                "to explore the sample data separately."
            )
        return _Builder(s, db.clock.now(), random.Random(seed)).build()


class _Builder:
    def __init__(self, session: Session, now: datetime, rng: random.Random) -> None:
        self.s = session
        self.now = now
        self.today = now.date()
        self.rng = rng
        self.playbook = load_playbook()
        self.stages = {st.key: st for st in session.execute(select(Stage)).scalars()}
        self.tags: dict[str, Tag] = {}
        self.events = self.notes = self.follow_ups = 0

    def build(self) -> DemoSummary:
        companies = [Company(name=name, notes="", reapply_after=None) for name in COMPANIES]
        self.s.add_all(companies)
        self.s.flush()
        contacts: dict[int, Contact] = {}
        for index, (name, role, hook) in enumerate(CONTACTS):
            company = companies[index % len(companies)]
            form = ContactForm(
                name=name,
                role=role,
                email=f"{name.split()[0].lower()}@example.com",
                phone="",
                memory_hook=hook,
            )
            contacts[company.id] = create_contact_in(self.s, company.id, form)
        for index, (milestone, outcome, status) in enumerate(PLAN):
            company = companies[index % len(companies)]
            self._application(index, company, contacts.get(company.id), milestone, outcome, status)
        add_practice(self.s, self.today)
        return DemoSummary(len(PLAN), self.events, self.notes, self.follow_ups)

    def _application(
        self,
        index: int,
        company: Company,
        contact: Contact | None,
        milestone: str,
        outcome: str,
        status: str,
    ) -> None:
        rng = self.rng
        account_kind, account, position = ACCOUNTS[index % len(ACCOUNTS)]
        path = self._path(account_kind, milestone)
        # Days between milestones that took place; the last of them was yesterday at the latest.
        held = path[1:-1] if outcome == Outcome.SCHEDULED.value else path[1:]
        gaps = [rng.randint(2, 6) for _key in held]
        span = sum(gaps) + 1 + rng.randint(0, 40)
        if status == Status.GHOSTED.value:  # no word for weeks
            span = max(span, rng.randint(35, 60))
        applied = self.today - timedelta(days=span)
        source = rng.choice(["Job board", "Company website", "Walk-in", "Referral", "Job fair"])
        site = rng.choice(["Ortigas", "Makati", "Cebu IT Park", "BGC", "Alabang", "Davao"])
        shift = rng.choice(["Night shift", "Day shift", "Rotating", "Graveyard"])
        salary = float(rng.choice([18000, 20000, 22000, 25000]))
        unused = sorted(ALL_TESTS - {TEST_FOR_ACCOUNT[account_kind]} - set(path))
        events: list[EventRecord] = []
        history: list[ChangeRecord] = []
        previous: datetime | None = None  # when the milestone before took place
        recorded = self.now
        for step, key in enumerate(path):
            final = step == len(path) - 1
            result = outcome if final else Outcome.PASSED.value
            if final and result == Outcome.SCHEDULED.value:  # ahead, arranged after the last
                day = self.today + timedelta(days=rng.randint(1, 6))
                moment = datetime.combine(day, time(rng.choice(HOURS)))
                recorded = self._recorded(previous or self._took_place(applied, None))
            else:
                day = applied if previous is None else previous.date()
                if key != "application":
                    day += timedelta(days=gaps.pop(0))
                moment = self._took_place(day, previous)
                recorded = self._recorded(moment)
                previous = moment
            event, change = self._event(
                key, result, moment, recorded, contact if key != "application" else None
            )
            events.append(event)
            history.append(change)
        details: dict[str, object] = {"last_contact_on": recorded.date()}
        if status == Status.REJECTED.value:
            details["closing_reason"] = (
                "Not selected after the " + self.stages[milestone].name.lower()
            )
        if milestone == "job-offer":
            offered = salary + 1500
            details.update(
                salary_offered=offered,
                offer_pay=f"{int(offered):,} a month plus night differential",
                offer_shift=shift,
                offer_site=site,
                offer_start_on=self.today + timedelta(days=14),
                offer_notes="Six-month probation. Ask about the training allowance.",
            )
        values = ApplicationValues(
            company=company.name,
            position=position,
            account_type=account,
            source=source,
            url="",
            applied_on=applied,
            site=site,
            shift=shift,
            salary_expected=salary,
            status=status,
            notes="",
        )
        app = create_application_in(
            self.s, values, self.now, company=company, details=details, start=False
        )
        rows = restore_events_in(self.s, app, events, history, unused, now=self.now)
        self.events += len(rows)
        # Notes are about the last milestone that took place: an interview still ahead has
        # none, and sending the application has no interviewer to quote.
        took_place = [
            (row, record)
            for row, record in zip(rows, events, strict=True)
            if record.outcome != Outcome.SCHEDULED.value
        ]
        if took_place and took_place[-1][1].stage_key != "application":
            row, record = took_place[-1]
            assert record.scheduled_at is not None
            self._notes(app, row, record.scheduled_at, contact, record.stage_key, record.outcome)
        self._follow_ups(app)

    def _took_place(self, day: date, previous: datetime | None) -> datetime:
        """When a milestone on ``day`` took place: at a usual hour, but at least an hour ago
        and after the milestone before it."""
        moment = min(datetime.combine(day, time(self.rng.choice(HOURS))), self.now - SETTLED)
        if previous is not None and moment <= previous:
            moment = previous + timedelta(minutes=30)
        return moment

    def _recorded(self, moment: datetime) -> datetime:
        """When the applicant wrote down what happened at ``moment``: a few hours later, and
        never after now."""
        later = moment + timedelta(hours=self.rng.randint(1, 3), minutes=self.rng.randint(0, 59))
        return max(moment, min(later, self.now - timedelta(minutes=5)))

    def _path(self, account_kind: str, milestone: str) -> list[str]:
        order = [k for k in self.stages if self.stages[k].builtin]
        order.sort(key=lambda k: self.stages[k].position)
        keep = [k for k in order if k not in ALL_TESTS or k == TEST_FOR_ACCOUNT[account_kind]]
        if milestone in ALL_TESTS and milestone not in keep:  # in catalogue order, like the rest
            keep.append(milestone)
            keep.sort(key=lambda k: self.stages[k].position)
        return keep[: keep.index(milestone) + 1]

    def _event(
        self, key: str, outcome: str, when: datetime, recorded: datetime, contact: Contact | None
    ) -> tuple[EventRecord, ChangeRecord]:
        checks: list[str] = []
        milestone = self.playbook.milestone(key)
        if outcome == Outcome.FAILED.value and milestone.checks:
            picked = self.rng.sample(list(milestone.checks), k=min(2, len(milestone.checks)))
            checks = [c.key for c in picked]
        event = EventRecord(
            stage_key=key,
            outcome=outcome,
            scheduled_at=when,
            happened_on=when.date() if outcome != Outcome.SCHEDULED.value else None,
            score=float(self.rng.randint(60, 95))
            if key == "exam" and outcome != "scheduled"
            else None,
            interviewer=contact.name if contact else "",
            contact_id=contact.id if contact else None,
            checks=tuple(checks),
        )
        return event, ChangeRecord(key, outcome, recorded)

    def _tag(self, key: str) -> Tag:
        if key not in self.tags:
            tag = self.s.execute(select(Tag).where(Tag.key == key)).scalar_one_or_none()
            if tag is None:
                tag = Tag(key=key, name=self.playbook.area(key).name, builtin=True)
                self.s.add(tag)
            self.tags[key] = tag
        return self.tags[key]

    def _notes(
        self,
        app: Application,
        event: StageEvent,
        held: datetime,
        contact: Contact | None,
        milestone: str,
        outcome: str,
    ) -> None:
        rng = self.rng
        stamp = self._recorded(held)  # written after the milestone, never after now
        tips = [t for t in TIPS if t[0] in (milestone, "any")]
        for _, text, areas in rng.sample(tips, k=min(len(tips), rng.randint(1, 2))):
            kind = NoteKind.FEEDBACK if outcome == Outcome.FAILED.value else NoteKind.TIP
            self._note(app, event, contact, kind, text, areas, stamp)
        if rng.random() < 0.4:
            text, areas = rng.choice(OBSERVATIONS)
            self._note(app, event, None, NoteKind.OBSERVATION, text, areas, stamp)

    def _note(
        self,
        app: Application,
        event: StageEvent,
        contact: Contact | None,
        kind: NoteKind,
        text: str,
        areas: tuple[str, ...],
        stamp: datetime,
    ) -> None:
        note = NoteInput(
            body=text,
            kind=kind.value,
            application_id=app.id,
            stage_event_id=event.id,
            contact_id=contact.id if contact else None,
        )
        add_note_in(self.s, note, stamp, tags=[self._tag(a) for a in areas])
        self.notes += 1

    def _follow_ups(self, app: Application) -> None:
        """The follow-ups the rules ask for (services/follow_ups.py); the ones due a few days
        ago are already done, as a diligent applicant would have them."""
        recompute(self.s, app.id, self.now)
        rows = self.s.execute(select(FollowUp).where(FollowUp.application_id == app.id))
        for row in rows.scalars().all():
            if row.due_at.date() < self.today - timedelta(days=3):
                change_follow_up_in(
                    self.s, row, state=FollowUpState.DONE, done_at=row.due_at + timedelta(hours=1)
                )
            self.follow_ups += 1
