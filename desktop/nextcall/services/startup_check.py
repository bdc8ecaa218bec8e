"""Whether the data file needs checking at start-up: not when it is exactly as NextCall left it.

At a clean exit (the window closed, the database closed), the app notes the file's stamp —
size, modification time, SQLite's file change counter, and the size of any write-ahead log —
in ``clean-exit.json`` beside it. At the next start, a file with the same stamp is the file
that was sound when it was closed (the last check passed, or it was restored from a verified
backup), so the integrity check is skipped; any difference (a crash, a copy put in place, a
command-line change, a sync tool) runs it. Once a week it runs anyway, deeper
(``PRAGMA integrity_check``), whatever the stamp says.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from nextcall.core.paths import DataPaths, private_file

STAMP_NAME = "clean-exit.json"
DEEP_EVERY = timedelta(days=7)
NO_CHECK, QUICK, DEEP = "none", "quick", "deep"


def stamp_path(paths: DataPaths) -> Path:
    return paths.root / STAMP_NAME


def file_stamp(database: Path) -> dict[str, int] | None:
    """The file's stamp, or None when it cannot be read (no file: nothing to vouch for)."""
    try:
        info = database.stat()
        with database.open("rb") as handle:
            header = handle.read(100)
        wal = database.with_name(database.name + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
    except OSError:
        return None
    if len(header) < 100:
        return None
    return {
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "change_counter": int.from_bytes(header[24:28], "big"),
        "wal_size": wal_size,
    }


def _remembered(paths: DataPaths) -> dict[str, Any]:
    try:
        value = json.loads(stamp_path(paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def check_needed(paths: DataPaths, today: date) -> str:
    """``NO_CHECK`` when the file is as the last clean exit left it and was checked deeply
    within the week; ``DEEP`` when that week is over; ``QUICK`` otherwise."""
    remembered = _remembered(paths)
    stamp = file_stamp(paths.database)
    if stamp is None or remembered.get("stamp") != stamp:
        return QUICK
    try:
        deep_on = date.fromisoformat(str(remembered.get("deep_check_on")))
    except ValueError:
        return DEEP
    return DEEP if today - deep_on >= DEEP_EVERY or deep_on > today else NO_CHECK


def remember_clean_exit(paths: DataPaths, *, deep_checked_on: date | None) -> None:
    """Note the closed file's stamp (and the day of this session's deep check, if it ran). A
    failure to write is ignored: the next start then simply checks."""
    stamp = file_stamp(paths.database)
    if stamp is None:
        forget_clean_exit(paths)
        return
    previous = _remembered(paths).get("deep_check_on")
    record = {
        "stamp": stamp,
        "deep_check_on": deep_checked_on.isoformat() if deep_checked_on else previous,
    }
    target = stamp_path(paths)
    scratch = target.with_name(target.name + ".tmp")
    try:
        private_file(scratch)
        scratch.write_text(json.dumps(record), encoding="utf-8")
        os.replace(scratch, target)
    except OSError:
        forget_clean_exit(paths)


def forget_clean_exit(paths: DataPaths) -> None:
    """The file is not vouched for any more (it was found damaged, or replaced)."""
    with contextlib.suppress(OSError):
        stamp_path(paths).unlink(missing_ok=True)
