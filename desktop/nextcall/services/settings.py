"""Preferences that belong with the data (they travel with the profile): small integers and
short texts (the applicant's name)."""

from __future__ import annotations

from nextcall.core.errors import ValidationError
from nextcall.services.database import Database
from nextcall.store.models import Setting

# name: (default, lowest, highest, what it means)
INTEGER_SETTINGS: dict[str, tuple[int, int, int, str]] = {
    "weekly_target": (20, 1, 500, "applications to send each week"),
    "ghost_after_days": (21, 3, 365, "days without contact before offering to mark as ghosted"),
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


def set_int(db: Database, name: str, value: int) -> None:
    _default, low, high, what = INTEGER_SETTINGS[name]
    if not low <= value <= high:
        raise ValidationError(f"The number of {what} must be between {low} and {high}.", name)
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
