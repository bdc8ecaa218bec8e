"""Shared set-up for the window tests: a dialog that holds typed input never waits for an
answer when a test closes it at the end (tests of the question itself ask for it)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from nextcall.ui.common.discard import DiscardGuard


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    asked: list[QWidget] = []

    def discard(parent: QWidget) -> bool:
        asked.append(parent)
        return True

    monkeypatch.setattr(DiscardGuard, "ask", staticmethod(discard))
    return asked
