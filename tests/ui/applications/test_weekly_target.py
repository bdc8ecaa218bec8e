"""The weekly target: changed in its own small dialog (a titled question, a number box with its
unit, Save), saved through the settings write path, and shown in the bar at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from nextcall.services import settings
from nextcall.services.database import Database
from nextcall.ui.applications.pace_bar import WeeklyTarget, WeeklyTargetDialog


def test_the_dialog_asks_with_a_roomy_box_and_keyboard_only(qtbot: QtBot) -> None:
    dialog = WeeklyTargetDialog(20)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.number.value() == 20 and dialog.focusWidget() is dialog.number
    assert dialog.number.suffix().strip() == "applications a week"
    text_width = dialog.number.fontMetrics().horizontalAdvance("500 applications a week")
    assert dialog.number.width() > text_width  # not the tiny default input box
    qtbot.keyClicks(dialog.number, "35")  # typed over the selected value
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.value() == 35
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert save is not None


@pytest.mark.parametrize("stored", [0, 100000])
def test_an_out_of_range_value_is_shown_within_range(qtbot: QtBot, stored: int) -> None:
    dialog = WeeklyTargetDialog(stored)
    qtbot.addWidget(dialog)
    assert 1 <= dialog.value() <= 500


def test_saving_changes_the_setting_and_the_bar(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = WeeklyTarget(db)
    qtbot.addWidget(widget)

    def answer(dialog: WeeklyTargetDialog) -> int:
        dialog.number.setValue(12)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WeeklyTargetDialog, "exec", answer)
    widget.change_target()
    assert settings.get_int(db, "weekly_target") == 12
    assert widget.bar.maximum() == 12 and "/12" in widget.label.text()


def test_cancel_changes_nothing(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = WeeklyTarget(db)
    qtbot.addWidget(widget)
    before = settings.get_int(db, "weekly_target")

    def cancel(dialog: WeeklyTargetDialog) -> int:
        dialog.number.setValue(before + 7)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(WeeklyTargetDialog, "exec", cancel)
    widget.change_target()
    assert settings.get_int(db, "weekly_target") == before
