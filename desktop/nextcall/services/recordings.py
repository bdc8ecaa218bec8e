"""Practice-call recordings: saved as WAV in the profile's recordings folder (readable by the
user only), found again from the path stored with the practice session, and analysed by the
voice check (nextcall.core.voice)."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from nextcall.core.paths import private_folder
from nextcall.core.voice import VoiceReport, analyse
from nextcall.export.files import safe_filename
from nextcall.export.wav import RecordingError, read_wav, write_wav
from nextcall.services.database import Database

__all__ = [
    "RecordingError",
    "analyse_file",
    "delete_recording",
    "recording_path",
    "save_recording",
]


def _folder(db: Database) -> Path:
    return private_folder(db.paths.recordings)


def save_recording(db: Database, frames: bytes, rate: int, started_at: datetime) -> str:
    """Write 16-bit mono PCM ``frames`` to a new WAV file; returns the path to store with the
    session (relative to the profile folder, so a moved profile still finds it)."""
    folder = _folder(db)
    stem = safe_filename(f"practice-call-{started_at:%Y-%m-%d-%H%M%S}")
    target = folder / f"{stem}.wav"
    number = 2
    while target.exists():
        target = folder / f"{stem}-{number}.wav"
        number += 1
    write_wav(target, frames, rate)
    return target.relative_to(db.paths.root).as_posix()


def recording_path(db: Database, stored: str) -> Path | None:
    """The file a session's stored path names (None when there is none)."""
    if not stored:
        return None
    path = Path(stored)
    return path if path.is_absolute() else db.paths.root / path


def delete_recording(db: Database, stored: str) -> None:
    """Remove a recording the app made (only inside the recordings folder)."""
    path = recording_path(db, stored)
    if path is None:
        return
    folder = db.paths.recordings.resolve()
    with contextlib.suppress(OSError):
        resolved = path.resolve()
        if resolved.parent == folder:
            resolved.unlink(missing_ok=True)


def analyse_file(path: Path) -> VoiceReport:
    """Read a WAV file and run the voice check on it (RecordingError when unreadable)."""
    pcm = read_wav(path)
    if not pcm.samples:
        raise RecordingError(f"{path.name} holds no sound; record again")
    return analyse(pcm.samples, pcm.rate)
