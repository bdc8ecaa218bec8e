"""Crash while typing a prepared answer, a few times over (tests/typing_helpers.py): typing never
outruns the autosave's maximum wait, what the status line called saved is in the database, and
SQLite's checks pass. 3 kills in the normal suite, 100 with ``NEXTCALL_STRESS=1``."""

from __future__ import annotations

import pytest

from nextcall.core.paths import DataPaths
from typing_helpers import kill_while_typing


@pytest.mark.slow
def test_killed_at_random_moments_while_typing(isolated_profile: DataPaths) -> None:
    kill_while_typing("answers", isolated_profile, kills=3)
