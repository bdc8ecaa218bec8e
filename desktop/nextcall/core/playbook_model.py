"""The playbook's shapes: frozen dataclasses and the stable keys the rest of the app relies on.

Import these from :mod:`nextcall.core.playbook`, which re-exports them next to the loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ACCOUNT_DEPENDENT_KEYS: frozenset[str] = frozenset(
    {"sales-test", "customer-service-test", "tech-support-test"}
)
TEMPLATE_KEYS: tuple[str, ...] = (
    "thank-you-email",
    "feedback-request-email",
    "closing-question",
    "feedback-call",
    "keep-cv-on-file",
)
GUIDE_KEYS: tuple[str, ...] = (
    "pipeline",
    "feedback-habit",
    "second-interview",
    "follow-up-timing",
    "panel-weighs",
    "mindset",
    "application-volume",
)
PANEL_FACTOR_KEYS: tuple[str, ...] = ("ability", "motivation", "fit", "confidence")
# The self-score items after a practice call, in order (stored in every practice session).
RUBRIC_KEYS: tuple[str, ...] = (
    "greeting",
    "listening",
    "solution",
    "clarity",
    "empathy",
    "closing",
)
SHORT_LABEL_MAX = 14
CHECK_LABEL_MAX = 28  # a check's label, short enough for the funnel's sentence


class TemplateError(ValueError):
    """A template was rendered with unknown or missing placeholder values."""


@dataclass(frozen=True)
class ImprovementArea:
    key: str
    name: str
    description: str
    practice: str


@dataclass(frozen=True)
class CheckItem:
    """One "if it stopped here, check" item (or an offer-checklist item).

    ``text`` is the full question shown in the checklist; ``label`` a short noun phrase that
    names the item inside a sentence ("voice volume", "posture and smile").
    """

    key: str
    text: str
    label: str
    area: str | None = None


@dataclass(frozen=True)
class JobFitQuestion:
    key: str
    question: str
    why: str
    area: str | None = None  # the improvement area a weak answer points to


@dataclass(frozen=True)
class Question:
    key: str
    question: str


@dataclass(frozen=True)
class Milestone:
    key: str
    number: int  # 1-based position in the usual order
    name: str
    short: str
    account_dependent: bool
    what_happens: str
    success: str
    how_to_prepare: tuple[str, ...]
    checks: tuple[CheckItem, ...]
    job_fit_questions: tuple[JobFitQuestion, ...] = ()
    questions_to_ask: tuple[Question, ...] = ()
    questions_to_ask_note: str | None = None
    offer_checklist: tuple[CheckItem, ...] = ()


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    caller: str
    goal: str
    good_call: tuple[str, ...]
    areas: tuple[str, ...]
    milestones: tuple[str, ...] = ()  # the milestones it prepares for


@dataclass(frozen=True)
class RubricItem:
    """One self-score item after a practice call (scored 1 to 5)."""

    key: str
    name: str
    description: str


@dataclass(frozen=True)
class InterviewQuestion:
    """A common question of the first interviews, for the question bank."""

    key: str
    question: str
    tip: str
    milestones: tuple[str, ...]
    areas: tuple[str, ...]


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str


@dataclass(frozen=True)
class RenderedTemplate:
    subject: str | None
    body: str

    @property
    def text(self) -> str:
        """Subject line (for emails) and body, ready to copy."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    kind: Literal["email", "script"]
    when: str
    subject: str | None
    body: str
    placeholders: frozenset[str]  # the names this template uses
    declared: frozenset[str]  # every name the playbook declares

    def render(self, **values: str) -> RenderedTemplate:
        """Fill the placeholders. Extra declared names are ignored; unknown or missing fail."""
        unknown = sorted(set(values) - self.declared)
        if unknown:
            names = ", ".join(f"{{{name}}}" for name in unknown)
            raise TemplateError(f"template {self.key!r}: unknown placeholder(s) {names}")
        missing = sorted(self.placeholders - set(values))
        if missing:
            names = ", ".join(f"{{{name}}}" for name in missing)
            raise TemplateError(f"template {self.key!r}: missing value(s) for {names}")
        subject = self.subject.format_map(values) if self.subject is not None else None
        return RenderedTemplate(subject=subject, body=self.body.format_map(values))


@dataclass(frozen=True)
class GuidePoint:
    key: str
    title: str
    text: str
    prompt: str | None = None


@dataclass(frozen=True)
class Guide:
    key: str
    title: str
    intro: str
    points: tuple[GuidePoint, ...]


@dataclass(frozen=True)
class PanelFactor:
    """One of the four things a panel weighs, with a prompt for the applicant's own answer."""

    key: str
    label: str
    text: str
    prompt: str


@dataclass(frozen=True)
class Playbook:
    milestones: tuple[Milestone, ...]
    areas: tuple[ImprovementArea, ...]
    scenarios: tuple[Scenario, ...]
    placeholders: tuple[Placeholder, ...]
    templates: tuple[Template, ...]
    guides: tuple[Guide, ...]
    rubric: tuple[RubricItem, ...] = ()
    questions: tuple[InterviewQuestion, ...] = ()

    def milestone(self, key: str) -> Milestone:
        for item in self.milestones:
            if item.key == key:
                return item
        raise KeyError(f"no milestone {key!r}")

    def area(self, key: str) -> ImprovementArea:
        for item in self.areas:
            if item.key == key:
                return item
        raise KeyError(f"no improvement area {key!r}")

    def scenario(self, key: str) -> Scenario:
        for item in self.scenarios:
            if item.key == key:
                return item
        raise KeyError(f"no scenario {key!r}")

    def template(self, key: str) -> Template:
        for item in self.templates:
            if item.key == key:
                return item
        raise KeyError(f"no template {key!r}")

    def guide(self, key: str) -> Guide:
        for item in self.guides:
            if item.key == key:
                return item
        raise KeyError(f"no guide {key!r}")

    @property
    def panel_factors(self) -> tuple[PanelFactor, ...]:
        return tuple(
            PanelFactor(key=p.key, label=p.title, text=p.text, prompt=p.prompt or "")
            for p in self.guide("panel-weighs").points
        )
