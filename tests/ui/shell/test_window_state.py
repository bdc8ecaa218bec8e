"""Window state across runs: geometry, dock layout, last tab (tests/ui/test_main_window.py),
splitter positions and the last export folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.ui.export.preview import LAST_FOLDER
from nextcall.ui.shell.data_actions import FOLDER_KEY
from nextcall.ui.shell.main_window import MainWindow
from nextcall.ui.shell.window_state import splitter_key


def make_window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.pages.build_all()  # every tab's splitters, not only those of the tabs shown so far
    win.show()
    qtbot.waitExposed(win)
    return win


def splitters(win: MainWindow) -> dict[str, QSplitter]:
    return {splitter_key(s, win): s for s in win.findChildren(QSplitter)}


def test_splitter_keys_are_distinct_and_stable(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    first = splitters(make_window(qtbot, db))
    assert len(first) == len(make_window(qtbot, db).findChildren(QSplitter)) >= 3
    assert any("NotesTab" in key for key in first)
    assert any("trackerSplitter" in key for key in first)
    assert set(splitters(make_window(qtbot, db))) == set(first)


def test_splitter_positions_are_restored(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add_application(db, ApplicationForm(company="Harborline BPO"))
    first = make_window(qtbot, db)
    wanted: dict[str, list[int]] = {}
    for key, splitter in splitters(first).items():
        total = sum(splitter.sizes())
        splitter.setSizes([total // 3, total - total // 3] + [0] * (splitter.count() - 2))
        wanted[key] = splitter.sizes()
    first.close()
    second = make_window(qtbot, db)
    for key, splitter in splitters(second).items():
        assert splitter.sizes() == wanted[key], key


def test_the_last_export_folders_are_kept_in_the_settings_file(qtbot, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The data export (File > Export data) and the PDF export share the remembered folder.
    assert FOLDER_KEY == LAST_FOLDER
    from nextcall.ui.export.preview import last_folder, remember_folder

    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    remember_folder(settings, tmp_path)
    settings.sync()
    again = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    assert last_folder(again) == tmp_path
