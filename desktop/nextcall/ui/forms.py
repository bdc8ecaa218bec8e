"""Form pieces the dialogs share: a label bound to its field, and a field with its error line."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nextcall.ui.theme import status_color


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose &-mnemonic moves the focus to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def with_error(field: QWidget) -> tuple[QWidget, QLabel, QVBoxLayout]:
    """``field`` above a hidden error line: (the box to add to a form, the error label, the
    box's layout for anything else that belongs under the field)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    error = QLabel("")
    error.setStyleSheet(f"color: {status_color('rejected').name()}; font-size: 9pt;")
    error.setWordWrap(True)
    error.hide()
    column.addWidget(error)
    return box, error, column
