"""Typed input is never thrown away unasked: a form dialog closed with Escape, Cancel or its
close button while something was typed asks "Discard what you typed?" first. Nothing typed:
it closes at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Discard", text)


def ask_discard(parent: QWidget) -> bool:
    """Ask whether to throw the typed input away; True for Discard. Escape keeps editing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Discard what you typed?"))
    box.setText(tr("Discard what you typed?"))
    box.setInformativeText(tr("It has not been saved. Keep editing to go back to it."))
    discard = box.addButton(tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setObjectName("discardQuestion")
    box.exec()
    return box.clickedButton() is discard


class DiscardGuard:
    """For a QDialog subclass: ``reject()`` (Escape, Cancel, the close button) asks first when
    ``typed()`` says something was typed. ``ask`` may be replaced (tests); ``discard()``
    closes without asking (when the input is saved some other way, or in tests)."""

    ask: Callable[[QWidget], bool] = staticmethod(ask_discard)

    def typed(self) -> bool:
        raise NotImplementedError

    def reject(self) -> None:
        assert isinstance(self, QDialog)
        if self.typed() and not self.ask(self):
            return  # keep editing
        QDialog.reject(self)

    def discard(self) -> None:
        assert isinstance(self, QDialog)
        QDialog.reject(self)
