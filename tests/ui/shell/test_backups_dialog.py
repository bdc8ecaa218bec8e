"""File > Backups: the list, backing up now, restoring into the open window; the backup timer."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.backups import take_backup
from nextcall.services.database import Database
from nextcall.store.backup import backup_files
from nextcall.ui.shell.backup_timer import BackupTimer
from nextcall.ui.shell.backups_dialog import BackupsDialog, human_size, kind_text
from nextcall.ui.shell.main_window import MainWindow

NOW = datetime(2026, 11, 20, 14, 5)


def add(db: Database, *names: str) -> None:
    for name in names:
        add_application(db, ApplicationForm(company=name, position="Agent"))


def cells(dialog: BackupsDialog, row: int) -> list[str]:
    model = dialog.model
    return [str(model.index(row, c).data() or "") for c in range(model.columnCount())]


def open_dialog(qtbot, db: Database, **kwargs) -> BackupsDialog:  # type: ignore[no-untyped-def]
    dialog = BackupsDialog(db, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy())
    return dialog


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1.0 KB"), (4600, "4.6 KB"), (9960, "10 KB"),
     (356_352, "356 KB"), (1_234_567, "1.2 MB"), (45_600_000, "46 MB"), (999_999_999, "1.0 GB")],
)  # fmt: skip
def test_sizes_read_like_a_file_manager(size: int, text: str) -> None:
    assert human_size(size) == text


def test_kinds_are_named_for_people() -> None:
    assert kind_text("auto") == "Automatic"
    assert kind_text("before-migration-0001") == "Before an upgrade"
    assert kind_text("before-restore") == "Before a restore"


def test_the_list_shows_date_kind_size_and_counts_and_marks_damaged_files(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add(db, "Acme", "Bolt")
    take_backup(db.paths, "auto", NOW)
    broken = db.paths.backups / "nextcall-auto-20261120-150000-000000.sqlite3"
    broken.write_bytes(b"this is not a database " * 200)
    dialog = open_dialog(qtbot, db)
    assert dialog.model.rowCount() == 2
    taken, kind, size, apps, notes, _file = cells(dialog, 1)
    assert (taken, kind, apps, notes) == ("Fri 20 Nov 2026, 14:05", "Automatic", "2", "0")
    assert size.endswith(" KB")
    assert cells(dialog, 0)[1:] == ["Automatic (damaged)", "4.6 KB", "–", "–", broken.name]
    assert "2 backups" in dialog.summary.text() and "(1 damaged)" in dialog.summary.text()
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.restore_button.isEnabled()


def test_back_up_now_adds_a_row(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add(db, "Acme")
    dialog = open_dialog(qtbot, db)
    assert dialog.model.rowCount() == 0
    assert "No backups yet" in dialog.summary.text()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert cells(dialog, 0)[1] == "Taken by you"
    assert dialog.summary.text().startswith("Backed up 1 application, no notes.")


def test_restore_from_the_window_replaces_the_data_and_reloads_every_tab(  # type: ignore[no-untyped-def]
    qtbot, db, monkeypatch
) -> None:
    add(db, "Acme")
    saved = take_backup(db.paths, "manual", NOW)
    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    add(db, "Bolt", "Crest")
    win.applications.reload()
    assert win.applications.model.rowCount() == 3
    asked: list[str] = []

    def yes(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    dialog = open_dialog(qtbot, db, prepare=win._save_all, restored=win.reload_data)
    row = [r.path for r in dialog.model.rows].index(saved.path)
    dialog.table.selectRow(row)
    assert dialog.restore_selected()
    assert "Fri 20 Nov 2026, 14:05 (1 application, no notes)" in asked[0]
    assert "backed up first" in asked[0]
    assert win.applications.model.rowCount() == 1  # the window shows the restored data
    assert win.undo_stack.count() == 0
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.summary.text().startswith("Restored the backup from Fri 20 Nov 2026, 14:05")
    kinds = [r.label for r in dialog.model.rows]
    assert "before-restore" in kinds
    before = next(r for r in dialog.model.rows if r.label == "before-restore")
    assert before.applications == 3  # what was replaced can be had back
    add(db, "Delta")  # and the profile keeps working
    win.applications.reload()
    assert win.applications.model.rowCount() == 2


def test_a_declined_restore_changes_nothing(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    add(db, "Acme")
    take_backup(db.paths, "manual", NOW)
    add(db, "Bolt")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Cancel)
    restored: list[bool] = []
    dialog = open_dialog(qtbot, db, restored=lambda: restored.append(True))
    dialog.table.selectRow(0)
    assert not dialog.restore_selected()
    assert restored == []
    assert len(backup_files(db.paths.backups)) == 1


def test_file_menu_opens_the_backups_dialog(qtbot, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    opened: list[str] = []
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: opened.append(self.windowTitle()))
    file_menu = win.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text() == "&Backups…")
    assert action.shortcut().toString() == "Ctrl+Shift+B"
    action.trigger()
    assert opened == ["Backups"]


# -- the timer -----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def test_the_timer_backs_up_in_the_background_only_after_a_change(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    timer = BackupTimer(db, clock=clock, tick_ms=3_600_000)
    clock.now += timedelta(hours=3)
    assert not timer.tick()  # nothing changed
    add(db, "Acme")
    with qtbot.waitSignal(timer.backed_up, timeout=5000) as signal:
        assert timer.tick()
        assert not timer.tick()  # one at a time
    assert signal.args[0].label == "auto" and signal.args[0].applications == 1
    assert not timer.busy()
    assert not timer.tick()
    assert timer.finish() is None  # nothing new since: no exit copy
    assert len(backup_files(db.paths.backups)) == 1


def test_closing_the_window_takes_an_exit_backup(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    add(db, "Acme")
    win.close()
    [exit_copy] = backup_files(db.paths.backups)
    assert exit_copy.name.startswith("nextcall-exit-")
    assert QApplication.activeModalWidget() is None
