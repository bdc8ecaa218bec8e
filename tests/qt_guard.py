"""A session-wide guard: no exception may reach the Qt event loop unnoticed, in any test.

pytest-qt already fails a test when a slot or an overridden Qt method raises while that test
runs (its capture is on for every test: ``qt_no_exception_capture`` is refused below, as a
marker and as an ini setting). This plugin closes the gaps around it:

- ``sys.excepthook`` records for the whole session (under pytest-qt's per-test hook), so an
  exception raised outside a test's capture window (between tests, at the end of a worker's
  session, or while a test had put in its own hook) fails a test instead of being printed;
- when a test ends, the objects it left to be deleted (widgets pytest-qt closed, anything
  ``deleteLater``-ed) are deleted and its garbage collected while that test's capture is still
  on: a signal that reaches a half-destroyed object fails the test that made the object, not
  whichever later test happens to run an event loop or trigger the garbage collector.
"""

from __future__ import annotations

import gc
import sys
import traceback
from collections.abc import Iterator
from types import TracebackType

import pytest

_seen: list[str] = []
_previous_hook = sys.excepthook


def _record(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    _seen.append("".join(traceback.format_exception(kind, exc, tb)))
    _previous_hook(kind, exc, tb)


def pytest_configure(config: pytest.Config) -> None:
    global _previous_hook
    if config.getini("qt_no_exception_capture"):
        raise pytest.UsageError(
            "qt_no_exception_capture hides exceptions in the Qt event loop: remove it"
        )
    _previous_hook = sys.excepthook
    sys.excepthook = _record


def pytest_unconfigure(config: pytest.Config) -> None:
    if sys.excepthook is _record:
        sys.excepthook = _previous_hook


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    hiding = [item.nodeid for item in items if item.get_closest_marker("qt_no_exception_capture")]
    if hiding:
        raise pytest.UsageError(
            "qt_no_exception_capture hides exceptions in the Qt event loop; remove it from: "
            + ", ".join(hiding)
        )


def _settle(collect: bool) -> None:
    """Delete what is waiting for deletion and run what that posts, a few rounds deep."""
    qtcore = sys.modules.get("PySide6.QtCore")
    app = qtcore.QCoreApplication.instance() if qtcore is not None else None
    if collect:
        gc.collect()
    if app is None or qtcore is None:
        return
    for _ in range(3):
        qtcore.QCoreApplication.sendPostedEvents(None, qtcore.QEvent.Type.DeferredDelete)
        app.processEvents()
    if collect:
        gc.collect()
        app.processEvents()
        # What survived is not this test's garbage: keep it out of later collections, so each
        # test pays for the objects it made, not for the whole session's heap (a full
        # collection of that heap took over a second a test).
        gc.freeze()


def _fail_if_seen(when: str) -> None:
    if _seen:
        found, _seen[:] = list(_seen), []
        pytest.fail(
            f"{len(found)} exception(s) reached the Qt event loop {when}:\n\n" + "\n".join(found),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _no_exception_in_the_event_loop(request: pytest.FixtureRequest) -> Iterator[None]:
    _fail_if_seen("before this test (between tests)")
    yield
    # Runs after the test's own fixtures have been torn down and pytest-qt has closed its
    # widgets, while pytest-qt still captures for this test.
    uses_qt = bool({"qtbot", "qapp"} & set(request.fixturenames))
    _settle(collect=uses_qt)
    _fail_if_seen("during this test while another hook was installed, or in its clean-up")


@pytest.fixture(autouse=True, scope="session")
def _no_exception_in_the_event_loop_at_the_end() -> Iterator[None]:
    yield
    _settle(collect=True)
    _fail_if_seen("at the end of the session")
