"""Strict, typed reading of the playbook TOML files.

Every problem becomes a :class:`PlaybookError` whose message names the file, the key path and
the problem, e.g. ``milestones.toml: milestones[3].checks[1].key: missing``. A :class:`Table`
remembers which keys were read, so :meth:`Table.finish` can reject keys nobody expects (typos
in the data would otherwise be ignored silently).
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from nextcall.core.stages import MILESTONE_KEYS

KEY_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PLACEHOLDER_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
KEY_RULE = (KEY_PATTERN, "a kebab-case key (like 'phone-interview')")
NAME_RULE = (PLACEHOLDER_PATTERN, "a placeholder name (like 'memory_hook')")
MILESTONES_FILE = "milestones.toml"
AREAS_FILE = "improvement_areas.toml"


class PlaybookError(ValueError):
    """The playbook data is unreadable or inconsistent; the message says where and why."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file = file
        self.path = path
        self.problem = problem
        where = f"{file}: {path}: " if path else f"{file}: "
        super().__init__(where + problem)


def describe_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def read_toml(directory: Traversable | Path, name: str) -> Table:
    """Parse ``directory/name``; a missing file, bad UTF-8 or bad TOML names the file."""
    try:
        raw = directory.joinpath(name).read_bytes()
    except OSError as exc:
        reason = "file not found" if isinstance(exc, FileNotFoundError) else str(exc)
        raise PlaybookError(name, "", f"cannot read the file ({reason})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlaybookError(name, "", f"not valid UTF-8 (byte {exc.start})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(name, "", f"TOML syntax error: {exc}") from None
    return Table(name, "", data)


class Table:
    """One TOML table plus where it sits (file and key path), with typed accessors."""

    def __init__(self, file: str, path: str, data: dict[str, Any]) -> None:
        self.file = file
        self.path = path
        self._data = data
        self._seen: set[str] = set()

    def child_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str | None, problem: str) -> PlaybookError:
        return PlaybookError(self.file, self.child_path(key) if key else self.path, problem)

    def has(self, key: str) -> bool:
        return key in self._data

    def _raw(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        if key not in self._data:
            if required:
                raise self.error(key, "missing")
            return None
        return self._data[key]

    def _check_text(
        self, path: str, value: object, *, multiline: bool, max_length: int | None
    ) -> str:
        if not isinstance(value, str):
            raise PlaybookError(self.file, path, f"expected a string, got {describe_type(value)}")
        text = value.strip()
        if not text:
            raise PlaybookError(self.file, path, "must not be empty")
        if not multiline and "\n" in text:
            raise PlaybookError(self.file, path, "must be a single line")
        if max_length is not None and len(text) > max_length:
            raise PlaybookError(
                self.file, path, f"too long ({len(text)} characters, at most {max_length})"
            )
        return text

    def text(self, key: str, *, multiline: bool = False, max_length: int | None = None) -> str:
        value = self._raw(key, required=True)
        return self._check_text(
            self.child_path(key), value, multiline=multiline, max_length=max_length
        )

    def opt_text(self, key: str, *, multiline: bool = False) -> str | None:
        if not self.has(key):
            self._seen.add(key)
            return None
        return self.text(key, multiline=multiline)

    def key(self, key: str = "key", rule: tuple[re.Pattern[str], str] = KEY_RULE) -> str:
        value = self.text(key)
        if not rule[0].fullmatch(value):
            raise self.error(key, f"{value!r} is not {rule[1]}")
        return value

    def opt_key(self, key: str) -> str | None:
        if not self.has(key):
            self._seen.add(key)
            return None
        return self.key(key)

    def flag(self, key: str) -> bool:
        value = self._raw(key, required=True)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {describe_type(value)}")
        return value

    def _list(self, key: str, min_items: int, max_items: int | None) -> list[Any]:
        value = self._raw(key, required=True)
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {describe_type(value)}")
        if len(value) < min_items or (max_items is not None and len(value) > max_items):
            wanted = f"{min_items} to {max_items}" if max_items is not None else f"{min_items}+"
            raise self.error(key, f"expected {wanted} items, got {len(value)}")
        return value

    def texts(
        self, key: str, *, min_items: int = 1, max_items: int | None = None
    ) -> tuple[str, ...]:
        items = self._list(key, min_items, max_items)
        path = self.child_path(key)
        return tuple(
            self._check_text(f"{path}[{i}]", item, multiline=False, max_length=None)
            for i, item in enumerate(items)
        )

    def keys(self, key: str, *, min_items: int = 1) -> tuple[str, ...]:
        values = self.texts(key, min_items=min_items)
        for i, value in enumerate(values):
            if not KEY_PATTERN.fullmatch(value):
                raise self.error(f"{key}[{i}]", f"{value!r} is not a kebab-case key")
        return values

    def tables(self, key: str, *, min_items: int = 1, max_items: int | None = None) -> list[Table]:
        items = self._list(key, min_items, max_items)
        path = self.child_path(key)
        result = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise PlaybookError(
                    self.file, f"{path}[{i}]", f"expected a table, got {describe_type(item)}"
                )
            result.append(Table(self.file, f"{path}[{i}]", item))
        return result

    def opt_tables(self, key: str) -> list[Table]:
        if not self.has(key):
            self._seen.add(key)
            return []
        return self.tables(key)

    def finish(self) -> None:
        """Reject keys that no reader asked for (usually typos)."""
        for key in self._data:
            if key not in self._seen:
                raise self.error(key, "unknown key")


def unique_keys(
    tables: Sequence[Table], field: str = "key", rule: tuple[re.Pattern[str], str] = KEY_RULE
) -> list[str]:
    """Read ``field`` as a key from every table and reject duplicates."""
    seen: dict[str, str] = {}
    result = []
    for table in tables:
        value = table.key(field, rule)
        if value in seen:
            raise table.error(field, f"duplicate key {value!r} (already used by {seen[value]})")
        seen[value] = table.path
        result.append(value)
    return result


def unique_texts(tables: Sequence[Table], values: Sequence[str], field: str) -> None:
    """Reject a ``field`` text (compared case-insensitively) used twice in ``tables``."""
    seen: dict[str, str] = {}
    for table, value in zip(tables, values, strict=True):
        folded = value.casefold()
        if folded in seen:
            raise table.error(
                field, f"duplicate {field} {value!r} (already used by {seen[folded]})"
            )
        seen[folded] = table.path


def placeholders_in(table: Table, key: str, text: str, declared: frozenset[str]) -> frozenset[str]:
    """The ``{name}`` fields used in ``text``; each must be a plain, declared name."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise table.error(
            key, f"bad braces ({exc}); write {{{{ or }}}} for a literal brace"
        ) from None
    names: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not PLACEHOLDER_PATTERN.fullmatch(name) or spec or conversion:
            raise table.error(key, f"malformed placeholder {{{name}}}: use a plain {{name}}")
        if name not in declared:
            raise table.error(key, f"unknown placeholder {{{name}}} (not in the placeholders list)")
        names.add(name)
    return frozenset(names)


def check_area(table: Table, field: str, value: str, areas: frozenset[str]) -> None:
    """``value`` must be one of the improvement-area keys."""
    if value not in areas:
        raise table.error(field, f"unknown improvement area {value!r} (see {AREAS_FILE})")


def milestone_keys(table: Table, field: str) -> tuple[str, ...]:
    """A list of milestone keys (each one of the ten built-in milestones)."""
    keys = table.keys(field)
    for i, key in enumerate(keys):
        if key not in MILESTONE_KEYS:
            raise table.error(f"{field}[{i}]", f"unknown milestone {key!r} (see {MILESTONES_FILE})")
    return keys
