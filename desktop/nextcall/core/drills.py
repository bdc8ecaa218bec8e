"""Timed grammar, vocabulary, reading, number and logic drills: the bundled bank, which items
make up a set, and how a set is scored.

The items live in TOML files under ``resources/drills/`` (shipped as ``nextcall.resources``),
read and checked like the playbook: a broken file fails with the file, the item and the field
(``grammar.toml: items[3] (tense-past-simple).answer: 'went' is not one of the choices``).

A set puts the items the user missed first (more misses, and more recent ones, weigh more),
then items never seen, then the rest, least recently seen first; no item twice. Pure Python:
no Qt, no database.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib.resources.abc import Traversable
from pathlib import Path

from nextcall.core.playbook_schema import PlaybookError, Table, read_toml, unique_keys
from nextcall.core.resources import resource

KINDS: tuple[str, ...] = ("grammar", "vocabulary", "reading", "numbers", "logic")
MIXED = "aptitude"  # a set drawn from every kind, saved under this test kind
SET_SIZES: tuple[int, ...] = (10, 20)
SECONDS_PER_ITEM = 45
TARGET_PERCENT = 80  # aim for 8 of 10 before the exam (a common aptitude test's average is half)
TEST_MILESTONES = ("exam", "sales-test", "customer-service-test", "tech-support-test")
DIRECTORY = "drills"

PROMPT_MAX = 300
CHOICE_MAX = 120
EXPLANATION_MAX = 200
TITLE_MAX = 80
PASSAGE_MAX = 1200
MIN_CHOICES, MAX_CHOICES = 3, 4
MIN_QUESTIONS, MAX_QUESTIONS = 2, 4  # per reading passage

MISS_HALF_LIFE_DAYS = 14.0  # a miss counts half as much two weeks later
RIGHT_SINCE_FACTOR = 0.5  # answered right after the last miss: it weighs half


class DrillBankError(PlaybookError):
    """A drill file is unreadable or inconsistent; the message names file, item and field."""


@dataclass(frozen=True)
class Passage:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class DrillItem:
    key: str
    kind: str
    prompt: str
    choices: tuple[str, ...]
    answer: str
    explanation: str
    passage: str | None = None  # the key of the reading passage the question is about


@dataclass(frozen=True)
class DrillBank:
    items: tuple[DrillItem, ...]
    passages: Mapping[str, Passage]

    def of_kind(self, kind: str) -> tuple[DrillItem, ...]:
        """The items of one kind, or all of them for the mixed set."""
        if kind == MIXED:
            return self.items
        return tuple(i for i in self.items if i.kind == kind)

    def item(self, key: str) -> DrillItem | None:
        return next((i for i in self.items if i.key == key), None)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}


@dataclass(frozen=True)
class ItemStat:
    """How an item has gone so far (from the drill_stats table)."""

    seen: int = 0
    missed: int = 0
    last_seen: datetime | None = None
    last_missed: datetime | None = None


# -- loading --------------------------------------------------------------------------------


def _located(table: Table, key: str, exc: PlaybookError) -> DrillBankError:
    """Name the item by its key as well as its position."""
    rest = exc.path[len(table.path) :] if exc.path.startswith(table.path) else f".{exc.path}"
    return DrillBankError(exc.file, f"{table.path} ({key}){rest}", exc.problem)


def _passages(root: Table) -> list[Passage]:
    tables = root.opt_tables("passages")
    unique_keys(tables)
    result = []
    for t in tables:
        key = t.key()
        try:
            result.append(
                Passage(
                    key=key,
                    title=t.text("title", max_length=TITLE_MAX),
                    text=t.text("text", multiline=True, max_length=PASSAGE_MAX),
                )
            )
            t.finish()
        except PlaybookError as exc:
            raise _located(t, key, exc) from None
    return result


def _item(t: Table, key: str, passages: Mapping[str, Passage]) -> DrillItem:
    kind = t.text("kind")
    if kind not in KINDS:
        raise t.error("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    prompt = t.text("prompt", multiline=True, max_length=PROMPT_MAX)
    choices = t.texts("choices", min_items=MIN_CHOICES, max_items=MAX_CHOICES)
    for i, choice in enumerate(choices):
        if len(choice) > CHOICE_MAX:
            raise t.error(f"choices[{i}]", f"too long ({len(choice)} characters, at most 120)")
        if choice.casefold() in (c.casefold() for c in choices[:i]):
            raise t.error(f"choices[{i}]", f"{choice!r} is listed twice")
    answer = t.text("answer")
    if answer not in choices:
        raise t.error("answer", f"{answer!r} is not one of the choices")
    explanation = t.text("explanation", max_length=EXPLANATION_MAX)
    passage = t.opt_key("passage")
    if kind == "reading":
        if passage is None:
            raise t.error("passage", "missing (a reading question names its passage)")
        if passage not in passages:
            raise t.error("passage", f"unknown passage {passage!r}")
    elif passage is not None:
        raise t.error("passage", "only reading questions have a passage")
    t.finish()
    return DrillItem(key, kind, prompt, choices, answer, explanation, passage)


def _read_file(
    directory: Traversable | Path, name: str, seen: dict[str, str]
) -> tuple[list[DrillItem], list[Passage]]:
    root = read_toml(directory, name)
    passages = _passages(root)
    by_key = {p.key: p for p in passages}
    tables = root.tables("items")
    root.finish()
    unique_keys(tables)
    items = []
    for t in tables:
        key = t.key()
        if key in seen:
            raise t.error("key", f"duplicate key {key!r} (already used in {seen[key]})")
        seen[key] = name
        try:
            items.append(_item(t, key, by_key))
        except PlaybookError as exc:
            raise _located(t, key, exc) from None
    for passage in passages:
        asked = sum(1 for i in items if i.passage == passage.key)
        if not MIN_QUESTIONS <= asked <= MAX_QUESTIONS:
            raise DrillBankError(
                name,
                f"passages ({passage.key})",
                f"has {asked} questions, expected {MIN_QUESTIONS} to {MAX_QUESTIONS}",
            )
    return items, passages


def load_drills_from(directory: Traversable | Path) -> DrillBank:
    """Every ``*.toml`` in ``directory``, in name order; keys are unique across files."""
    names = sorted(
        entry.name
        for entry in directory.iterdir()
        if entry.name.endswith(".toml") and entry.is_file()
    )
    if not names:
        raise DrillBankError(DIRECTORY, "", "no drill files found")
    items: list[DrillItem] = []
    passages: dict[str, Passage] = {}
    seen_items: dict[str, str] = {}
    for name in names:
        try:
            file_items, file_passages = _read_file(directory, name, seen_items)
        except DrillBankError:
            raise
        except PlaybookError as exc:  # a file-level problem (syntax, a duplicate key)
            raise DrillBankError(exc.file, exc.path, exc.problem) from None
        for passage in file_passages:
            if passage.key in passages:
                raise DrillBankError(name, f"passages ({passage.key})", "duplicate passage key")
            passages[passage.key] = passage
        items += file_items
    return DrillBank(tuple(items), passages)


@functools.cache
def load_drills() -> DrillBank:
    """The bundled bank (read once per process)."""
    return load_drills_from(resource(DIRECTORY))


# -- choosing a set -------------------------------------------------------------------------


def miss_weight(stat: ItemStat | None, now: datetime) -> float:
    """How urgently a missed item should come back: each miss counts, recent ones more."""
    if stat is None or stat.missed <= 0:
        return 0.0
    days = 0.0
    if stat.last_missed is not None:
        days = max(0.0, (now - stat.last_missed).total_seconds() / 86400)
    weight = stat.missed * math.pow(0.5, days / MISS_HALF_LIFE_DAYS)
    last_seen, last_missed = stat.last_seen, stat.last_missed
    if last_seen is not None and last_missed is not None and last_seen > last_missed:
        weight *= RIGHT_SINCE_FACTOR
    return weight


def pick_set(
    items: Sequence[DrillItem],
    stats: Mapping[str, ItemStat],
    size: int,
    now: datetime,
    rng: random.Random | None = None,
) -> list[DrillItem]:
    """Up to ``size`` different items: missed ones first (heaviest first), then never seen,
    then the rest (least recently seen first); ties in random order. Questions on the same
    passage are then put next to each other."""
    if size <= 0:
        return []
    rng = rng or random.Random()
    unique = list({i.key: i for i in items}.values())
    order = {i.key: rng.random() for i in unique}
    missed, fresh, rest = [], [], []
    for item in unique:
        stat = stats.get(item.key)
        if miss_weight(stat, now) > 0:
            missed.append(item)
        elif stat is None or stat.seen <= 0:
            fresh.append(item)
        else:
            rest.append(item)
    missed.sort(key=lambda i: (-miss_weight(stats.get(i.key), now), order[i.key]))
    fresh.sort(key=lambda i: order[i.key])
    rest.sort(key=lambda i: (stats[i.key].last_seen or datetime.min, order[i.key]))
    chosen = (missed + fresh + rest)[:size]
    return group_passages(chosen)


def group_passages(items: Iterable[DrillItem]) -> list[DrillItem]:
    """Keep the order, but questions on one passage follow the first of them."""
    result: list[DrillItem] = []
    placed: set[str] = set()
    listed = list(items)
    for item in listed:
        if item.key in placed:
            continue
        group = [item]
        if item.passage is not None:
            group += [i for i in listed if i.passage == item.passage and i.key != item.key]
        for i in group:
            if i.key not in placed:
                placed.add(i.key)
                result.append(i)
    return result


def time_limit(count: int) -> int:
    """Seconds allowed for a set of ``count`` items."""
    return count * SECONDS_PER_ITEM


# -- scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    item: DrillItem
    given: str | None  # None: not answered (time ran out)

    @property
    def correct(self) -> bool:
        return self.given == self.item.answer


@dataclass(frozen=True)
class SetScore:
    marked: tuple[Marked, ...]

    @property
    def total(self) -> int:
        return len(self.marked)

    @property
    def correct(self) -> int:
        return sum(1 for m in self.marked if m.correct)

    @property
    def answered(self) -> int:
        return sum(1 for m in self.marked if m.given is not None)

    @property
    def percent(self) -> float:
        """Percent correct, to one decimal (unanswered items count as wrong)."""
        return round(100 * self.correct / self.total, 1) if self.total else 0.0


def score_set(items: Sequence[DrillItem], answers: Mapping[str, str | None]) -> SetScore:
    """Mark every item of the set; an answer that is not one of its choices counts as wrong."""
    return SetScore(tuple(Marked(item, answers.get(item.key)) for item in items))


def kind_label(kind: str) -> str:
    """'grammar set', 'mixed aptitude set' (for sentences)."""
    return "mixed aptitude set" if kind == MIXED else f"{kind} set"


def check_kind(kind: str) -> str:
    if kind not in (*KINDS, MIXED):
        raise ValueError(f"{kind!r} is not a drill kind")
    return kind
