"""Table columns that fit the width they get, chosen by the user, remembered across runs.

``FittedColumns`` keeps a table's visible columns inside its viewport: the flexible columns
(names, positions) share whatever room the fixed ones (dates, statuses) leave, in the
proportions the user gave them by dragging, down to a minimum each; their text elides. A right
click on the header lists every column with a tick to show or hide it. ``window_state`` keeps
the header's state (widths, hidden columns, order, sort) under the table's ``columns_key``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

COLUMNS_KEY = "columns_key"  # the table property naming its entry in the settings


class FittedColumns(QObject):
    def __init__(
        self,
        table: QTableView,
        key: str,
        widths: Sequence[int],
        *,
        flexible: Mapping[int, int],
        fixed_shown: Sequence[int] = (),
        hidden: Sequence[int] = (),
    ) -> None:
        """``widths``: each column's starting width; ``flexible``: the columns that share the
        room, with their minimum widths; ``fixed_shown``: columns that cannot be hidden;
        ``hidden``: the columns hidden until the user shows them."""
        super().__init__(table)
        self.table = table
        self.header = table.horizontalHeader()
        self.defaults = list(widths)
        self.flexible = dict(flexible)
        self.fixed_shown = set(fixed_shown)
        self.default_hidden = set(hidden)
        self._fitting = False
        table.setProperty(COLUMNS_KEY, key)
        header = self.header
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu_at)
        self._dragged: int | None = None
        header.sectionResized.connect(self._resized)
        table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        table.viewport().installEventFilter(self)
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.fit)
        self.reset()

    # -- choosing columns ----------------------------------------------------------------------

    def menu(self) -> QMenu:
        """Every column with a tick: shown or hidden; and a way back to the starting set."""
        menu = QMenu(self.table)
        model = self.table.model()
        for column in range(model.columnCount()):
            name = str(model.headerData(column, Qt.Orientation.Horizontal))
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not self.header.isSectionHidden(column))
            action.setEnabled(column not in self.fixed_shown)
            action.setData(column)
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
        menu.addSeparator()
        reset = menu.addAction(self.tr("Reset columns"))
        reset.triggered.connect(self.reset)
        return menu

    def _menu_at(self, point: QPoint) -> None:
        self.menu().exec(self.header.mapToGlobal(point))

    def set_shown(self, column: int, shown: bool) -> None:
        if column in self.fixed_shown and not shown:
            return
        self.header.setSectionHidden(column, not shown)
        if shown and self.header.sectionSize(column) < self.header.minimumSectionSize():
            self.header.resizeSection(column, self.defaults[column])
        self.fit()

    def shown(self) -> list[int]:
        return [c for c in range(self.header.count()) if not self.header.isSectionHidden(c)]

    def reset(self) -> None:
        """The starting widths and hidden columns."""
        self._fitting = True
        for column, width in enumerate(self.defaults):
            self.header.setSectionHidden(column, column in self.default_hidden)
            self.header.resizeSection(column, width)
            self.header.moveSection(self.header.visualIndex(column), column)
        self._fitting = False
        self.fit()

    # -- remembering ---------------------------------------------------------------------------

    def restore(self, state: QByteArray) -> bool:
        """A saved header state; False (and the starting columns) if it does not fit this
        table any more."""
        self._fitting = True
        done = self.header.restoreState(state) and self.header.count() == len(self.defaults)
        self._fitting = False
        for column in self.fixed_shown:
            self.header.setSectionHidden(column, False)
        if not done:
            self.reset()
        self.fit()
        return done

    # -- fitting -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._refit.start()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting:  # the user dragged a column's edge: the others make room
            self._dragged = column
            self._refit.start()

    def fit(self) -> None:
        """Share the viewport's width among the flexible columns (in their present
        proportions, each down to its minimum); a column the user just dragged keeps its
        width."""
        room = self.table.viewport().width()
        if room <= 0:
            return
        shown = self.shown()
        dragged, self._dragged = self._dragged, None
        flexible = [c for c in shown if c in self.flexible and c != dragged]
        if not flexible:
            return
        taken = sum(self.header.sectionSize(c) for c in shown if c not in flexible)
        share = room - taken
        present = [self.header.sectionSize(c) for c in flexible]
        total = sum(present) or 1
        widths = [
            max(self.flexible[c], share * w // total)
            for c, w in zip(flexible, present, strict=True)
        ]
        # Rounding and minimums: the last flexible column takes up the difference it can.
        widths[-1] = max(self.flexible[flexible[-1]], widths[-1] + share - sum(widths))
        self._fitting = True
        for column, width in zip(flexible, widths, strict=True):
            if self.header.sectionSize(column) != width:
                self.header.resizeSection(column, width)
        self._fitting = False
