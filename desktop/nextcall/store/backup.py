"""Verified copies of the database, taken with SQLite's backup API (never a file copy)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from nextcall.store.engine import create_private_file


class BackupError(RuntimeError):
    pass


def backup_database(source: Path, folder: Path, label: str) -> Path:
    """Copy ``source`` into ``folder`` as ``nextcall-<label>-<timestamp>.sqlite3``.

    The copy is written under a temporary name, checked with ``PRAGMA quick_check`` and only
    then renamed into place, so a backup that exists is a backup that opens.
    """
    if not source.is_file():  # sqlite3.connect would create it, and back up an empty file
        raise BackupError(f"could not back up {source.name}: the file does not exist")
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"nextcall-{label}-{stamp}.sqlite3"
    partial = target.with_suffix(".partial")
    create_private_file(partial)
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            verdict = dst.execute("PRAGMA quick_check").fetchone()[0]
            dst.execute("PRAGMA journal_mode=DELETE")
        if verdict != "ok":
            raise BackupError(f"the copy of {source.name} failed its check: {verdict}")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"could not back up {source.name}: {exc}") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    return target
