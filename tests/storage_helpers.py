"""A full disk and a read-only folder, for the storage-failure tests.

``simulated`` makes SQLite itself refuse to grow the file (``PRAGMA max_page_count``: the real
SQLITE_FULL path) or to write at all (``PRAGMA query_only``: SQLITE_READONLY), on every
connection any engine opens meanwhile. ``tiny_filesystem`` mounts a real small tmpfs (root
only; tests skip without it), which a filler file makes full and a remount makes read-only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from sqlalchemy import Engine, event

Kind = Literal["full", "read-only"]


@contextlib.contextmanager
def simulated(kind: Kind, *engines: Engine) -> Iterator[None]:
    """While inside: the database cannot grow ("full") or cannot change ("read-only")."""

    def on_connect(connection: sqlite3.Connection, _record: Any) -> None:
        if kind == "full":
            (pages,) = connection.execute("PRAGMA page_count").fetchone()
            connection.execute(f"PRAGMA max_page_count={pages}")
        else:
            connection.execute("PRAGMA query_only=ON")

    for engine in engines:
        engine.dispose()  # pooled connections were opened before: open new ones
    event.listen(Engine, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(Engine, "connect", on_connect)
        for engine in engines:
            engine.dispose()


def _mount(*args: str) -> bool:
    if shutil.which("mount") is None or os.name != "posix" or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", *args], capture_output=True, timeout=30)
    return done.returncode == 0


@contextlib.contextmanager
def tiny_filesystem(where: Path, size: str = "4m") -> Iterator[Path]:
    """A small real file system at ``where`` (skips the test where mounting is not allowed)."""
    where.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)):
        pytest.skip("mounting a small file system needs root (and a mount that allows it)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


def fill_up(folder: Path) -> Path:
    """Write a file until the file system says it is full; returns it (delete it to free)."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC, exc
    try:
        while True:  # the last few blocks too
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    os.close(fd)
    return filler


def remount(where: Path, mode: Literal["ro", "rw"]) -> None:
    assert _mount("-o", f"remount,{mode}", str(where)), f"could not remount {where} {mode}"
