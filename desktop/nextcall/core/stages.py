"""Stage and status vocabulary shared by every layer (pure Python)."""

from __future__ import annotations

from enum import StrEnum

MILESTONE_KEYS: tuple[str, ...] = (
    "application",
    "phone-interview",
    "in-person-interview",
    "exam",
    "mock-call",
    "sales-test",
    "customer-service-test",
    "tech-support-test",
    "final-interview",
    "job-offer",
)


class Status(StrEnum):
    ACTIVE = "active"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_open(self) -> bool:
        return self in (Status.ACTIVE, Status.OFFER)


class Outcome(StrEnum):
    SCHEDULED = "scheduled"
    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    NO_SHOW = "no-show"

    @property
    def label(self) -> str:
        return "No-show" if self is Outcome.NO_SHOW else self.value.capitalize()


# An application "reached" a milestone when it was invited to it, whatever happened there.
REACHED_OUTCOMES: frozenset[Outcome] = frozenset(
    {Outcome.SCHEDULED, Outcome.PENDING, Outcome.PASSED, Outcome.FAILED, Outcome.NO_SHOW}
)


class NoteKind(StrEnum):
    TIP = "tip"
    FEEDBACK = "feedback"
    OBSERVATION = "observation"
    DEBRIEF = "debrief"
    QUESTION = "question"
    ANSWER = "answer"

    @property
    def label(self) -> str:
        return {
            NoteKind.TIP: "Interviewer tip",
            NoteKind.FEEDBACK: "Feedback after rejection",
            NoteKind.OBSERVATION: "Own observation",
            NoteKind.DEBRIEF: "Debrief item",
            NoteKind.QUESTION: "Question asked",
            NoteKind.ANSWER: "Answer prepared",
        }[self]


class FollowUpKind(StrEnum):
    THANK_YOU = "thank-you"
    FEEDBACK_CALL = "feedback-call"
    CHECK_IN = "check-in"
    KEEP_ON_FILE = "keep-on-file"
    REAPPLY = "reapply"
    INTERVIEW_REMINDER = "interview-reminder"
    CUSTOM = "custom"


class FollowUpState(StrEnum):
    OPEN = "open"
    DONE = "done"
    DISMISSED = "dismissed"
