"""Form pieces the dialogs share: a label bound to its field, and a field with its error line."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from nextcall.ui.common import theme


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
    theme.error_text(error, small=True)
    error.setWordWrap(True)
    error.hide()
    column.addWidget(error)
    return box, error, column


def row_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of records: whole-row selection, alternating rows, no grid, no row
    numbers, headers aligned with the text; ``name`` is its accessible name."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return table
