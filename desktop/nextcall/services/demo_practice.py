"""Sample practice for the demo profile: prepared answers, a few mock calls scored on the
rubric (one scenario still weak), and typing, English and exam scores that improve."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.playbook import load_playbook
from nextcall.core.practice import INTERVIEW, OWN, bank_key, playbook_bank
from nextcall.store.models import (
    Application,
    PracticeSession,
    Question,
    Stage,
    StageEvent,
    TestScore,
)

# (bank key, answer, confidence, days since last practised or None)
ANSWERS = (
    (
        "weekends",
        "Yes. I have no commitments on weekends, and I understand they are busy days for "
        "the accounts you serve.",
        5,
        3,
    ),
    (
        "night-shifts",
        "Yes, including the graveyard shift. I live twenty minutes away by jeepney and I "
        "have already worked nights in my last job at a bakery.",
        4,
        3,
    ),
    (
        "salary",
        "The range you mentioned works for me. I would like to know how the night "
        "differential and the incentives are paid.",
        3,
        9,
    ),
    (
        "commitment",
        "I want to stay at least two years, learn the account well and grow into a "
        "subject-matter expert.",
        4,
        None,
    ),
    (
        bank_key(INTERVIEW, "introduce-yourself"),
        "Good morning, I'm Ana Reyes. I finished two years of business administration and "
        "worked a year at the counter of a phone shop, helping customers pick plans. People "
        "tell me I stay patient when things get hard. I want to work in a call center because "
        "I enjoy solving problems and speaking English every day.",
        2,
        16,
    ),
    (
        bank_key(INTERVIEW, "why-call-center"),
        "I like helping people fix things, and I want a job where my English keeps improving.",
        3,
        None,
    ),
)
OWN_QUESTION = (
    "How would you handle a customer who talks very fast?",
    "Ask them politely to slow down, repeat the key details back, and confirm before acting.",
    2,
)
# (scenario key, days ago, minutes, scores in rubric order, comment)
SESSIONS = (
    ("irate-customer", 20, 6, (2, 2, 3, 2, 2, 3), "Froze when he raised his voice."),
    ("inbound-request", 17, 5, (4, 3, 4, 3, 4, 4), "Forgot to read the address back."),
    ("irate-customer", 12, 7, (3, 2, 3, 2, 3, 3), "Better opening; still interrupted twice."),
    ("sell-upgrade", 8, 5, (3, 3, 3, 4, 3, 3), "Gave up after the first no."),
    ("inbound-request", 5, 4, (4, 4, 5, 4, 4, 4), "Smooth; verified the caller first."),
    ("irate-customer", 2, 6, (3, 3, 3, 3, 2, 3), "Apologised, but sounded rushed."),
)
RUBRIC = ("greeting", "listening", "solution", "clarity", "empathy", "closing")
# (kind, days ago, value, accuracy)
SCORES = (
    ("typing", 30, 31.0, 89.0),
    ("typing", 22, 34.0, 91.0),
    ("typing", 15, 36.0, 92.0),
    ("typing", 8, 39.0, 94.0),
    ("typing", 1, 42.0, 95.0),
    ("english", 25, 72.0, None),
    ("english", 6, 79.0, None),
)


def add_practice(s: Session, today: date) -> None:
    stamp = datetime.combine(today, time(20, 15))
    bank = {entry.key: entry for entry in playbook_bank(load_playbook())}
    for key, answer, confidence, days in ANSWERS:
        s.add(
            Question(
                playbook_key=key,
                category=bank[key].category,
                text=bank[key].text,
                answer=answer,
                confidence=confidence,
                last_practised_at=stamp - timedelta(days=days) if days is not None else None,
            )
        )
    question, answer, confidence = OWN_QUESTION
    s.add(
        Question(
            playbook_key=None, category=OWN, text=question, answer=answer, confidence=confidence
        )
    )
    for scenario, days, minutes, scores, comment in SESSIONS:
        s.add(
            PracticeSession(
                scenario_key=scenario,
                started_at=datetime.combine(today - timedelta(days=days), time(19, 30)),
                duration_s=minutes * 60 + 20,
                scores=json.dumps(dict(zip(RUBRIC, scores, strict=True))),
                comment=comment,
                notes="",
                recording="",
            )
        )
    for kind, days, value, accuracy in SCORES:
        s.add(
            TestScore(
                kind=kind, value=value, accuracy=accuracy, taken_on=today - timedelta(days=days)
            )
        )
    exam = s.execute(
        select(StageEvent.id, StageEvent.application_id, StageEvent.score, StageEvent.happened_on)
        .join(Stage, Stage.id == StageEvent.stage_id)
        .join(Application, Application.id == StageEvent.application_id)
        .where(Stage.key == "exam", StageEvent.score.is_not(None))
        .order_by(StageEvent.happened_on.desc())
        .limit(1)
    ).first()
    if exam is not None:
        event_id, app_id, score, day = exam
        s.add(
            TestScore(
                kind="exam",
                value=score,
                accuracy=None,
                taken_on=day or today,
                application_id=app_id,
                stage_event_id=event_id,
                notes="Grammar and reading went well; the logic items were slow.",
            )
        )
