"""ui/settings_dialog.py: Settings shows the stored values, checks them inline, OK applies and
Cancel loses nothing; File > Settings is kept in step with View > Theme."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from nextcall.core.follow_ups import FollowUpTiming
from nextcall.services import settings as prefs
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.follow_up_timing import current_timing
from nextcall.services.stages import record_outcome
from nextcall.ui.shell.main_window import MainWindow
from nextcall.ui.shell.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot, db):  # type: ignore[no-untyped-def]
    chosen: list[str] = []
    dlg = SettingsDialog(db, "system", chosen.append)
    dlg.chosen = chosen  # type: ignore[attr-defined]
    qtbot.addWidget(dlg)
    return dlg


def ok(dlg: SettingsDialog):  # type: ignore[no-untyped-def]
    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_it_shows_the_stored_values_and_both_folders(dialog, db) -> None:  # type: ignore[no-untyped-def]
    assert dialog.chosen_theme() == "system"
    assert dialog.spins["weekly_target"].value() == 20
    assert dialog.spins["ghost_after_days"].value() == 21
    assert dialog.timing() == FollowUpTiming(1, 2)
    assert dialog.data_folder.text() == str(db.paths.root)
    assert dialog.backup_folder.text() == str(db.paths.backups)
    assert dialog.spins["thank_you_after_days"].suffix() == " day after"


def test_ok_applies_everything(dialog, db) -> None:  # type: ignore[no-untyped-def]
    app = add_application(db, ApplicationForm(company="Harborline BPO", applied_on="2026-11-02"))
    record_outcome(db, app, "phone-interview", "failed", on=date(2026, 11, 18))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.spins["weekly_target"].setValue(35)
    dialog.spins["ghost_after_days"].setValue(30)
    dialog.spins["feedback_after_days"].setValue(5)
    ok(dialog).click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert dialog.chosen == ["dark"]
    assert prefs.get_int(db, "weekly_target") == 35
    assert prefs.get_int(db, "ghost_after_days") == 30
    assert current_timing(db) == FollowUpTiming(1, 5)
    assert dialog.recomputed == 1


def test_cancel_loses_nothing(dialog, db) -> None:  # type: ignore[no-untyped-def]
    dialog.spins["weekly_target"].setValue(99)
    dialog.spins["thank_you_after_days"].setValue(0)
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.chosen == []
    assert prefs.get_int(db, "weekly_target") == 20
    assert current_timing(db) == FollowUpTiming(1, 2)


def test_a_feedback_call_before_the_thank_you_is_shown_inline(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.show()
    dialog.spins["thank_you_after_days"].setValue(4)
    dialog.spins["feedback_after_days"].setValue(3)
    error = dialog.errors["feedback_after_days"]
    assert error.isVisible() and "thank-you" in error.text()
    assert not ok(dialog).isEnabled()
    dialog.spins["feedback_after_days"].setValue(4)
    assert not error.isVisible()
    assert ok(dialog).isEnabled()


def test_the_ranges_come_from_the_service(dialog) -> None:  # type: ignore[no-untyped-def]
    for name, spin in dialog.spins.items():
        _default, low, high, _what = prefs.INTEGER_SETTINGS[name]
        assert (spin.minimum(), spin.maximum()) == (low, high)


def test_settings_from_the_menu_keep_the_theme_menu_in_step(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.settings_action.menuRole() == win.settings_action.MenuRole.PreferencesRole
    assert not win.settings_action.shortcut().isEmpty()
    preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    assert win.settings_action.shortcut() == (preferences[0] if preferences else "Ctrl+,")

    def choose_dark() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, SettingsDialog)
        dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
        dlg.spins["weekly_target"].setValue(12)
        dlg.accept()

    QTimer.singleShot(0, choose_dark)
    win.settings_action.trigger()
    assert settings.value("theme") == "dark"
    assert win.theme_actions["dark"].isChecked()
    assert win.applications.weekly.bar.maximum() == 12  # the window refreshed
    win.theme_actions["light"].trigger()
