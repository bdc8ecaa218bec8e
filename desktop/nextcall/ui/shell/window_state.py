"""Splitter positions and table columns kept across runs: each splitter of a window is stored
in QSettings under a key built from where it sits (its ancestors' object names or class names);
each table with fitted columns (ui/common/table_columns.py) under its own columns key."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QTableView, QWidget

from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common.splitter_share import KeepShare
from nextcall.ui.common.table_columns import COLUMNS_KEY, FittedColumns

GROUP = keys.SPLITTERS_GROUP


def splitter_key(splitter: QSplitter, root: QWidget) -> str:
    """A stable name for ``splitter`` under ``root``, e.g. "NotesTab/QSplitter.0"."""
    parts: list[str] = []
    widget: QWidget | None = splitter
    while widget is not None and widget is not root:
        parent = widget.parentWidget()
        name = (
            widget.objectName()
            if widget.objectName() and not widget.objectName().startswith("qt_")
            else type(widget).__name__
        )
        if isinstance(widget, QSplitter) and parent is not None:
            same = [c for c in parent.findChildren(QSplitter) if c.parentWidget() is parent]
            name += f".{same.index(widget)}"
        if isinstance(widget, QSplitter) or widget.objectName() or widget is splitter:
            parts.append(name)
        elif type(widget).__module__.startswith("nextcall"):
            parts.append(name)  # our own widget classes name the place well
        widget = parent
    return "/".join(reversed(parts))


def save_splitters(root: QWidget, settings: QSettings) -> None:
    for splitter in root.findChildren(QSplitter):
        settings.setValue(f"{GROUP}/{splitter_key(splitter, root)}", splitter.saveState())


def restore_splitters(
    root: QWidget, settings: QSettings, *, within: QWidget | None = None
) -> None:
    """Every splitter under ``root`` (only those under ``within`` when given: a tab built after
    the window, its keys still counted from ``root``)."""
    for splitter in (within or root).findChildren(QSplitter):
        state = settings.value(f"{GROUP}/{splitter_key(splitter, root)}")
        if isinstance(state, QByteArray | bytes):
            splitter.restoreState(QByteArray(state))
            for share in splitter.findChildren(KeepShare):
                share.remember()


def _fitted(root: QWidget) -> list[tuple[str, FittedColumns]]:
    found = []
    for table in root.findChildren(QTableView):
        key = table.property(COLUMNS_KEY)
        columns = table.findChild(FittedColumns)
        if key and columns is not None:
            found.append((str(key), columns))
    return found


def save_columns(root: QWidget, settings: QSettings) -> None:
    """Widths, hidden columns, order and sort of every table with fitted columns."""
    for key, columns in _fitted(root):
        settings.setValue(f"{keys.COLUMNS_GROUP}/{key}", columns.header.saveState())


def restore_columns(
    root: QWidget, settings: QSettings, *, within: QWidget | None = None
) -> None:
    for key, columns in _fitted(within or root):
        state = settings.value(f"{keys.COLUMNS_GROUP}/{key}")
        if isinstance(state, QByteArray | bytes):
            columns.restore(QByteArray(state))
