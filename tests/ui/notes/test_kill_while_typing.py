"""Crash while typing into the note editor, many times over (tests/typing_helpers.py): each text
the status line called saved is in the database, typing never outruns the autosave's maximum wait,
the notes of earlier runs are untouched, and SQLite's checks pass. 5 kills in the normal suite,
100 with ``NEXTCALL_STRESS=1``."""

from __future__ import annotations

import pytest

from nextcall.core.paths import DataPaths
from typing_helpers import kill_while_typing


@pytest.mark.slow
def test_killed_at_random_moments_while_typing(isolated_profile: DataPaths) -> None:
    kill_while_typing("notes", isolated_profile, kills=5)
