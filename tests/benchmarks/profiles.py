"""Realistic benchmark profiles, generated fast and cached.

The database is created by the app's own code (``Database.open`` runs the migrations), then
filled with the sqlite3 module's ``executemany`` in one transaction. The derived progress
columns on applications are computed while generating, with the same pure function the
services use (``nextcall.core.progress.compute_progress``), so the profile is what the app
would have written itself.

Shape, per application on average: ~10 stage events (one per stage, in milestone order, stopping
at a failure or a wait somewhere), ~2 notes (words from a small vocabulary), ~1.3 follow-ups.
The app keeps one event per application and stage, and a path through the ten built-in
milestones uses at most eight of them (one account test), so the profile's companies also use
some of ten user-defined stages (Versant test, background check, ...) to reach the issue's
"100,000 applications, about 1,000,000 stage events".

Profiles are cached under ``<tmp>/nextcall-bench/<size>-<schema revision>-<digest of the
migration scripts>-g<generator>`` (``NEXTCALL_BENCH_CACHE`` overrides ``<tmp>/nextcall-bench``).
Profiles of older schemas are left alone (another run may be using them): delete the folder
when disk space matters (the 100k profile takes about 400 MB).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from nextcall.core.clock import Clock
from nextcall.core.companies import company_key
from nextcall.core.paths import resolve
from nextcall.core.playbook import load_playbook
from nextcall.core.progress import CatalogueStage, compute_progress
from nextcall.services.database import Database
from nextcall.services.demo_content import ACCOUNTS, OBSERVATIONS, TIPS
from nextcall.store.migrate import HEAD_REVISION

GENERATOR = 2  # bump when the generated data changes shape
CACHE_ENV = "NEXTCALL_BENCH_CACHE"
META = "bench-profile.json"
CHUNK = 5000  # applications per executemany batch

# The words a user types in the benchmarks (each prefix is one keystroke).
TABLE_SEARCH_WORD = "north"
NOTE_SEARCH_WORD = "pronunciation"

OWN_STAGES = (  # (key, name, position): between the built-in milestones (10, 20, ... 100)
    ("online-assessment", "Online assessment", 15.0),
    ("versant-test", "Versant English test", 25.0),
    ("typing-test", "Typing test", 35.0),
    ("group-discussion", "Group discussion", 45.0),
    ("account-orientation", "Account orientation", 55.0),
    ("background-check", "Background check", 92.0),
    ("medical-exam", "Medical exam", 94.0),
    ("requirements", "Pre-employment requirements", 96.0),
    ("contract-signing", "Contract signing", 105.0),
    ("training", "Training", 110.0),
)
TESTS = {"sales": "sales-test", "service": "customer-service-test", "tech": "tech-support-test"}
PASS_ON = 0.935  # chance to get past each stage: tuned for ~10 events per application


def _words(text: str) -> list[str]:
    return text.split()


NAME_A = _words(
    "Northstar Bluewave Harbor Pinnacle Sunrise Meridian Lakeside Cobalt Evergreen Summit "
    "Brightline Keystone Silverpeak Tidewater Orchid Crescent Ironwood Redcliff Maple Starling "
    "Goldfield Westgate Clearpath Horizon Amberstone Seabright Ridgeview Nimbus Pacific Lumen "
    "Granite Willow Falcon Copperline Riverside Juniper Northgate Eastwind Southport Bayside "
    "Highland Oakridge Pinegrove Stonebridge Clearwater Riverbend Sunset Aurora Beacon Cascade "
    "Driftwood Emerald Fairview Glacier Hillcrest Islandia Jadeport Kingsway Lighthouse Monarch"
)
NAME_B = _words(
    "Contact Customer Voice Call Care Support Connect Global Tele Link CX Helpdesk Service "
    "Outsourcing Response Direct Prime United Apex Vertex Core Bright Smart First"
)
NAME_C = _words(
    "Center BPO Solutions Services Partners Hub Group Co. Inc. Corp. Teleservices Network "
    "Systems Works Team"
)
FIRST = _words("Maria James Anna Paolo Grace Mark Liza Ramon Tess Carlo Joy Vince Nina Leo Mia")
LAST = _words("Santos Reyes Cruz Mendoza Villanueva Rosa Garcia Aquino Navarro Bautista Ramos")
SITES = _words("Ortigas Makati Cebu-IT-Park BGC Alabang Davao Clark Iloilo Quezon-City Pasig")
SHIFTS = ("Night shift", "Day shift", "Rotating", "Graveyard", "Mid shift")
SOURCES = ("Job board", "Company website", "Walk-in", "Referral", "Job fair", "Social media")


def _vocabulary() -> list[str]:
    words: list[str] = []
    for text in [t[1] for t in TIPS] + [o[0] for o in OBSERVATIONS]:
        for raw in text.lower().split():
            word = raw.strip(".,:;!?'\"()")
            if word.isalpha() and word not in words:
                words.append(word)
    return words


@dataclass(frozen=True)
class Profile:
    size: int
    root: Path
    applications: int
    events: int
    notes: int
    follow_ups: int
    seconds: float  # generation time (0 when it came from the cache)

    @property
    def label(self) -> str:
        return size_label(self.size)


def size_label(size: int) -> str:
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def cache_root() -> Path:
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(tempfile.gettempdir()) / "nextcall-bench"


def schema_key() -> str:
    """The schema revision plus a digest of the migration scripts: a revision still being
    edited in place (new indexes in an unreleased migration) must not reuse a stale profile."""
    from nextcall.store import migrations

    digest = hashlib.sha256()
    for script in sorted((Path(migrations.__file__).parent / "versions").glob("*.py")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    return f"{HEAD_REVISION}-{digest.hexdigest()[:8]}"


def ensure_profile(size: int, seed: int = 42) -> Profile:
    """The cached profile of ``size`` applications, generated first when missing."""
    root = cache_root() / f"{size}-{schema_key()}-g{GENERATOR}"
    meta = root / META
    if meta.exists():
        data = json.loads(meta.read_text())
        return Profile(
            size,
            root,
            int(data["applications"]),
            int(data["events"]),
            int(data["notes"]),
            int(data["follow_ups"]),
            0.0,
        )
    building = root.with_name(f"{root.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    started = time.perf_counter()
    db = Database.open(resolve(building))  # the app's own schema and migrations
    database = db.paths.database
    db.close()
    counts = _fill(database, size, random.Random(seed))
    counts["seconds"] = time.perf_counter() - started
    (building / META).write_text(json.dumps(counts))
    try:
        os.replace(building, root)
    except OSError:  # another run finished the same profile first: use that one
        shutil.rmtree(building, ignore_errors=True)
        if not meta.exists():
            raise
    return Profile(
        size,
        root,
        int(counts["applications"]),
        int(counts["events"]),
        int(counts["notes"]),
        int(counts["follow_ups"]),
        counts["seconds"],
    )


def _ts(day: date, hour: int, minute: int = 0) -> str:
    """A DateTime as SQLAlchemy stores it in SQLite."""
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:00.000000"


class _Generator:
    def __init__(self, conn: sqlite3.Connection, rng: random.Random) -> None:
        self.conn = conn
        self.rng = rng
        self.today = Clock.from_env().today()
        conn.executemany(
            "INSERT INTO stages (key, name, position, builtin, guidance) VALUES (?, ?, ?, 0, '')",
            OWN_STAGES,
        )
        rows = conn.execute("SELECT id, key, position, builtin FROM stages").fetchall()
        self.catalogue = [CatalogueStage(i, k, p, bool(b)) for i, k, p, b in rows]
        self.stage = {st.key: st for st in self.catalogue}
        self.own_keys = [key for key, _name, _pos in OWN_STAGES]
        playbook = load_playbook()
        areas = playbook.areas
        self.checks = {m.key: [c.key for c in m.checks] for m in playbook.milestones}
        conn.executemany(
            "INSERT INTO tags (key, name, builtin) VALUES (?, ?, 1)",
            [(a.key, a.name) for a in areas],
        )
        self.tag_ids = [r[0] for r in conn.execute("SELECT id FROM tags")]
        vocab = _vocabulary()
        self.vocab = vocab
        self.weights = [1.0 / (rank + 1) for rank in range(len(vocab))]  # Zipf-like
        self.tips = [t[1] for t in TIPS]
        self.event_id = self.note_id = self.follow_up_id = 0
        self.counts = {"applications": 0, "events": 0, "notes": 0, "follow_ups": 0}

    # -- companies and contacts ---------------------------------------------------------------

    def companies(self, size: int) -> None:
        rng = self.rng
        wanted = max(20, size // 8)
        names = [f"{a} {b} {c}" for a in NAME_A for b in NAME_B for c in NAME_C]
        rng.shuffle(names)
        extra = 2
        while len(names) < wanted:
            names += [f"{n} {extra}" for n in names[: wanted - len(names)]]
            extra += 1
        names = names[:wanted]
        self.conn.executemany(
            "INSERT INTO companies (id, name, name_key, notes) VALUES (?, ?, ?, '')",
            [(i + 1, name, company_key(name)) for i, name in enumerate(names)],
        )
        self.company_count = wanted
        # Which of the user's own stages each company uses (most use most of them).
        self.company_stages = [
            [key for key in self.own_keys if rng.random() < 0.85] for _ in range(wanted + 1)
        ]
        contacts = []
        self.contact_of: dict[int, tuple[int, str]] = {}
        for company_id in range(1, wanted + 1):
            if rng.random() < 0.6:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                contacts.append((company_id, company_id, name, "Recruiter"))
                self.contact_of[company_id] = (company_id, name)
        self.conn.executemany(
            "INSERT INTO contacts (id, company_id, name, role, email, phone, memory_hook) "
            "VALUES (?, ?, ?, ?, '', '', '')",
            contacts,
        )

    # -- applications -------------------------------------------------------------------------

    def applications(self, size: int) -> None:
        for start in range(1, size + 1, CHUNK):
            batch = _Batch()
            for app_id in range(start, min(size, start + CHUNK - 1) + 1):
                self._application(app_id, batch)
            batch.write(self.conn)

    def _path(self, company_id: int, kind: str) -> list[str]:
        keys = [
            st.key
            for st in self.catalogue
            if st.builtin and (st.key not in TESTS.values() or st.key == TESTS[kind])
        ]
        keys += self.company_stages[company_id]
        keys.sort(key=lambda k: self.stage[k].position)
        return keys

    def _application(self, app_id: int, batch: _Batch) -> None:
        rng, today = self.rng, self.today
        company_id = rng.randint(1, self.company_count)
        kind, account_type, position = rng.choice(ACCOUNTS)
        age = int(rng.triangular(0, 900, 60))
        applied = today - timedelta(days=age)
        path = self._path(company_id, kind)
        length = 1
        while length < len(path) and rng.random() < PASS_ON:
            length += 1
        steps = path[:length]
        recent = age < 40
        roll = rng.random()
        if "job-offer" in steps:
            offer = steps.index("job-offer")
            if recent or roll < 0.55:  # an offer on the table, or one the applicant declined
                steps = steps[: offer + 1]
                last, status = ("pending", "offer") if recent else ("pending", "withdrawn")
            elif roll < 0.8:  # stopped at the background check, medical, final interview...
                steps = steps[:offer]
                last, status = "failed", "rejected"
            else:
                last, status = "passed", "accepted"
        elif recent:
            last, status = rng.choice(("scheduled", "pending")), "active"
        elif roll < 0.70:
            last, status = "failed", "rejected"
        elif roll < 0.90:
            last, status = "pending", "ghosted"
        elif roll < 0.95:
            last, status = "no-show", "withdrawn"
        else:
            last, status = "passed", "withdrawn"
        if rng.random() < 0.03 and status in ("ghosted", "rejected"):
            last, status = "pending", "active"  # still hoping
        contact = self.contact_of.get(company_id)
        outcomes: dict[int, str] = {}
        day = applied
        last_contact: date | None = None
        event_ids: list[int] = []
        for number, key in enumerate(steps):
            final = number == len(steps) - 1
            outcome = last if final else "passed"
            if number:
                day = day + timedelta(days=rng.randint(1, 6))
            when = day if outcome == "scheduled" else min(day, today)
            stage = self.stage[key]
            self.event_id += 1
            event_ids.append(self.event_id)
            with_contact = contact is not None and number and rng.random() < 0.5
            checks = "[]"
            ticks = self.checks.get(key, [])
            if outcome == "failed" and ticks and rng.random() < 0.5:
                checks = json.dumps(rng.sample(ticks, min(2, len(ticks))))
            batch.events.append(
                (
                    self.event_id,
                    app_id,
                    stage.id,
                    outcome,
                    _ts(when, rng.choice((9, 10, 14, 21))),
                    None if outcome == "scheduled" else when.isoformat(),
                    float(rng.randint(60, 95)) if key == "exam" else None,
                    contact[1] if with_contact else "",
                    contact[0] if with_contact else None,
                    checks,
                    _ts(when, 18),
                    _ts(when, 18),
                )
            )
            batch.changes.append((app_id, stage.id, outcome, _ts(when, 18)))
            outcomes[stage.id] = outcome
            if outcome != "scheduled":
                last_contact = when
        unused = [self.stage[t].id for t in TESTS.values() if t != TESTS[kind]]
        batch.unused.extend((app_id, stage_id) for stage_id in unused)
        progress = compute_progress(self.catalogue, outcomes, unused, status)
        follow = self._follow_ups(app_id, event_ids[-1], last, day, batch)
        self._notes(app_id, event_ids, contact, day, batch)
        offered = status in ("offer", "accepted")
        salary = float(rng.choice((18000, 20000, 22000, 25000, 28000)))
        batch.applications.append(
            (
                app_id,
                company_id,
                position,
                account_type,
                rng.choice(SOURCES),
                "",
                applied.isoformat(),
                rng.choice(SITES).replace("-", " "),
                rng.choice(SHIFTS),
                salary,
                salary + 1500 if offered else None,
                status,
                "Stopped at the " + steps[-1].replace("-", " ") if status == "rejected" else "",
                last_contact.isoformat() if last_contact else None,
                f"{int(salary) + 1500:,} a month" if offered else "",
                progress.furthest_stage_id,
                progress.furthest_position,
                progress.furthest_outcome,
                progress.current_stage_id,
                progress.current_position,
                progress.current_state,
                follow,
                _ts(today, 12) if rng.random() < 0.005 else None,
                _ts(applied, 8),
                _ts(min(day, today), 18),
            )
        )
        self.counts["applications"] += 1
        self.counts["events"] += len(steps)

    def _follow_ups(
        self, app_id: int, event_id: int, outcome: str, day: date, batch: _Batch
    ) -> str | None:
        due: list[tuple[str, str, date]] = []
        if outcome in ("passed", "pending", "failed"):
            due.append(("thank-you", "Send a thank-you email", day + timedelta(days=1)))
        if outcome == "failed":
            due.append(("feedback-call", "Call to ask for feedback", day + timedelta(days=2)))
        if outcome == "pending":
            due.append(("check-in", "Check in about the result", day + timedelta(days=2)))
        if outcome == "scheduled":
            due.append(("interview-reminder", "Prepare for the interview", day))
        first_open: str | None = None
        for kind, title, when in due:
            done = when < self.today - timedelta(days=3)
            self.follow_up_id += 1
            stamp = _ts(when, 10)
            batch.follow_ups.append(
                (
                    self.follow_up_id,
                    app_id,
                    event_id,
                    kind,
                    title,
                    stamp,
                    "done" if done else "open",
                    f"{kind}:{event_id}",
                    _ts(when, 11) if done else None,
                    stamp,
                )
            )
            if not done and (first_open is None or stamp < first_open):
                first_open = stamp
        self.counts["follow_ups"] += len(due)
        return first_open

    def _notes(
        self,
        app_id: int,
        event_ids: list[int],
        contact: tuple[int, str] | None,
        day: date,
        batch: _Batch,
    ) -> None:
        rng = self.rng
        for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4))):
            self.note_id += 1
            kind = rng.choice(("tip", "feedback", "observation", "debrief", "question", "answer"))
            if rng.random() < 0.3:
                body = rng.choice(self.tips)
            else:
                body = " ".join(rng.choices(self.vocab, self.weights, k=rng.randint(6, 30)))
                body = body[0].upper() + body[1:] + "."
            fix = " ".join(rng.choices(self.vocab, self.weights, k=8)) if kind == "debrief" else ""
            stamp = _ts(min(day, self.today), 19, rng.randint(0, 59))
            batch.notes.append(
                (
                    self.note_id,
                    app_id,
                    rng.choice(event_ids),
                    contact[0] if contact and kind == "tip" else None,
                    kind,
                    body,
                    fix,
                    stamp,
                    stamp,
                )
            )
            if rng.random() < 0.5:
                for tag_id in rng.sample(self.tag_ids, rng.randint(1, 2)):
                    batch.note_tags.append((self.note_id, tag_id))
            self.counts["notes"] += 1


class _Batch:
    def __init__(self) -> None:
        self.applications: list[tuple[object, ...]] = []
        self.events: list[tuple[object, ...]] = []
        self.changes: list[tuple[object, ...]] = []
        self.unused: list[tuple[object, ...]] = []
        self.notes: list[tuple[object, ...]] = []
        self.note_tags: list[tuple[object, ...]] = []
        self.follow_ups: list[tuple[object, ...]] = []

    def write(self, conn: sqlite3.Connection) -> None:
        conn.executemany(
            "INSERT INTO applications (id, company_id, position, account_type, source, url, "
            "applied_on, site, shift, salary_expected, salary_offered, status, closing_reason, "
            "last_contact_on, offer_pay, furthest_stage_id, furthest_position, "
            "furthest_outcome, current_stage_id, current_position, current_state, "
            "next_follow_up_at, deleted_at, created_at, updated_at, offer_shift, offer_site, "
            "offer_notes, answer_ability, answer_motivation, answer_fit, answer_confidence, "
            "notes) VALUES (" + ", ".join("?" * 25) + ", '', '', '', '', '', '', '', '')",
            self.applications,
        )
        conn.executemany(
            "INSERT INTO stage_events (id, application_id, stage_id, outcome, scheduled_at, "
            "happened_on, score, interviewer, contact_id, checks, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.events,
        )
        conn.executemany(
            "INSERT INTO stage_changes (application_id, stage_id, outcome, changed_at) "
            "VALUES (?, ?, ?, ?)",
            self.changes,
        )
        conn.executemany(
            "INSERT INTO unused_stages (application_id, stage_id) VALUES (?, ?)", self.unused
        )
        conn.executemany(
            "INSERT INTO notes (id, application_id, stage_event_id, contact_id, kind, body, fix, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.notes,
        )
        conn.executemany("INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)", self.note_tags)
        conn.executemany(
            "INSERT INTO follow_ups (id, application_id, stage_event_id, kind, title, due_at, "
            "state, rule_key, done_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.follow_ups,
        )


def _fill(database: Path, size: int, rng: random.Random) -> dict[str, float]:
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN")
        generator = _Generator(conn, rng)
        generator.companies(size)
        generator.applications(size)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return {key: float(value) for key, value in generator.counts.items()}


if __name__ == "__main__":  # python tests/benchmarks/profiles.py 10000
    import sys

    for arg in sys.argv[1:]:
        print(ensure_profile(int(arg)))


def ensure_demo_profile() -> Path:
    """A profile of the app's own sample data (40 applications, as a new user explores it):
    the smallest size the start-up is judged at. Cached like the others."""
    root = cache_root() / f"demo-{schema_key()}"
    if (root / META).exists():
        return root
    from nextcall.services.demo import fill_demo

    building = root.with_name(f"{root.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    db = Database.open(resolve(building))
    try:
        summary = fill_demo(db)
    finally:
        db.close()
    (building / META).write_text(json.dumps({"applications": summary.applications}))
    try:
        os.replace(building, root)
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
    return root
