"""services/recordings.py: recordings kept privately in the profile and analysed."""

from __future__ import annotations

import array
import math
import os
from datetime import datetime
from pathlib import Path

import pytest

from nextcall.services.database import Database
from nextcall.services.recordings import (
    RecordingError,
    analyse_file,
    delete_recording,
    recording_path,
    save_recording,
)

WHEN = datetime(2026, 11, 20, 19, 5, 9)


def speech_like(seconds: int = 4) -> bytes:
    samples = array.array("h")
    for i in range(16_000 * seconds):
        on = (i // 8000) % 2 == 0  # half a second of tone, half a second of silence
        samples.append(round(6000 * math.sin(i / 5)) if on else 0)
    return samples.tobytes()


def test_saved_in_the_profile_readable_by_the_user_only(db: Database) -> None:
    stored = save_recording(db, speech_like(), 16_000, WHEN)
    again = save_recording(db, speech_like(1), 16_000, WHEN)
    assert stored == "recordings/practice-call-2026-11-20-190509.wav"
    assert again == "recordings/practice-call-2026-11-20-190509-2.wav"
    path = recording_path(db, stored)
    assert path == db.paths.recordings / "practice-call-2026-11-20-190509.wav"
    assert path is not None and path.exists()
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
        assert db.paths.recordings.stat().st_mode & 0o777 == 0o700
    assert recording_path(db, "") is None


def test_analysed(db: Database) -> None:
    path = recording_path(db, save_recording(db, speech_like(), 16_000, WHEN))
    assert path is not None
    report = analyse_file(path)
    assert report.duration_s == pytest.approx(4.0)
    assert report.silence_share == pytest.approx(0.5, abs=0.03)
    empty = recording_path(db, save_recording(db, b"", 16_000, WHEN))
    assert empty is not None
    with pytest.raises(RecordingError, match="holds no sound"):
        analyse_file(empty)


def test_only_own_recordings_are_deleted(db: Database, tmp_path: Path) -> None:
    stored = save_recording(db, speech_like(1), 16_000, WHEN)
    outside = tmp_path / "mine.wav"
    outside.write_bytes(b"keep")
    delete_recording(db, str(outside))  # a file the user pointed at elsewhere stays
    assert outside.exists()
    delete_recording(db, stored)
    assert not (db.paths.root / stored).exists()
    delete_recording(db, stored)  # already gone: nothing to do
    delete_recording(db, "")
