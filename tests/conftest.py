"""Shared test set-up: offscreen Qt and a private data folder for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

# Before anything imports Qt: render offscreen unless asked to show windows.
if not os.environ.get("NEXTCALL_SHOW_WINDOWS"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from nextcall.core.clock import ENV_VAR, Clock
from nextcall.core.paths import DataPaths, resolve
from nextcall.services.database import Database

# Any exception that reaches the Qt event loop fails a test, in every test (tests/qt_guard.py).
pytest_plugins = ["qt_guard"]

TODAY = date(2026, 11, 20)
START = datetime(2026, 11, 20, 10, 0)  # the moment every test's clock starts at


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataPaths:
    """Every test gets its own data folder and a clock set to START (in-process and in child
    processes, through NEXTCALL_NOW): no test can touch a real profile or depend on the date."""
    root = tmp_path / "profile"
    monkeypatch.setenv("NEXTCALL_DATA_DIR", str(root))
    monkeypatch.setenv(ENV_VAR, START.isoformat())
    return resolve()


@pytest.fixture
def today() -> date:
    """The fixed date that ``db`` treats as today."""
    return TODAY


@pytest.fixture
def db(isolated_profile: DataPaths) -> Iterator[Database]:
    database = Database.open(isolated_profile)
    database.clock = Clock.starting_at(START)
    yield database
    database.close()
