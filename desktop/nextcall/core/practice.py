"""Practice, the pure part: the question bank's keys, the drill order, self-scores on the
rubric, and the kinds of test score. No database here (services/practice.py stores them).

The question bank merges the playbook's questions with the user's own. Each question has one
stable *bank key*:

- a final-interview job-fit question: its playbook key as is (``night-shifts``), which is also
  what the PDF prep packet looks up (services/packet.py);
- a common first-interview question: ``interview:<key>`` (``interview:introduce-yourself``);
- a question to ask the employer: ``ask:<key>``;
- the user's own question: ``own:<id>``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from nextcall.core.errors import ValidationError
from nextcall.core.playbook_model import Playbook

JOB_FIT = "job-fit"
INTERVIEW = "interview"
TO_ASK = "ask"
OWN = "own"
CATEGORIES: tuple[str, ...] = (JOB_FIT, INTERVIEW, TO_ASK, OWN)
CATEGORY_LABELS: Mapping[str, str] = {
    JOB_FIT: "Final interview: will the job fit your life?",
    INTERVIEW: "First interviews: common questions",
    TO_ASK: "Questions you can ask them",
    OWN: "Your own questions",
}
FINAL = "final-interview"
SCORE_MIN, SCORE_MAX = 1, 5
ANSWER_MAX = 20_000
QUESTION_MAX = 500
COMMENT_MAX = 2_000
NOTES_MAX = 20_000
STALE_DAYS = 14  # a drill not practised for this long is worth another go

T = TypeVar("T")


# -- the question bank ----------------------------------------------------------------------


@dataclass(frozen=True)
class BankEntry:
    """A playbook question of the bank (the user's answer is stored separately)."""

    key: str  # bank key
    category: str
    text: str
    why: str  # why they ask it, or what a good answer does
    milestones: tuple[str, ...]
    areas: tuple[str, ...]


def bank_key(category: str, key: str | int) -> str:
    if category == JOB_FIT:
        return str(key)
    if category in (INTERVIEW, TO_ASK, OWN):
        return f"{category}:{key}"
    raise ValueError(f"unknown question category {category!r}")


def category_of(key: str) -> str:
    """The category a bank key belongs to (job-fit keys have no prefix)."""
    prefix, colon, _rest = key.partition(":")
    if not colon:
        return JOB_FIT
    if prefix in (INTERVIEW, TO_ASK, OWN):
        return prefix
    raise ValidationError(f"“{key}” is not a question of the bank.", "question")


def own_id(key: str) -> int:
    """The row id inside ``own:<id>``; a ValidationError for any other key."""
    prefix, _colon, rest = key.partition(":")
    if prefix != OWN or not rest.isdigit():
        raise ValidationError(f"“{key}” is not one of your own questions.", "question")
    return int(rest)


def playbook_bank(playbook: Playbook) -> tuple[BankEntry, ...]:
    """The playbook's questions in bank order: job fit, first interviews, questions to ask."""
    entries: list[BankEntry] = []
    final = next((m for m in playbook.milestones if m.key == FINAL), None)
    if final is not None:
        for q in final.job_fit_questions:
            areas = (q.area,) if q.area else ()
            entries.append(BankEntry(q.key, JOB_FIT, q.question, q.why, (FINAL,), areas))
    for item in playbook.questions:
        entries.append(
            BankEntry(
                bank_key(INTERVIEW, item.key),
                INTERVIEW,
                item.question,
                item.tip,
                item.milestones,
                item.areas,
            )
        )
    if final is not None:
        ask_areas = tuple(c.area for c in final.checks if c.key == "own-questions" and c.area)
        for ask in final.questions_to_ask:
            entries.append(
                BankEntry(
                    bank_key(TO_ASK, ask.key),
                    TO_ASK,
                    ask.question,
                    final.questions_to_ask_note or "",
                    (FINAL,),
                    ask_areas,
                )
            )
    return tuple(entries)


def drill_order(
    items: Iterable[T],
    confidence: Callable[[T], int | None],
    practised: Callable[[T], datetime | None],
) -> list[T]:
    """Weakest first (unrated counts as weakest), then least recently practised (never
    practised first), then the given order."""
    indexed = list(enumerate(items))
    indexed.sort(
        key=lambda pair: (
            confidence(pair[1]) or 0,
            practised(pair[1]) or datetime.min,
            pair[0],
        )
    )
    return [item for _index, item in indexed]


def check_confidence(value: int | None) -> int | None:
    if value is None:
        return None
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError(
            f"Confidence is rated from {SCORE_MIN} to {SCORE_MAX}; {value} is outside.",
            "confidence",
        )
    return value


# -- self-scores after a practice call ------------------------------------------------------


def check_scores(scores: Mapping[str, int], rubric_keys: Sequence[str]) -> dict[str, int]:
    """Every rubric item scored 1 to 5, nothing else; in rubric order."""
    unknown = sorted(set(scores) - set(rubric_keys))
    if unknown:
        raise ValidationError(f"Unknown rubric item(s): {', '.join(unknown)}.", "scores")
    missing = [key for key in rubric_keys if key not in scores]
    if missing:
        raise ValidationError(
            f"Score every item of the rubric; missing: {', '.join(missing)}.", "scores"
        )
    result: dict[str, int] = {}
    for key in rubric_keys:
        value = scores[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"The score for {key} must be a whole number.", "scores")
        if not SCORE_MIN <= value <= SCORE_MAX:
            raise ValidationError(
                f"Scores go from {SCORE_MIN} to {SCORE_MAX}; {key} has {value}.", "scores"
            )
        result[key] = value
    return result


def read_scores(text: str | None) -> dict[str, int]:
    """The stored JSON object of scores; anything unreadable or out of range is left out."""
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    result: dict[str, int] = {}
    for key, value in raw.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
            if math.isfinite(number) and SCORE_MIN <= number <= SCORE_MAX:
                result[str(key)] = round(number)
    return result


def average(scores: Mapping[str, int]) -> float | None:
    return sum(scores.values()) / len(scores) if scores else None


def weakest(
    scores: Mapping[str, int], order: Sequence[str], *, most: int = 2
) -> tuple[tuple[str, ...], int] | None:
    """The lowest-scored items (in rubric order) and their score. None when no item stands
    out: no scores, every item scored the same, or more than ``most`` tied for lowest."""
    if not scores:
        return None
    low = min(scores.values())
    if low == max(scores.values()):
        return None
    keys = [k for k in order if scores.get(k) == low]
    keys += [k for k, v in scores.items() if v == low and k not in order]
    if len(keys) > most:
        return None
    return tuple(keys), low


def trend(values: Sequence[float]) -> str | None:
    """'up', 'down' or 'flat': the latest value against the mean of the (up to) three before
    it; None with fewer than two values."""
    if len(values) < 2:
        return None
    before = values[-4:-1]
    delta = values[-1] - sum(before) / len(before)
    if delta >= 0.3:
        return "up"
    if delta <= -0.3:
        return "down"
    return "flat"


# -- test scores ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TestKind:
    __test__ = False  # not a pytest class, despite the name

    key: str
    label: str
    value_label: str
    unit: str
    has_accuracy: bool
    max_value: float
    areas: tuple[str, ...]
    milestones: tuple[str, ...]

    def describe(self, value: float, accuracy: float | None) -> str:
        """'42 wpm at 95% accuracy', '78 points'."""
        text = f"{value:g} {self.unit}".rstrip() if self.unit != "%" else f"{value:g}%"
        if accuracy is not None and self.has_accuracy:
            text += f" at {accuracy:g}% accuracy"
        return text


TEST_KINDS: tuple[TestKind, ...] = (
    TestKind(
        "typing",
        "Typing speed",
        "Words per minute",
        "wpm",
        True,
        250,
        ("typing",),
        ("exam", "customer-service-test"),
    ),
    TestKind(
        "english",
        "English test",
        "Score",
        "points",
        False,
        1000,
        ("english-grammar", "reading-comprehension", "written-english"),
        ("exam",),
    ),
    TestKind(
        "exam",
        "Exam result",
        "Score (%)",
        "%",
        False,
        100,
        ("logical-reasoning", "computer-skills", "reading-comprehension"),
        ("exam",),
    ),
    # Timed drill sets taken in the app (core/drills.py): percent correct.
    *(
        TestKind(key, label, "Score (%)", "%", False, 100, areas, ("exam",))
        for key, label, areas in (
            ("grammar", "Grammar drill", ("english-grammar", "written-english")),
            ("vocabulary", "Vocabulary drill", ("english-grammar", "written-english")),
            ("reading", "Reading drill", ("reading-comprehension",)),
            ("numbers", "Numbers drill", ("logical-reasoning",)),
            ("logic", "Logic drill", ("logical-reasoning",)),
            ("aptitude", "Mixed aptitude drill", ("logical-reasoning", "english-grammar")),
        )
    ),
    # The speech coach (core/speech.py): the pace in words a minute; dead air and the rest
    # are in the details.
    TestKind(
        "speech",
        "Speech coach",
        "Words per minute",
        "wpm",
        False,
        400,
        ("speaking-pace", "voice-volume", "pronunciation", "confidence"),
        ("phone-interview", "in-person-interview", "mock-call", "final-interview"),
    ),
)


def score_kind(key: str) -> TestKind:
    for kind in TEST_KINDS:
        if kind.key == key:
            return kind
    names = ", ".join(k.key for k in TEST_KINDS)
    raise ValidationError(f"“{key}” is not a kind of test score; use one of: {names}.", "kind")


def check_test_score(
    kind: TestKind, value: float | None, accuracy: float | None, taken_on: date | None, today: date
) -> None:
    if value is None:
        raise ValidationError(f"{kind.value_label} is required.", "value")
    if not 0 <= value <= kind.max_value:
        raise ValidationError(
            f"{kind.value_label} must be between 0 and {kind.max_value:g}.", "value"
        )
    if accuracy is not None:
        if not kind.has_accuracy:
            raise ValidationError(f"{kind.label} has no accuracy figure.", "accuracy")
        if not 0 <= accuracy <= 100:
            raise ValidationError("Accuracy is a percentage, from 0 to 100.", "accuracy")
    if taken_on is None:
        raise ValidationError("The date of the test is required.", "taken_on")
    if taken_on > today:
        raise ValidationError(f"{taken_on.isoformat()} is in the future.", "taken_on")


DETAILS_MAX = 4_000  # characters of the stored JSON


def check_details(details: Mapping[str, object]) -> str:
    """A test score's details as the JSON stored: an object of short names to numbers, texts,
    booleans or null, or to a short list of those or of such flat objects (a drill set's
    items: key, answer given, right or wrong)."""
    clean: dict[str, object] = {}
    for key, value in details.items():
        if not isinstance(key, str) or not key or len(key) > 40:
            raise ValidationError("A detail of the score has an unusable name.", "details")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValidationError(f"The detail {key} is not a number.", "details")
        if isinstance(value, list):
            if not _plain_list(value):
                raise ValidationError(f"The detail {key} is not a short, flat list.", "details")
        elif value is not None and not isinstance(value, str | int | float | bool):
            raise ValidationError(f"The detail {key} must be a number or a text.", "details")
        clean[key] = value
    text = json.dumps(clean, ensure_ascii=False, sort_keys=True)
    if len(text) > DETAILS_MAX:
        raise ValidationError("The details of the score are too long.", "details")
    return text


def read_details(text: str | None) -> dict[str, object]:
    """The stored details; anything unreadable gives an empty object (never an error)."""
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): v for k, v in raw.items() if _plain(v) or _plain_list(v)}


DETAILS_LIST_MAX = 40


def _plain_list(value: object) -> bool:
    """A list of at most 40 plain values or flat objects of plain values."""
    if not isinstance(value, list) or len(value) > DETAILS_LIST_MAX:
        return False
    return all(
        _plain(v)
        or (isinstance(v, dict) and all(isinstance(k, str) and _plain(x) for k, x in v.items()))
        for v in value
    )


def _plain(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, str | int | bool)
