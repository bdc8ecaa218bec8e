"""On a drive mounted read-only the window opens the data read-only and says so for as long as
it is open; a change is refused with the reason, and nothing is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from pytestqt.qtbot import QtBot

from nextcall.core.errors import OpenedReadOnlyError
from nextcall.core.paths import resolve
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.ui.shell.main_window import MainWindow
from storage_helpers import remount, tiny_filesystem


def test_a_read_only_drive_opens_read_only_and_the_window_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with tiny_filesystem(tmp_path / "tiny") as mount:
        paths = resolve(mount / "profile")
        db = Database.open(paths)
        add_application(db, ApplicationForm(company="Acme", position="Agent"))
        db.close()
        before = hashlib.sha256(paths.database.read_bytes()).hexdigest()
        remount(mount, "ro")
        try:
            db = Database.open_for_reading(paths)
            assert "read-only" in db.read_only
            window = MainWindow(db, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
            window.show()
            qtbot.wait(100)  # the panels fill in after the first paint
            assert window.windowTitle().endswith("(read-only)")
            banner = window.read_only_banner
            assert banner.isVisible() and "The drive holding" in banner.text()
            # Above the tabs, where the eye is, and saying the way back.
            above = banner.mapTo(window, QPoint(0, 0)).y()
            assert above < window.tabs.mapTo(window, QPoint(0, 0)).y()
            assert banner.text().endswith("Once that is fixed, close NextCall and open it again.")
            assert window.applications.model.rowCount() == 1  # the data is shown
            with pytest.raises(OpenedReadOnlyError) as refused:  # a change: the same words
                add_application(db, ApplicationForm(company="Beta", position="Agent"))
            assert str(refused.value).startswith("The drive holding")
            assert str(refused.value).endswith("close NextCall and open it again to save changes.")
            window.close()
            window.deleteLater()  # gone before the drive is
            qtbot.wait(50)
            db.close()
        finally:
            remount(mount, "rw")
        assert hashlib.sha256(paths.database.read_bytes()).hexdigest() == before


def test_the_command_that_fixes_it_has_a_line_of_its_own(qtbot: QtBot) -> None:
    from nextcall.ui.shell.read_only_banner import ReadOnlyBanner

    reason = (
        "You do not have permission to write in the data folder /home/maria/NextCall "
        "(permissions 0500). Your data is intact. In a terminal: "
        'chmod u+rwx "/home/maria/NextCall"'
    )
    banner = ReadOnlyBanner(reason)
    qtbot.addWidget(banner)
    banner.show()
    assert banner.reason.text() == (
        "You do not have permission to write in the data folder /home/maria/NextCall "
        "(permissions 0500). Your data is intact. Once that is fixed, close NextCall and open "
        "it again."
    )
    assert banner.command.isVisible()
    assert banner.command.text() == 'In a terminal: chmod u+rwx "/home/maria/NextCall"'
    assert not banner.command.wordWrap()
    plain = ReadOnlyBanner("Your disk is full (/home/maria/NextCall).")
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.command.isVisible()
