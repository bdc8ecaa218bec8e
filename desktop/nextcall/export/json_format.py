"""The NextCall JSON file: everything in a profile, versioned (pure Python, no database).

``dump`` turns records holding Python values (str, float, date, datetime...) into the file's
bytes; ``load`` checks a file against the same schema and gives those records back, or raises
``FormatError`` naming where the problem is as a JSON path (``$.applications[3].applied_on``).
Records link to each other with ``ref`` numbers that only mean something inside one file.
README.md ("Your data: JSON format") documents the format for people.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from nextcall.core.errors import ValidationError
from nextcall.core.stages import (
    MILESTONE_KEYS,
    FollowUpKind,
    FollowUpState,
    NoteKind,
    Outcome,
    Status,
)

FORMAT = "nextcall"
VERSION = 1
MAX_FILE_BYTES = 200_000_000


class FormatError(ValidationError):
    """The file is not a NextCall export this version can read; the message says where."""


@dataclass(frozen=True)
class F:
    """One field: its name, kind, whether it must be there, allowed values, nested records."""

    name: str
    kind: str  # text, date, datetime, number, int, bool, ref, strings, object, records
    required: bool = False
    choices: type[StrEnum] | None = None
    fields: tuple[F, ...] = ()


def _text(name: str, required: bool = False, choices: type[StrEnum] | None = None) -> F:
    return F(name, "text", required, choices)


EVENT = (
    F("ref", "ref", True),
    _text("stage", True),
    _text("outcome", True, Outcome),
    F("scheduled_at", "datetime"),
    F("happened_on", "date"),
    F("score", "number"),
    _text("interviewer"),
    F("contact", "ref"),
    F("checks", "strings"),
    F("created_at", "datetime"),
    F("updated_at", "datetime"),
)
HISTORY = (_text("stage", True), _text("outcome", True, Outcome), F("changed_at", "datetime", True))
APPLICATION = (
    F("ref", "ref", True),
    _text("company", True),
    *(_text(n) for n in ("position", "account_type", "source", "url")),
    F("applied_on", "date"),
    _text("site"),
    _text("shift"),
    F("salary_expected", "number"),
    F("salary_offered", "number"),
    _text("status", True, Status),
    _text("closing_reason"),
    F("last_contact_on", "date"),
    *(_text(n) for n in ("offer_pay", "offer_shift", "offer_site")),
    F("offer_start_on", "date"),
    _text("offer_notes"),
    *(_text(f"answer_{n}") for n in ("ability", "motivation", "fit", "confidence")),
    _text("notes"),
    F("deleted_at", "datetime"),
    F("created_at", "datetime", True),
    F("updated_at", "datetime"),
    F("events", "records", fields=EVENT),
    F("history", "records", fields=HISTORY),
    F("unused_stages", "strings"),
)
SECTIONS: dict[str, tuple[F, ...]] = {
    "companies": (
        _text("name", True),
        _text("notes"),
        F("reapply_after", "date"),
        F("created_at", "datetime"),
    ),
    "stages": (
        _text("key", True),
        _text("name", True),
        F("position", "number", True),
        _text("guidance"),
    ),
    "tags": (_text("key", True), _text("name", True), F("builtin", "bool")),
    "contacts": (
        F("ref", "ref", True),
        _text("company", True),
        _text("name", True),
        *(_text(n) for n in ("role", "email", "phone", "memory_hook")),
    ),
    "applications": APPLICATION,
    "notes": (
        F("application", "ref"),
        F("stage_event", "ref"),
        F("contact", "ref"),
        _text("kind", True, NoteKind),
        _text("body"),
        _text("fix"),
        F("tags", "strings"),
        F("created_at", "datetime", True),
        F("updated_at", "datetime"),
    ),
    "follow_ups": (
        F("application", "ref", True),
        F("stage_event", "ref"),
        _text("kind", True, FollowUpKind),
        _text("title", True),
        F("due_at", "datetime", True),
        _text("state", True, FollowUpState),
        F("snoozed_until", "datetime"),
        F("rule_key", "text"),
        F("done_at", "datetime"),
        F("created_at", "datetime"),
    ),
    "questions": (
        F("playbook_key", "text"),
        _text("category"),
        _text("text", True),
        _text("answer"),
        F("confidence", "int"),
        F("last_practised_at", "datetime"),
    ),
    "practice_sessions": (
        _text("scenario_key", True),
        F("started_at", "datetime", True),
        F("duration_s", "int"),
        F("scores", "object"),
        *(_text(n) for n in ("comment", "notes", "recording")),
    ),
    "test_scores": (
        _text("kind", True),
        F("value", "number", True),
        F("accuracy", "number"),
        F("taken_on", "date", True),
        F("application", "ref"),
        F("stage_event", "ref"),
        _text("notes"),
    ),
}
# Fields that may be null although their kind is text (a rule-made or a playbook key).
NULLABLE_TEXT = frozenset({"rule_key", "playbook_key"})

Record = dict[str, Any]


# -- writing ----------------------------------------------------------------------------------


def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dump_record(record: Mapping[str, Any], fields: tuple[F, ...]) -> Record:
    out: Record = {}
    for spec in fields:
        value = record.get(spec.name)
        if spec.kind == "records":
            out[spec.name] = [_dump_record(item, spec.fields) for item in value or ()]
        elif spec.kind == "strings":
            out[spec.name] = list(value or ())
        else:
            out[spec.name] = _out(value)
    return out


def dump(sections: Mapping[str, Any], *, exported_at: datetime) -> bytes:
    """The file's bytes: ``sections`` maps each section name to its records, and "settings"
    to a {key: value} mapping."""
    document: Record = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
    }
    for name, fields in SECTIONS.items():
        document[name] = [_dump_record(r, fields) for r in sections.get(name, ())]
    document["settings"] = dict(sorted(dict(sections.get("settings", {})).items()))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- reading ----------------------------------------------------------------------------------


def _fail(path: str, message: str) -> FormatError:
    return FormatError(f"{path}: {message}; nothing was imported", "file")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


@functools.cache
def _choice_values(choices: type[StrEnum]) -> frozenset[str]:
    return frozenset(c.value for c in choices)


Converter = Callable[[Any, str], Any]


@functools.cache
def _converter(spec: F) -> Converter:
    """``_convert`` for ``spec``, with the values a file usually holds taken on a short path
    (a file's 50,000 notes hold half a million values); anything else goes the whole way, so
    every message stays the same."""
    kind, required, choices = spec.kind, spec.required, spec.choices

    def full(value: Any, where: str) -> Any:
        return _convert(value, spec, where)

    if kind == "text":
        allowed = _choice_values(choices) if choices is not None else None

        def text(value: Any, where: str) -> Any:
            usual = type(value) is str and (allowed is None or value in allowed)
            if usual and (not required or value.strip()):
                return value
            return full(value, where)

        return text
    if kind == "datetime":

        def moment(value: Any, where: str) -> Any:
            if type(value) is str:
                try:
                    parsed = datetime.fromisoformat(value)
                except ValueError:
                    pass
                else:
                    if parsed.tzinfo is None:
                        return parsed
            return full(value, where)

        return moment
    if kind == "ref":

        def ref(value: Any, where: str) -> Any:
            return value if type(value) is int and value >= 1 else full(value, where)

        return ref
    return full


def _convert(value: Any, spec: F, where: str) -> Any:
    """``value`` checked and converted as ``spec`` says; ``where`` is the record holding it
    (the field's path is only spelled out for a message)."""
    kind = spec.kind
    path = f"{where}.{spec.name}"
    if value is None:
        if spec.required:
            raise _fail(path, "is required")
        if kind == "text" and spec.name not in NULLABLE_TEXT:
            return ""
        if kind == "bool":
            return False
        return [] if kind in ("strings", "records") else ({} if kind == "object" else None)
    if kind == "text":
        if not isinstance(value, str):
            raise _fail(path, f"expected text, found {_shown(value)}")
        if spec.required and not value.strip():
            raise _fail(path, "must not be empty")
        if spec.choices is not None and value not in _choice_values(spec.choices):
            allowed = ", ".join(c.value for c in spec.choices)
            raise _fail(path, f"{_shown(value)} is not one of: {allowed}")
        return value
    if kind in ("date", "datetime"):
        if not isinstance(value, str):
            raise _fail(path, f"expected a {kind} in ISO form, found {_shown(value)}")
        try:
            parsed: date = (
                date.fromisoformat(value) if kind == "date" else datetime.fromisoformat(value)
            )
        except ValueError:
            example = "2026-11-03" if kind == "date" else "2026-11-03T14:30:00"
            raise _fail(path, f"expected a {kind} like {example}, found {_shown(value)}") from None
        if isinstance(parsed, datetime) and parsed.tzinfo is not None:
            raise _fail(path, "expected a local time without a time zone")
        return parsed
    if kind in ("number", "int"):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if kind == "int":
            ok = ok and float(value).is_integer()
        if not ok or not math.isfinite(value):
            raise _fail(path, f"expected a{'' if kind == 'number' else 'n integer'} number, "
                        f"found {_shown(value)}")  # fmt: skip
        return int(value) if kind == "int" else float(value)
    if kind == "ref":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise _fail(path, f"expected a positive whole number, found {_shown(value)}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise _fail(path, f"expected true or false, found {_shown(value)}")
        return value
    if kind == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _fail(path, f"expected a list of texts, found {_shown(value)}")
        return list(value)
    if kind == "object":
        if not isinstance(value, dict):
            raise _fail(path, f"expected an object, found {_shown(value)}")
        return value
    if not isinstance(value, list):
        raise _fail(path, f"expected a list, found {_shown(value)}")
    return [_record(item, spec.fields, f"{path}[{i}]") for i, item in enumerate(value)]


def _record(item: Any, fields: tuple[F, ...], path: str) -> Record:
    if not isinstance(item, dict):
        raise _fail(path, f"expected an object, found {_shown(item)}")
    return {spec.name: _converter(spec)(item.get(spec.name), path) for spec in fields}


def _header(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FormatError(
            'this is not a NextCall export: it has no "format": "nextcall" at the top', "file"
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail("$.version", f"expected a format version number, found {_shown(version)}")
    if version > VERSION:
        raise FormatError(
            f"$.version: the file was written by a newer NextCall (format version {version}; "
            f"this one reads version {VERSION}). Update NextCall, then import it again",
            "file",
        )


def load(data: bytes) -> dict[str, Any]:
    """The file's sections, checked and converted; raises FormatError for anything wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise FormatError("the file is too large to be a NextCall export", "file")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FormatError(
            "the file is not UTF-8 text, so it is not a NextCall export", "file"
        ) from None
    except RecursionError:  # "[[[[…" thousands deep: no export nests more than a few levels
        raise FormatError("the file nests too deeply to be a NextCall export", "file") from None
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"the file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            "file",
        ) from None
    _header(document)
    sections: dict[str, Any] = {}
    for name, fields in SECTIONS.items():
        value = document.get(name, [])
        if not isinstance(value, list):
            raise _fail(f"$.{name}", f"expected a list, found {_shown(value)}")
        sections[name] = [_record(item, fields, f"$.{name}[{i}]") for i, item in enumerate(value)]
    settings = document.get("settings", {})
    if not isinstance(settings, dict) or not all(isinstance(v, str) for v in settings.values()):
        raise _fail("$.settings", "expected an object of texts")
    sections["settings"] = dict(settings)
    _check_links(sections)
    return sections


def _unique(records: list[Record], field: str, path: str) -> set[Any]:
    seen: set[Any] = set()
    for i, record in enumerate(records):
        value = record[field]
        key = value.casefold() if isinstance(value, str) else value
        if key in seen:
            raise _fail(f"{path}[{i}].{field}", f"{_shown(value)} appears twice")
        seen.add(key)
    return seen


def _check_links(sections: dict[str, Any]) -> None:
    """Every reference points at something in the file."""
    companies = _unique(sections["companies"], "name", "$.companies")
    stages = set(MILESTONE_KEYS) | {s["key"] for s in sections["stages"]}
    _unique(sections["stages"], "key", "$.stages")
    tags = _unique(sections["tags"], "key", "$.tags")
    contacts = _unique(sections["contacts"], "ref", "$.contacts")
    _unique(sections["applications"], "ref", "$.applications")
    apps = {a["ref"] for a in sections["applications"]}
    events: set[int] = set()

    def need(ok: bool, path: str, what: str, value: Any) -> None:
        if not ok:
            raise _fail(path, f"{_shown(value)} does not match any {what} in the file")

    for i, contact in enumerate(sections["contacts"]):
        name = contact["company"]
        need(name.casefold() in companies, f"$.contacts[{i}].company", "company", name)
    for i, app in enumerate(sections["applications"]):
        path = f"$.applications[{i}]"
        need(app["company"].casefold() in companies, f"{path}.company", "company", app["company"])
        for j, event in enumerate(app["events"]):
            where = f"{path}.events[{j}]"
            need(event["stage"] in stages, f"{where}.stage", "stage", event["stage"])
            ref = event["contact"]
            need(ref is None or ref in contacts, f"{where}.contact", "contact", ref)
            if event["ref"] in events:
                raise _fail(f"{where}.ref", f"{event['ref']} appears twice")
            events.add(event["ref"])
        for j, change in enumerate(app["history"]):
            need(change["stage"] in stages, f"{path}.history[{j}].stage", "stage", change["stage"])
        for j, key in enumerate(app["unused_stages"]):
            need(key in stages, f"{path}.unused_stages[{j}]", "stage", key)
    for section in ("notes", "follow_ups", "test_scores"):
        for i, record in enumerate(sections[section]):
            path = f"$.{section}[{i}]"
            ref = record["application"]
            need(ref is None or ref in apps, f"{path}.application", "application", ref)
            ref = record["stage_event"]
            need(ref is None or ref in events, f"{path}.stage_event", "milestone event", ref)
    for i, note in enumerate(sections["notes"]):
        ref = note["contact"]
        need(ref is None or ref in contacts, f"$.notes[{i}].contact", "contact", ref)
        for j, tag in enumerate(note["tags"]):
            need(tag.casefold() in tags, f"$.notes[{i}].tags[{j}]", "tag", tag)
