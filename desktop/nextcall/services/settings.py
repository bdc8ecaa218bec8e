"""Preferences that belong with the data (they travel with the profile): small integers and
short texts (the applicant's name)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from nextcall.core.errors import ValidationError
from nextcall.core.follow_ups import FollowUpTiming
from nextcall.services.database import Database
from nextcall.store.models import Setting

# name: (default, lowest, highest, what it means)
INTEGER_SETTINGS: dict[str, tuple[int, int, int, str]] = {
    "weekly_target": (20, 1, 500, "applications to send each week"),
    "ghost_after_days": (21, 3, 365, "days without contact before offering to mark as ghosted"),
    "thank_you_after_days": (1, 0, 14, "days after an interview before the thank-you email"),
    "feedback_after_days": (2, 1, 30, "days after a failed interview before the feedback call"),
    "typing_target": (35, 5, 200, "net words a minute to aim for in a typing test"),
}


def get_int(db: Database, name: str) -> int:
    """The stored value when it is a whole number in its range, else the default: whatever a
    file or an older version left in the database, a setting can never stop the app."""
    with db.session() as s:
        return _int_in(s, name)


def _int_in(s: Session, name: str) -> int:
    default, _low, _high, _what = INTEGER_SETTINGS[name]
    row = s.get(Setting, name)
    if row is None:
        return default
    value = parse_int(name, row.value)
    return default if value is None else value


def parse_int(name: str, raw: object) -> int | None:
    """``raw`` (as stored: text) as the integer setting ``name``; None when it is not a whole
    number within the setting's range."""
    _default, low, high, _what = INTEGER_SETTINGS[name]
    text = str(raw).strip()
    if not text or len(text) > 12 or not text.lstrip("+-").isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def setting_problem(name: str, raw: object) -> str | None:
    """Why ``raw`` cannot be stored as setting ``name`` (for imports), or None when it can.
    Unknown names are refused too: only what this version understands is kept."""
    if name in INTEGER_SETTINGS:
        if parse_int(name, raw) is None:
            _default, low, high, what = INTEGER_SETTINGS[name]
            return f"must be a whole number of {what} between {low} and {high}"
        return None
    if name in TEXT_SETTINGS:
        limit, _what = TEXT_SETTINGS[name]
        if not isinstance(raw, str) or len(raw) > limit or any(ord(c) < 32 for c in raw):
            return f"must be one line of text of at most {limit} characters"
        return None
    return "is not a setting NextCall knows"


def timing_in(s: Session) -> FollowUpTiming:
    """The follow-up timing the user chose (Settings), read inside session ``s``."""
    return FollowUpTiming(
        thank_you_days=_int_in(s, "thank_you_after_days"),
        feedback_days=_int_in(s, "feedback_after_days"),
    )


def check_int(name: str, value: int) -> None:
    """Raise ValidationError unless ``value`` is allowed for the integer setting ``name``."""
    _default, low, high, what = INTEGER_SETTINGS[name]
    if not low <= value <= high:
        raise ValidationError(f"The number of {what} must be between {low} and {high}.", name)


def set_int(db: Database, name: str, value: int) -> None:
    check_int(name, value)
    with db.session() as s:
        row = s.get(Setting, name)
        if row is None:
            s.add(Setting(key=name, value=str(value)))
        else:
            row.value = str(value)


# name: (longest allowed, what it is)
TEXT_SETTINGS: dict[str, tuple[int, str]] = {
    "applicant_name": (120, "Your name"),
}


def get_text(db: Database, name: str) -> str:
    if name not in TEXT_SETTINGS:
        raise KeyError(f"no text setting {name!r}")
    limit, _what = TEXT_SETTINGS[name]
    with db.session() as s:
        row = s.get(Setting, name)
        return " ".join(row.value.split())[:limit] if row is not None else ""


def set_text(db: Database, name: str, value: str) -> None:
    """Store a one-line text setting (surrounding spaces trimmed; empty clears it)."""
    limit, what = TEXT_SETTINGS[name]
    text = " ".join(value.split())
    if len(text) > limit:
        raise ValidationError(f"{what} can be at most {limit} characters.", name)
    with db.session() as s:
        row = s.get(Setting, name)
        if row is None:
            s.add(Setting(key=name, value=text))
        else:
            row.value = text
