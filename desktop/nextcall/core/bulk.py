"""Turn a pasted list (or a file's text) into company names, one per line (pure Python).

Blank lines and lines starting with ``#`` are skipped; list bullets and numbering ("- ", "* ",
"• ", "1. ", "2) ") are removed; inner whitespace is collapsed. A company listed twice (compared by
``core.companies.company_key``) is kept once and the repeat is reported. A line that is too
long or holds control characters is refused with the reason; the other lines are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nextcall.core.companies import company_key
from nextcall.core.errors import ValidationError

MAX_NAME_LENGTH = 200  # the company name column's size
MAX_NAMES = 1000  # more than this in one go is almost certainly the wrong file
MAX_FILE_BYTES = 1_000_000
# A company that rejected or ghosted the applicant and recorded no re-apply date is still
# "in cooldown" this many days after: many call centers ask applicants to wait about 3 months.
DEFAULT_COOLDOWN_DAYS = 90

# One leading bullet ("-", "*", "•", ...) or number ("1.", "2)"), then whitespace or the end.
_BULLET = re.compile(r"^(?:[-*•‣◦▪●–—]|\(?\d{1,4}[.)])(?:\s+|$)")
# C0 controls except tab, DEL, and C1 controls. Tab is whitespace (pasted spreadsheet cells).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
# Invisible characters a paste leaves behind (BOM, zero-width space, word joiner). Zero-width
# joiners and non-joiners stay: they hold emoji sequences and Persian or Indic names together.
_INVISIBLE = str.maketrans("", "", "\ufeff\u200b\u2060")


@dataclass(frozen=True)
class Line:
    """One raw input line and where it came from ("line 3", or "argument 2" on the CLI)."""

    number: int
    text: str
    where: str


@dataclass(frozen=True)
class ParsedLine:
    """A line that named a company, or one that was refused (``problem`` says why).

    A repeat has its ``name`` and ``repeat_of`` (the ``where`` of the first mention) and a
    ``problem`` too: it is not added a second time.
    """

    number: int
    where: str
    text: str
    name: str = ""
    problem: str = ""
    repeat_of: str = ""

    @property
    def accepted(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class ParsedList:
    lines: tuple[ParsedLine, ...]  # input order; skipped blank and comment lines left out

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.lines if p.accepted]

    @property
    def accepted(self) -> list[ParsedLine]:
        return [p for p in self.lines if p.accepted]

    @property
    def refused(self) -> list[ParsedLine]:
        """Lines that were refused, repeats included."""
        return [p for p in self.lines if not p.accepted]

    @property
    def repeats(self) -> list[ParsedLine]:
        return [p for p in self.lines if p.repeat_of]


def split_lines(text: str, *, label: str = "line") -> list[Line]:
    """Numbered lines of ``text`` (any newline convention; a leading BOM is dropped).

    Only newlines split: a form feed or other control character inside a line stays there, to be
    refused with its line number rather than silently shifting the numbering.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Line(n, line, f"{label} {n}") for n, line in enumerate(raw, start=1)]


def clean_name(text: str) -> str | None:
    """The company name on one line; None for a line to skip (blank, comment, bare bullet).

    Raises ValidationError for a line that cannot be a company name.
    """
    value = text.translate(_INVISIBLE).strip()
    if not value or value.startswith("#"):
        return None
    if _CONTROL.search(value):
        raise ValidationError("contains control characters", "company")
    value = _BULLET.sub("", value, count=1)
    value = " ".join(value.split())
    if not value:
        return None
    if len(value) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"too long: {len(value)} characters (a company name has at most {MAX_NAME_LENGTH})",
            "company",
        )
    return value


def parse_lines(lines: Iterable[Line]) -> ParsedList:
    parsed: list[ParsedLine] = []
    first: dict[str, str] = {}
    count = 0
    for line in lines:
        try:
            name = clean_name(line.text)
        except ValidationError as exc:
            parsed.append(ParsedLine(line.number, line.where, _shown(line.text), "", str(exc)))
            continue
        if name is None:
            continue
        key = company_key(name)
        if key in first:
            parsed.append(
                ParsedLine(
                    line.number,
                    line.where,
                    _shown(line.text),
                    name,
                    f"repeats {first[key]}",
                    repeat_of=first[key],
                )
            )
            continue
        first[key] = line.where
        count += 1
        if count > MAX_NAMES:
            parsed.append(
                ParsedLine(
                    line.number,
                    line.where,
                    _shown(line.text),
                    name,
                    f"more than {MAX_NAMES} companies at once; add the rest in another batch",
                )
            )
            continue
        parsed.append(ParsedLine(line.number, line.where, _shown(line.text), name))
    return ParsedList(tuple(parsed))


def parse_text(text: str) -> ParsedList:
    """Company names from pasted text or a file's text; line numbers count from 1."""
    return parse_lines(split_lines(text))


def parse_sources(arguments: Sequence[str], text: str | None) -> ParsedList:
    """The CLI's input: names given as arguments ("argument N"), then a file's lines."""
    lines = [Line(n, arg, f"argument {n}") for n, arg in enumerate(arguments, start=1)]
    if text is not None:
        lines.extend(split_lines(text))
    return parse_lines(lines)


def decode_list(data: bytes, *, source: str = "the file") -> str:
    """A list file's text: UTF-8 with or without a byte-order mark."""
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            f"{source} is {len(data) // 1000} kB; a list of companies is far smaller. "
            "Is it the right file?",
            "file",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            f"{source} is not UTF-8 text; save it as UTF-8 (plain text) and try again.", "file"
        ) from None


def _shown(text: str, limit: int = 80) -> str:
    """A refused line as it can be shown: control characters made visible, long lines cut."""
    visible = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text.strip())
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"
