"""export/files.py: names from user data that work everywhere, and files replaced atomically."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from nextcall.export.files import (
    MAX_NAME_BYTES,
    ExportError,
    atomic_output,
    safe_filename,
    write_atomically,
)

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


def valid_everywhere(name: str) -> bool:
    stem = name.split(".")[0].rstrip(" ").upper()
    return (
        bool(name)
        and not (set(name) & WINDOWS_FORBIDDEN)
        and not any(ord(c) < 32 for c in name)
        and name not in (".", "..")
        and not name.endswith((".", " "))
        and stem not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
        and len(name.encode("utf-8")) <= 255
    )


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("CON", "CON_.pdf"),
        ("con", "con_.pdf"),
        ("a:b", "a-b.pdf"),
        ("../x", "x.pdf"),
    ],
)
def test_awkward_names_become_valid(stem: str, expected: str) -> None:
    name = safe_filename(stem, ".pdf")
    assert name == expected
    assert valid_everywhere(name)


def test_a_300_character_name_is_shortened_and_keeps_its_suffix() -> None:
    name = safe_filename("Ü" * 300, ".csv")
    assert name.endswith(".csv")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.startswith("Ü" * 10)
    assert valid_everywhere(name)


def test_a_name_with_nothing_usable_falls_back() -> None:
    assert safe_filename("../..", ".ics") == "export.ics"
    assert safe_filename("   ", ".ics", fallback="interviews") == "interviews.ics"


def test_the_written_file_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    write_atomically(target, lambda handle: handle.write(b"new"))
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_an_error_while_writing_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def fail(handle: object) -> None:
        handle.write(b"half of it")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomically(target, fail)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_files_are_readable_by_the_user_only(tmp_path: Path) -> None:
    target = tmp_path / "private.json"
    old_mask = os.umask(0o022)
    try:
        with atomic_output(target, "w", encoding="utf-8") as handle:
            handle.write("{}")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(tmp_path / "nope" / "x.csv", lambda handle: None)


def test_direction_controls_never_reach_a_file_name() -> None:
    # U+202E would make "Acme‮fdp.exe" show as "Acmeexe.pdf" in a file manager.
    name = safe_filename("Acme\u202efdp.exe \u2067x\u2069 \u200fشركة", ".pdf")
    assert not any(c in name for c in "\u202e\u2067\u2069\u200f")
    assert name == "Acmefdp.exe x شركة.pdf"
