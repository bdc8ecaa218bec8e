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


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item):  # type: ignore[no-untyped-def]
    """When pytest-qt closes a test's windows at the end, a note still being saved (a busy
    machine) asks whether to close anyway and lose it: at teardown the answer is Close, so no
    test waits for a question nobody answers. Tests of the question answer it themselves."""
    from PySide6.QtWidgets import QMessageBox

    def close(*_args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Close

    original = QMessageBox.warning
    QMessageBox.warning = staticmethod(close)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        QMessageBox.warning = original  # type: ignore[method-assign]
