"""Escape, Cancel or the close button never throw typed input away unasked: with something
typed, the add dialog and Add several ask "Discard what you typed?" (Discard / Keep editing);
with nothing typed they close at once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from nextcall.services.applications import ApplicationForm
from nextcall.services.database import Database
from nextcall.ui.applications.application_dialog import ApplicationDialog
from nextcall.ui.applications.bulk_add_dialog import BulkAddDialog
from nextcall.ui.common.discard import DiscardGuard, ask_discard

Make = Callable[[Database], QDialog]
MAKERS: dict[str, Make] = {
    "add": lambda db: ApplicationDialog(None, today=db.clock.today()),
    "several": lambda db: BulkAddDialog(db, None),
}


def typing_box(dialog: QDialog) -> object:
    return dialog.inputs["company"] if isinstance(dialog, ApplicationDialog) else dialog.paste  # type: ignore[attr-defined]


def opened(qtbot: QtBot, db: Database, kind: str) -> QDialog:
    dialog = MAKERS[kind](db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def answer(choice: str, seen: list[str]) -> None:
    """Click ``choice`` in the question as soon as it shows."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        button = next(b for b in box.buttons() if b.text() == choice)
        assert isinstance(button, QPushButton)
        button.click()

    QTimer.singleShot(0, click)


@pytest.mark.parametrize("kind", MAKERS)
def test_nothing_typed_closes_at_once(
    qtbot: QtBot, db: Database, kind: str, discard_without_asking: list[object]
) -> None:
    dialog = opened(qtbot, db, kind)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert discard_without_asking == []  # nothing asked


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("how", ["escape", "cancel", "close"])
def test_typed_input_is_kept_unless_discarded(
    qtbot: QtBot, db: Database, kind: str, how: str
) -> None:
    dialog = opened(qtbot, db, kind)
    box = typing_box(dialog)
    qtbot.keyClicks(box, "Harborline BPO")
    answers = [False, True]  # keep editing, then discard
    asked: list[object] = []

    def ask(parent: object) -> bool:
        asked.append(parent)
        return answers.pop(0)

    dialog.ask = ask  # type: ignore[attr-defined]

    def close() -> None:
        if how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        elif how == "cancel":
            cancel = (
                dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
                if isinstance(dialog, ApplicationDialog)
                else dialog.cancel_button  # type: ignore[attr-defined]
            )
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        else:
            dialog.close()

    close()
    assert asked == [dialog] and dialog.isVisible()  # kept editing
    text = box.text() if hasattr(box, "text") else box.toPlainText()  # type: ignore[attr-defined]
    assert text == "Harborline BPO"
    close()
    assert asked == [dialog, dialog] and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("kind", MAKERS)
def test_the_question_and_its_answers(qtbot: QtBot, db: Database, kind: str) -> None:
    dialog = opened(qtbot, db, kind)
    dialog.ask = ask_discard  # type: ignore[attr-defined]  # the real question, not the tests'
    try:
        qtbot.keyClicks(typing_box(dialog), "Pacific Crest")
        seen: list[str] = []
        answer("Keep editing", seen)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert sorted(seen) == sorted(["Discard what you typed?", "Discard", "Keep editing"])
        assert dialog.isVisible()
        answer("Discard", seen)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    finally:
        dialog.ask = lambda _parent: True  # type: ignore[attr-defined]  # never left waiting


def test_an_unchanged_edit_closes_at_once(
    qtbot: QtBot, db: Database, discard_without_asking: list[object]
) -> None:
    form = ApplicationForm(company="Harborline BPO", position="Agent", applied_on="2026-11-03")
    dialog = ApplicationDialog(None, today=db.clock.today(), form=form)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and discard_without_asking == []


def test_the_dialogs_are_guarded() -> None:
    assert issubclass(ApplicationDialog, DiscardGuard) and issubclass(BulkAddDialog, DiscardGuard)
