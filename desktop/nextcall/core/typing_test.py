"""The typing test, the pure part: scoring what was typed against the passage, and the bundled
passages (resources/typing/passages.toml, checked on load like the playbook).

Scoring follows the usual convention of typing tests: a *word* is 5 characters (spaces and
punctuation included); **gross** words a minute count every character typed; **net** deducts
the errors left uncorrected (one a character) per minute, and is never below 0; **accuracy**
is the share of the characters compared that were right. The typed text is aligned with the
passage (difflib), so a character left out or typed twice is one error, not a wrong rest of
the line. The part of the passage the user never reached is not counted.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from nextcall.core.playbook_schema import PlaybookError, read_toml, unique_keys
from nextcall.core.resources import resource

CHARS_PER_WORD = 5
DURATIONS: tuple[int, ...] = (60, 180, 300)  # 1, 3 or 5 minutes
DEFAULT_DURATION = 60
MIN_SECONDS = 15  # a test stopped sooner is not saved
OWN = "own"  # details["passage"] for a passage the user pasted
PASSAGES_FILE = "passages.toml"
PASSAGE_MIN, PASSAGE_MAX = 200, 2_000
OWN_MAX = 20_000
LOOKAHEAD = 40  # passage characters beyond the typed length the alignment may use
CHARS_A_MINUTE_CEILING = 500  # 100 wpm: a test text is at least this long a minute

Mark = Literal["ok", "wrong", "extra", "missing"]


@dataclass(frozen=True)
class Segment:
    """A run of the passage (or of typed text, for ``extra``) with one mark.

    ``ok``: typed as written; ``wrong``: typed as ``typed`` instead of ``text``; ``extra``:
    ``text`` was typed but is not in the passage; ``missing``: ``text`` of the passage was
    left out."""

    mark: Mark
    text: str
    typed: str = ""


@dataclass(frozen=True)
class TypingResult:
    typed_chars: int
    correct: int
    wrong: int
    extra: int
    missing: int
    seconds: float
    segments: tuple[Segment, ...]
    reached: int  # passage characters reached (compared)

    @property
    def errors(self) -> int:
        return self.wrong + self.extra + self.missing

    @property
    def minutes(self) -> float:
        return self.seconds / 60.0

    @property
    def gross_wpm(self) -> float:
        return gross_wpm(self.typed_chars, self.seconds)

    @property
    def net_wpm(self) -> float:
        if self.seconds <= 0:
            return 0.0
        return max(0.0, self.gross_wpm - self.errors / self.minutes)

    @property
    def accuracy(self) -> float:
        """0 to 1: right characters among all compared (right, wrong, extra, missing)."""
        compared = self.correct + self.errors
        return self.correct / compared if compared else 0.0

    def details(self, passage_key: str) -> dict[str, object]:
        """What a saved test score keeps beside its value (services/practice.py)."""
        return {
            "gross_wpm": round(self.gross_wpm, 1),
            "net_wpm": round(self.net_wpm, 1),
            "accuracy": round(self.accuracy, 4),
            "seconds": round(self.seconds, 1),
            "passage": passage_key,
        }


def gross_wpm(typed_chars: int, seconds: float) -> float:
    """Characters typed / 5 per minute (the live figure while typing)."""
    if seconds <= 0:
        return 0.0
    return typed_chars / CHARS_PER_WORD / (seconds / 60.0)


def _add(segments: list[Segment], mark: Mark, text: str, typed: str = "") -> None:
    if not text:
        return
    last = segments[-1] if segments else None
    if last is not None and last.mark == mark:
        segments[-1] = Segment(mark, last.text + text, last.typed + typed)
    else:
        segments.append(Segment(mark, text, typed))


def score(passage: str, typed: str, seconds: float) -> TypingResult:
    """Score ``typed`` against ``passage`` after ``seconds`` of typing."""
    window = passage[: len(typed) + LOOKAHEAD]
    ops = SequenceMatcher(None, window, typed, autojunk=False).get_opcodes()
    # Passage text after the last typed character was not reached: not an error. Trailing
    # deletions go; a trailing replacement keeps only as much passage as was typed.
    while ops and ops[-1][0] == "delete":
        ops.pop()
    if ops and ops[-1][0] == "replace":
        tag, i1, i2, j1, j2 = ops[-1]
        ops[-1] = (tag, i1, min(i2, i1 + (j2 - j1)), j1, j2)
    segments: list[Segment] = []
    correct = wrong = extra = missing = 0
    reached = 0
    for tag, i1, i2, j1, j2 in ops:
        reached = max(reached, i2)
        if tag == "equal":
            correct += i2 - i1
            _add(segments, "ok", window[i1:i2])
        elif tag == "delete":
            missing += i2 - i1
            _add(segments, "missing", window[i1:i2])
        elif tag == "insert":
            extra += j2 - j1
            _add(segments, "extra", typed[j1:j2])
        else:  # replace: pair them up, the surplus is missing or extra
            pairs = min(i2 - i1, j2 - j1)
            wrong += pairs
            _add(segments, "wrong", window[i1 : i1 + pairs], typed[j1 : j1 + pairs])
            if i2 - i1 > pairs:
                missing += i2 - i1 - pairs
                _add(segments, "missing", window[i1 + pairs : i2])
            if j2 - j1 > pairs:
                extra += j2 - j1 - pairs
                _add(segments, "extra", typed[j1 + pairs : j2])
    return TypingResult(
        typed_chars=len(typed),
        correct=correct,
        wrong=wrong,
        extra=extra,
        missing=missing,
        seconds=max(0.0, seconds),
        segments=tuple(segments),
        reached=reached,
    )


def clean_own(text: str) -> str:
    """A pasted passage as one line: runs of whitespace (line breaks too) become one space."""
    return " ".join(text.split())


# -- the bundled passages -------------------------------------------------------------------

KINDS = {"email": "Customer email", "chat": "Chat reply", "note": "Account note"}


@dataclass(frozen=True)
class Passage:
    key: str
    kind: str  # email, chat, note
    title: str
    text: str


def load_passages_from(directory: Traversable | Path) -> tuple[Passage, ...]:
    """Read and check ``passages.toml``; a PlaybookError names the file, key and problem."""
    root = read_toml(directory, PASSAGES_FILE)
    tables = root.tables("passages", min_items=12)
    root.finish()
    keys = unique_keys(tables)
    result = []
    seen: set[str] = set()
    for t, key in zip(tables, keys, strict=True):
        kind = t.text("kind")
        if kind not in KINDS:
            raise t.error("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
        title = t.text("title", max_length=80)
        text = clean_own(t.text("text", multiline=True))
        if not PASSAGE_MIN <= len(text) <= PASSAGE_MAX:
            raise t.error(
                "text", f"{len(text)} characters; keep it from {PASSAGE_MIN} to {PASSAGE_MAX}"
            )
        if not text.isascii():
            raise t.error("text", "use characters found on every keyboard (plain ASCII)")
        if text in seen:
            raise t.error("text", "the same text as another passage")
        seen.add(text)
        t.finish()
        result.append(Passage(key, kind, title, text))
    return tuple(result)


@functools.cache
def load_passages() -> tuple[Passage, ...]:
    return load_passages_from(resource("typing"))


def text_for_test(passages: Sequence[Passage], start: int, seconds: int) -> tuple[str, str]:
    """The text to type for a test of ``seconds``: the passage at ``start``, followed by the
    next ones until even a fast typist (100 wpm) cannot reach the end. Returns (first
    passage key, text)."""
    if not passages:
        raise PlaybookError(PASSAGES_FILE, "passages", "no passages")
    first = passages[start % len(passages)]
    parts = [first.text]
    wanted = CHARS_A_MINUTE_CEILING * seconds / 60
    index = start
    while sum(len(p) + 1 for p in parts) < wanted and len(parts) < len(passages):
        index += 1
        parts.append(passages[index % len(passages)].text)
    return first.key, " ".join(parts)


__all__ = [
    "CHARS_PER_WORD",
    "DEFAULT_DURATION",
    "DURATIONS",
    "MIN_SECONDS",
    "OWN",
    "Passage",
    "PlaybookError",
    "Segment",
    "TypingResult",
    "clean_own",
    "gross_wpm",
    "load_passages",
    "load_passages_from",
    "score",
    "text_for_test",
]
