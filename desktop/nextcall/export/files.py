"""Writing exported files safely: names that work on every system, and atomic replacement.

Every export goes to a temporary file in the target folder and is renamed over the target only
once it is complete, so a crash or a full disk never leaves half a file where a good one was.
Files holding personal data are created readable by the user only (0600 where supported).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from nextcall.core.errors import NextCallError

# Names Windows refuses whatever the extension (CON.txt is as bad as CON).
_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
}  # fmt: skip
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
MAX_NAME_BYTES = 200  # well under the 255-byte limit of common file systems, room for suffixes


class ExportError(NextCallError):
    """A file could not be written; the message says where and why."""


# Right-to-left and left-to-right marks, embeddings, overrides and isolates: in a file name they
# reorder what a file manager shows, so they are dropped (the letters themselves stay).
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def safe_filename(stem: str, suffix: str = "", *, fallback: str = "export") -> str:
    """A file name built from user data that is valid on Windows, macOS and Linux.

    Forbidden characters become ``-``, reserved device names get a trailing ``_``, leading and
    trailing dots and spaces go, and the name is shortened (on a character boundary) so that it
    and ``suffix`` fit in ``MAX_NAME_BYTES`` of UTF-8.
    """
    text = unicodedata.normalize("NFC", stem)
    text = _BIDI_CONTROLS.sub("", text)  # an override would show "exe.pdf" as "fdp.exe"
    text = _FORBIDDEN.sub("-", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"-{2,}", "-", text).strip(" .-")
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(text.encode("utf-8")) > budget:
        text = text[:-1]
    text = text.rstrip(" .-")
    if not text:
        text = fallback
    base, dot, rest = text.partition(".")
    if base.rstrip(" ").upper() in _RESERVED:
        text = f"{base}_{dot}{rest}"
    return text + suffix


@contextlib.contextmanager
def atomic_output(target: Path, mode: str = "wb", **kwargs: object) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``target``; on success it replaces ``target`` atomically.

    On any error the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist; choose another place to save")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomically(target: Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write`` with a binary file object; the result replaces ``target`` when complete."""
    try:
        with atomic_output(target, "wb") as handle:
            write(handle)
    except OSError as exc:
        raise ExportError(f"cannot save {target}: {exc.strerror or exc}") from exc
    return Path(target)
