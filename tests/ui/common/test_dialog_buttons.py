"""A dialog's buttons hold their text whichever of them is the default: the theme styles the
default button with colours only, over the box every dialog button has (issue: "Save debrief"
showed as "…ve debri…" once the default look added padding and bold text after sizing)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dialog_factories import factories, finish
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.ui.common.theme import apply_theme
from nextcall.ui.common.theme import tokens as t

PADDING = 2 * (t.SPACE_S + 4) + 2  # the sheet's padding on each side and a 1-px border
DIALOGS = ("debrief", "settings", "application", "contact", "template", "email", "backups")


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, "light")


@pytest.fixture
def light(qapp: QApplication) -> Iterator[None]:
    apply_theme(qapp, "light")  # (sizes are the same in both schemes)
    yield


def needed(button: QPushButton) -> int:
    width = button.fontMetrics().horizontalAdvance(button.text().replace("&", "")) + PADDING
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
    return width


def cut_buttons(dialog: QWidget) -> list[str]:
    return [
        f"{button.text()!r}: {button.width()} < {needed(button)}"
        for button in dialog.findChildren(QPushButton)
        if button.isVisible() and button.text() and button.width() < needed(button)
    ]


def check_every_default(qtbot: QtBot, dialog: QWidget) -> None:
    """Each button in turn becomes the default (as QDialog makes an auto-default button the
    default when the user tabs to it): no text is cut, before or after."""
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    assert cut_buttons(dialog) == []
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.autoDefault()]
    assert buttons
    for button in buttons:
        button.setDefault(True)
        qapp.processEvents()
        assert cut_buttons(dialog) == []


@pytest.mark.parametrize("name", DIALOGS)
def test_dialog_buttons_hold_their_text(qtbot: QtBot, db: Database, light: None, name: str) -> None:
    fill_demo(db)
    dialog = factories()[name](db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        check_every_default(qtbot, dialog)
    finally:
        finish(dialog)


def test_the_debriefs_save_button_is_whole(qtbot: QtBot, db: Database, scheme: str) -> None:
    fill_demo(db)
    dialog = factories()["debrief"](db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    save = dialog.save_button
    assert save.text() == "Save debrief" and save.isDefault()
    assert save.width() >= needed(save)
    finish(dialog)


def test_a_message_box_holds_its_buttons_text(qtbot: QtBot, scheme: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Discard?", "Discard what you typed?")
    box.addButton("Discard what I typed", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    check_every_default(qtbot, box)
    box.close()
