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
}


def get_int(db: Database, name: str) -> int:
    default, _low, _high, _what = INTEGER_SETTINGS[name]
    with db.session() as s:
        row = s.get(Setting, name)
        if row is None:
            return default
        try:
            return int(row.value)
        except ValueError:
            return default


def _int_in(s: Session, name: str) -> int:
    default, low, high, _what = INTEGER_SETTINGS[name]
    row = s.get(Setting, name)
    try:
        value = int(row.value) if row is not None else default
    except ValueError:
        return default
    return value if low <= value <= high else default


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
    with db.session() as s:
        row = s.get(Setting, name)
        return row.value if row is not None else ""


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
