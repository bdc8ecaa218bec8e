"""tests/qt_guard.py: an exception in the Qt event loop fails the test that caused it, and no
test may switch pytest-qt's exception capture off."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

TESTS = Path(__file__).resolve().parent

LINGERING = """
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

KEEP = []  # as if something still referred to the widget after the test


def fail(*_args):
    raise RuntimeError("raised while the widget was being deleted")


def test_leaves_a_widget_behind(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)  # closed and deleteLater()-ed when the test ends
    QObject(widget).destroyed.connect(fail)
    KEEP.append(widget)


def test_a_later_test_that_runs_the_event_loop(qtbot):
    qtbot.wait(50)
"""

OPTING_OUT = """
import pytest


@pytest.mark.qt_no_exception_capture
def test_hides_exceptions(qtbot):
    pass
"""


@pytest.fixture
def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PYTHONPATH", str(TESTS))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")

    def run(source: str) -> pytest.RunResult:
        pytester.makepyfile(test_inner=source)
        return pytester.runpytest_subprocess(
            "-p", "qt_guard", "-p", "no:cacheprovider", "-p", "no:xdist", "-q"
        )

    return run


def test_the_test_that_left_the_object_fails_not_a_later_one(run) -> None:  # type: ignore[no-untyped-def]
    result = run(LINGERING)
    result.assert_outcomes(passed=2, errors=1)  # the first test's teardown
    text = result.stdout.str()
    assert "ERROR at teardown of test_leaves_a_widget_behind" in text
    assert "raised while the widget was being deleted" in text


def test_switching_the_capture_off_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    result = run(OPTING_OUT)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "qt_no_exception_capture hides exceptions" in result.stderr.str()
