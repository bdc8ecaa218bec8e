"""File > Import applications… and File > Export data: menus, file dialogs, refresh, status."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.ui.shell import data_actions
from nextcall.ui.shell.main_window import MainWindow

FIXTURES = Path(__file__).parents[2] / "export" / "fixtures"


@pytest.fixture
def window(qtbot, db: Database) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def file_actions(win: MainWindow) -> dict[str, object]:
    (file_menu,) = [a.menu() for a in win.menuBar().actions() if a.text() == "&File"]
    return {a.text().replace("&", ""): a for a in file_menu.actions() if not a.isSeparator()}


def test_the_file_menu_offers_import_and_exports(window: MainWindow) -> None:
    actions = file_actions(window)
    assert actions["Import applications…"].shortcut().toString() == "Ctrl+Shift+I"  # type: ignore[attr-defined]
    submenu = actions["Export data"].menu()  # type: ignore[attr-defined]
    assert [a.text().replace("&", "") for a in submenu.actions()] == [
        "Applications as CSV…",
        "Everything as JSON…",
        "Interviews as calendar (.ics)…",
    ]


def test_importing_refreshes_the_window(
    qtbot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from nextcall.ui.shell import import_dialog

    def drive(dialog: import_dialog.ImportDialog) -> int:
        dialog.load(FIXTURES / "other_tracker.csv")
        qtbot.waitUntil(lambda: dialog.page() == import_dialog.MAPPING, timeout=5000)
        dialog.next_step()
        qtbot.waitUntil(lambda: dialog.page() == import_dialog.PREVIEW, timeout=5000)
        dialog.next_step()
        qtbot.waitUntil(lambda: dialog.page() == import_dialog.DONE, timeout=5000)
        return 1

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", drive)
    assert window.applications.model.rowCount() == 0
    window.data_actions.import_action.trigger()
    assert window.applications.model.rowCount() == 6
    assert window.statusBar().currentMessage() == "Imported 6 applications."


def test_export_remembers_the_folder_and_says_where(
    window: MainWindow, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_application(db, ApplicationForm(company="CON", applied_on="2026-11-02"))
    asked: list[str] = []

    def save(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "mine"), ""  # no extension typed: it is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window.data_actions.export_actions[".csv"].trigger()
    target = tmp_path / "mine.csv"
    assert target.read_bytes().startswith(codecs.BOM_UTF8)
    assert str(target) in window.statusBar().currentMessage()
    assert window.settings.value(data_actions.FOLDER_KEY) == str(tmp_path)
    window.data_actions.export_actions[".ics"].trigger()
    assert Path(asked[1]).parent == tmp_path
    assert Path(asked[1]).name.startswith("nextcall-interviews-")


def test_an_export_that_fails_says_so(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_a: (str(tmp_path / "gone" / "x.json"), ""),
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.data_actions.export_actions[".json"].trigger()
    assert shown and "does not exist" in shown[0]
    assert QApplication.overrideCursor() is None
