"""Access keys (the underlined letter that Alt reaches): within the menu bar and within each
menu, no two entries share one, so Alt+letter always lands on the one entry it names."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.ui.shell.main_window import MainWindow


def access_key(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower case."""
    match = re.search(r"(?<!&)&([^&])", text.replace("&&", ""))
    return match[1].lower() if match else None


def clashes(actions: list[QAction]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        key = access_key(action.text())
        if key is not None:
            owners[key].append(action.text())
    return {key: texts for key, texts in owners.items() if len(texts) > 1}


def test_access_key_reads_the_letter_after_a_single_ampersand() -> None:
    assert access_key("&Today's follow-ups") == "t"
    assert access_key("Se&ttings…") == "t"
    assert access_key("Save && &close") == "c"
    assert access_key("Tom && Jerry") is None


@pytest.fixture
def win(qtbot: QtBot, db: Database) -> MainWindow:
    fill_demo(db)  # every menu entry that depends on data is there
    window = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_each_menu_and_the_menu_bar_use_each_access_key_once(win: MainWindow) -> None:
    found: dict[str, dict[str, list[str]]] = {}
    found["menu bar"] = clashes(win.menuBar().actions())
    walked = 0

    def walk(menu: QMenu, path: str) -> None:
        nonlocal walked
        menu.aboutToShow.emit()  # menus filled when opened fill now
        walked += 1
        found[path] = clashes(menu.actions())
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {action.text()}")

    for top in win.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text())
    seen = {id(m) for m in win.menuBar().findChildren(QMenu)}
    for menu in win.findChildren(QMenu):  # context menus and button menus of the tabs and docks
        if id(menu) not in seen:
            walk(menu, menu.objectName() or menu.title() or type(menu.parent()).__name__)
    assert walked >= 6
    assert {path: found[path] for path in found if found[path]} == {}
