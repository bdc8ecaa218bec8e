"""Crash while typing into interview mode's note, many times over (tests/typing_helpers.py):
the note is created by the first save and then saved while typing goes on, so a SIGKILL loses
only what was typed since the last save began; what the status line called saved is in the
database, the notes of earlier runs are untouched, and SQLite's checks pass. 5 kills in the
normal suite, 100 with ``NEXTCALL_STRESS=1``."""

from __future__ import annotations

import pytest

from nextcall.core.paths import DataPaths
from typing_helpers import kill_while_typing


@pytest.mark.slow
def test_killed_at_random_moments_while_typing(isolated_profile: DataPaths) -> None:
    kill_while_typing("interview", isolated_profile, kills=5)
