"""Accessibility: every interactive control of the main window (every tab) and of every dialog
has an accessible name, visible text or a label bound to it (its buddy)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget

from a11y_helpers import unnamed_controls
from dialog_factories import factories, finish
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db)
    return db


@pytest.fixture
def window(qtbot, demo: Database) -> Iterator[QMainWindow]:  # type: ignore[no-untyped-def]
    from nextcall.ui.shell.main_window import MainWindow

    win = MainWindow(demo, QSettings(str(demo.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    yield win


def test_the_welcome_page_is_named(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    from nextcall.ui.shell.main_window import MainWindow

    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    assert unnamed_controls(win) == []


def test_every_tab_of_the_main_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(1)
    window.tracker.set_mode(1)  # the board
    assert unnamed_controls(window) == []


@pytest.mark.parametrize("name", list(factories()))
def test_every_dialog(qtbot, demo: Database, name: str) -> None:  # type: ignore[no-untyped-def]
    widget = factories()[name](demo)
    qtbot.addWidget(widget.window())
    assert unnamed_controls(widget) == []
    finish(widget)


def test_the_check_finds_an_unnamed_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QWidget()
    qtbot.addWidget(box)
    button = QPushButton("", box)
    assert len(unnamed_controls(box)) == 1
    button.setAccessibleName("Delete")
    assert unnamed_controls(box) == []
