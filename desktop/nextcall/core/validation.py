"""Lenient but never silently wrong parsing of what people type into forms and the CLI."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from nextcall.core.errors import ValidationError

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)  # far enough for any plan; date arithmetic stays far from year 9999
QUOTE_LIMIT = 48
DATE_HINT = "Use a date like 2026-11-03, 3 Nov 2026, today or yesterday."
AMOUNT_EXAMPLES = ("18000", "18,000", "18k")
AMOUNT_HINT = "Write a number, e.g. 18000, 18,000 or 18k."


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """What someone typed, inside a message: in curly quotes, cut to ``limit`` characters,
    control characters and unstorable ones (lone surrogates) shown as "�", so an error
    stays one short, printable line whatever was typed."""
    shown = re.sub(r"[\x00-\x1f\x7f]", "\ufffd", text)
    shown = re.sub(r"[\ud800-\udfff]", "\ufffd", shown)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"“{shown}”"


def _build(year: int, month: int, day: int, text: str, field: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"{quote(text)} is not a real date. {DATE_HINT}", field) from None


def parse_date(
    text: str, *, today: date, field: str = "date", allow_future: bool = True
) -> date | None:
    """A date from ISO form, '3 Nov 2026', 'Nov 3', 'today', 'yesterday' or an unambiguous
    day/month form ('25/11/2026'). '03/04/2026' is refused: it could be March or April."""
    raw = text.strip()
    if not raw:
        return None
    low = raw.lower().rstrip(".")
    result: date | None = None
    if low == "today":
        result = today
    elif low == "yesterday":
        result = today - timedelta(days=1)
    elif m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", low):
        result = _build(int(m[1]), int(m[2]), int(m[3]), raw, field)
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", low):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        if first > 12 >= second:
            result = _build(year, second, first, raw, field)
        elif second > 12 >= first or first == second:
            result = _build(year, first, second, raw, field)
        elif not (1 <= first <= 12 and 1 <= second <= 12):  # e.g. 1/0/2026: neither reading
            raise ValidationError(f"{quote(raw)} is not a real date. {DATE_HINT}", field)
        else:
            raise ValidationError(
                f"{quote(raw)} could be day/month or month/day. Write it as {year}-MM-DD "
                f"or with the month's name (e.g. {first} {_month_name(second)} {year}).",
                field,
            )
    elif m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+),?(?:\s+(\d{4}))?", low):
        result = _named(int(m[1]), m[2], m[3], raw, field, today)
    elif m := re.fullmatch(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?", low):
        result = _named(int(m[2]), m[1], m[3], raw, field, today)
    if result is None:
        raise ValidationError(
            f"{quote(raw)} is not a date NextCall understands. {DATE_HINT}", field
        )
    return check_date(result, today=today, field=field, allow_future=allow_future)


def check_date(value: date, *, today: date, field: str = "date", allow_future: bool = True) -> date:
    """A date given as a value (a file, a service call) under the rules typed dates follow."""
    if value < EARLIEST:
        raise ValidationError(f"{value.isoformat()} is too far in the past.", field)
    if not allow_future and value > today:
        raise ValidationError(f"{value.isoformat()} is in the future.", field)
    if value > LATEST:
        check_day(value, field)
    return value


def check_day(value: date, field: str = "date") -> date:
    """A date (or the day of a datetime) given as a value, not typed: within the years NextCall
    handles, 1990 to 2100."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            f"{day.isoformat()} is out of range: use a date between "
            f"{EARLIEST.isoformat()} and {LATEST.isoformat()}.",
            field,
        )
    return value


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%b")


def _named(day: int, month_name: str, year: str | None, raw: str, field: str, today: date) -> date:
    month = MONTHS.get(month_name)
    if month is None:
        raise ValidationError(f"{quote(month_name)} in {quote(raw)} is not a month name.", field)
    if year is not None:
        return _build(int(year), month, day, raw, field)
    candidate = _build(today.year, month, day, raw, field)
    # Without a year, a date more than a month ahead most likely meant last year.
    if candidate > today + timedelta(days=31):
        candidate = _build(today.year - 1, month, day, raw, field)
    return candidate


def parse_amount(text: str, *, field: str = "salary") -> float | None:
    """A money amount: '25000', '25,000', '25 000.50', '25k'. Never negative."""
    raw = text.strip()
    if not raw:
        return None
    cleaned = re.sub(r"[\s,_]", "", raw).lower()
    cleaned = re.sub(r"^[^\d\-+.]+", "", cleaned)  # a leading currency sign or code
    factor = 1.0
    if cleaned.endswith("k"):
        factor, cleaned = 1000.0, cleaned[:-1]
    try:
        value = float(cleaned) * factor
    except ValueError:
        raise ValidationError(f"{quote(raw)} is not an amount. {AMOUNT_HINT}", field) from None
    return check_amount(value, field=field, shown=raw)


def check_amount(value: float, *, field: str = "salary", shown: str | None = None) -> float:
    """A money amount given as a number, under the rules typed amounts follow."""
    text = quote(shown if shown is not None else repr(value))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValidationError(f"{text} is not an amount.", field)
    if value < 0:
        raise ValidationError("An amount cannot be negative.", field)
    if value >= 1e12:
        raise ValidationError(f"{text} is too large to be a salary.", field)
    return round(value, 2)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # but tab and newline
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str, *, field: str, max_length: int, required: bool = False) -> str:
    """Trimmed single-field text; NUL and other control characters (but tab) are refused."""
    value = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not value:
        raise ValidationError(f"{field.capitalize()} is required.", field)
    if len(value) > max_length:
        raise ValidationError(
            f"{field.capitalize()} is {len(value)} characters long; keep it under {max_length}.",
            field,
        )
    if _CONTROL.search(value):
        raise ValidationError(f"{field.capitalize()} contains control characters.", field)
    check_storable(value, field)
    return value


def check_storable(text: str, field: str) -> str:
    """Refuse text SQLite cannot store: lone surrogates (half of an emoji, from a broken paste
    or a bad file), which have no UTF-8 form."""
    if _SURROGATE.search(text):
        raise ValidationError(
            f"{field.capitalize()} has characters that cannot be stored (such as half of an "
            "emoji); remove them and try again.",
            field,
        )
    return text
