"""Tab moves through every dialog in reading order: never back up the page, except where a
dialog puts a read-only preview last on purpose."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from dialog_factories import factories, finish, first_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo

# Bulk add: the preview (right of the pasted list) comes after Add and Cancel, so Tab goes from
# the list to the shared fields and the buttons first.
PREVIEW_LAST = {"bulk add": "QTreeWidget"}
SLACK = 25  # pixels: fields on one row are not perfectly aligned


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db)
    return db


def focus_chain(window: QWidget) -> list[QWidget]:
    stops: list[QWidget] = []
    seen: set[int] = set()
    current = window.nextInFocusChain()
    while current is not window and id(current) not in seen:
        seen.add(id(current))
        if (
            current.isVisible()
            and current.isEnabled()
            and current.focusPolicy() & Qt.FocusPolicy.TabFocus
            and current.window() is window
        ):
            stops.append(current)
        current = current.nextInFocusChain()
    return stops


def upward_jumps(window: QWidget, allowed: str = "") -> list[str]:
    stops = [w for w in focus_chain(window) if type(w).__name__ != allowed]
    tops = [w.mapTo(window, QPoint(0, 0)).y() for w in stops]
    return [
        f"{type(a).__name__} {a.accessibleName()!r} -> {type(b).__name__} {b.accessibleName()!r}"
        for a, b, ya, yb in zip(stops, stops[1:], tops, tops[1:], strict=False)
        if yb < ya - SLACK
    ]


@pytest.mark.parametrize("name", list(factories()))
def test_tab_goes_in_reading_order(qtbot, demo: Database, name: str) -> None:  # type: ignore[no-untyped-def]
    widget = factories()[name](demo)
    window = widget.window()
    qtbot.addWidget(window)
    window.show()
    assert focus_chain(window), "nothing takes the focus"
    assert upward_jumps(window, PREVIEW_LAST.get(name, "")) == []
    finish(widget)


def test_a_debrief_row_added_later_keeps_the_order(qtbot, demo: Database) -> None:  # type: ignore[no-untyped-def]
    from nextcall.ui.interview.debrief import DebriefDialog

    dialog = DebriefDialog(demo, first_application(demo))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_row("forgot")
    dialog.add_row("nervous")
    assert upward_jumps(dialog) == []
