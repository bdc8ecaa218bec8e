"""The Tracker's board: milestones as columns, open applications as cards.

Each column is a QListView over a small card model; a delegate paints the cards. Dragging a
card to a later column records the milestones up to it (services.board.move); every drag has a
keyboard alternative: Ctrl+Right moves the selected card to the next milestone, the context
menu (menu key or Shift+F10) moves it to any later one, Left/Right step between columns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.playbook import load_playbook
from nextcall.core.progress import ACCOUNT_DEPENDENT
from nextcall.services import board as service
from nextcall.services.board import BoardCard, BoardColumn
from nextcall.services.database import Database
from nextcall.ui.common.operations import Change, announce, subscribe
from nextcall.ui.common.theme import palette_changed
from nextcall.ui.tracker.board_cards import (
    CARD_ROLE,
    COLUMN_WIDTH,
    EMPTY,
    HINT,
    MIME_TYPE,
    CardDelegate,
    CardModel,
    application_id_from,
    color,
    state_text,
)

Index = QModelIndex | QPersistentModelIndex

# What moving a card writes: a stage outcome, the application's status, its follow-ups.
MOVED = frozenset({Change.STAGES, Change.APPLICATIONS, Change.FOLLOW_UPS})


class ColumnList(QListView):
    """One column's cards; Left/Right ask the board to step to the neighbouring column."""

    step = Signal(object, int)  # (this list, -1 or +1)
    open_requested = Signal(int)
    menu_requested = Signal(int, QPoint)
    focused = Signal(object)

    def __init__(self, model: CardModel, delegate: CardDelegate, parent: Any = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._hover = False
        self.doubleClicked.connect(self._open)

    def card_model(self) -> CardModel:
        model = self.model()
        assert isinstance(model, CardModel)
        return model

    def current_card(self) -> BoardCard | None:
        card = self.currentIndex().data(CARD_ROLE)
        return card if isinstance(card, BoardCard) else None

    def _open(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if isinstance(card, BoardCard):
            self.open_requested.emit(card.application_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods == Qt.KeyboardModifier.NoModifier:
            self.step.emit(self, -1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex())
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            self.setCurrentIndex(self.model().index(0, 0))
        self.focused.emit(self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid():
                self.setCurrentIndex(index)
        card = self.current_card()
        if card is None:
            return
        where = self.visualRect(self.currentIndex()).center()
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            where = event.pos()
        self.menu_requested.emit(card.application_id, self.viewport().mapToGlobal(where))

    # A dashed outline shows where a dragged card would land.
    def dragEnterEvent(self, event: Any) -> None:
        super().dragEnterEvent(event)
        self._set_hover(event.mimeData().hasFormat(MIME_TYPE))

    def dragLeaveEvent(self, event: Any) -> None:
        super().dragLeaveEvent(event)
        self._set_hover(False)

    def dropEvent(self, event: Any) -> None:
        self._set_hover(False)
        super().dropEvent(event)

    def _set_hover(self, hover: bool) -> None:
        self._hover = hover
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.model().rowCount() == 0:
            painter.setPen(color("muted"))
            area = self.viewport().rect().adjusted(0, 12, 0, 0)
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "—")
        if self._hover:
            pen = QPen(self.palette().color(self.palette().ColorRole.Highlight), 2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRoundedRect(QRectF(self.viewport().rect()).adjusted(2, 2, -2, -2), 6, 6)
        painter.end()


class ColumnWidget(QFrame):
    """A header (short milestone name and count) over the column's card list."""

    def __init__(self, column: BoardColumn, short: str, list_view: ColumnList) -> None:
        super().__init__()
        self.stage = column.stage
        self.list = list_view
        self.setFixedWidth(COLUMN_WIDTH)
        self.title = QLabel(short)
        depends = " (only some accounts use it)" if column.key in ACCOUNT_DEPENDENT else ""
        self.title.setToolTip(column.stage.name + depends)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header = QHBoxLayout()
        header.setContentsMargins(10, 8, 10, 2)
        header.addWidget(self.title, 1)
        header.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(list_view, 1)
        self.list.setAccessibleDescription(
            self.tr(
                "Ctrl+Right moves the selected card to the next milestone; "
                "the context menu moves it to any later one."
            )
        )
        self.apply_colors()
        self.show_cards(column.cards)

    def show_cards(self, cards: tuple[BoardCard, ...]) -> None:
        self.list.card_model().set_cards(cards)
        n = len(cards)
        self.count.setText(str(n))
        self.count.setAccessibleName(
            (self.tr("{n} application") if n == 1 else self.tr("{n} applications")).format(n=n)
        )
        self.list.setAccessibleName(
            (
                self.tr("{name}: {n} application")
                if n == 1
                else self.tr("{name}: {n} applications")
            ).format(name=self.stage.name, n=n)
        )

    def apply_colors(self) -> None:
        muted, column = color("muted").name(), color("column").name()
        self.count.setStyleSheet(
            f"color: {muted}; background: {color('card').name()}; border-radius: 9px;"
            " padding: 1px 7px;"
        )
        self.setStyleSheet(f"ColumnWidget {{ background: {column}; border-radius: 8px; }}")


class BoardView(QWidget):
    """Columns side by side in a horizontal scroll area, with a status line on top."""

    application_activated = Signal(int)
    moved = Signal(int, str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._shorts = {m.key: m.short for m in load_playbook().milestones}
        self._columns: list[ColumnWidget] = []
        self._last_list: ColumnList | None = None
        self._delegate = CardDelegate(db.clock.today, self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._warning = False
        self.status.setAccessibleName(self.tr("Board status"))
        self._row = QWidget()
        self._row_layout = QHBoxLayout(self._row)
        self._row_layout.setContentsMargins(8, 4, 8, 8)
        self._row_layout.setSpacing(8)
        self._row_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self._row)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll_area, 1)
        self.next_action = self._action("Move to next milestone", "Ctrl+Right", self.move_next)
        self.back_action = self._action(
            "Move to previous milestone", "Ctrl+Left", self.move_previous
        )
        self._say(self.tr(HINT))
        subscribe(self, db, {Change.APPLICATIONS, Change.STAGES}, self.refresh)
        self.refresh()

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- reading -------------------------------------------------------------------------------

    @property
    def columns(self) -> list[ColumnWidget]:
        return list(self._columns)

    def column(self, stage_key: str) -> ColumnWidget:
        return next(c for c in self._columns if c.stage.key == stage_key)

    def refresh(self) -> None:
        selected = self.selected_card()
        had_focus = self._last_list is not None and self._last_list.hasFocus()
        columns = service.board(self._db)
        if [c.stage.key for c in columns] != [c.stage.key for c in self._columns]:
            self._rebuild(columns)
        else:
            for widget, column in zip(self._columns, columns, strict=True):
                widget.show_cards(column.cards)
        if not any(column.cards for column in columns):
            self._say(self.tr(EMPTY))
        elif self.status.text() == self.tr(EMPTY):
            self._say(self.tr(HINT))
        if selected is not None:
            self.select_card(selected.application_id, focus=had_focus)

    def _rebuild(self, columns: list[BoardColumn]) -> None:
        for widget in self._columns:
            self._row_layout.removeWidget(widget)
            widget.deleteLater()
        self._columns = []
        self._last_list = None
        for number, column in enumerate(columns):
            model = CardModel(column.stage, self._db.clock.today, self._drop, self)
            view = ColumnList(model, self._delegate)
            view.step.connect(self._step)
            view.open_requested.connect(self.application_activated)
            view.menu_requested.connect(self._show_menu)
            view.focused.connect(self._remember)
            short = self._shorts.get(column.stage.key, column.stage.name)
            widget = ColumnWidget(column, short, view)
            self._row_layout.insertWidget(number, widget)
            self._columns.append(widget)

    def _remember(self, view: ColumnList) -> None:
        self._last_list = view

    def selected_card(self) -> BoardCard | None:
        view = self._last_list
        return view.current_card() if view is not None else None

    def select_card(self, application_id: int, focus: bool = True) -> bool:
        for widget in self._columns:
            row = widget.list.card_model().row_of(application_id)
            if row >= 0:
                widget.list.setCurrentIndex(widget.list.model().index(row, 0))
                self._last_list = widget.list
                if focus:
                    widget.list.setFocus(Qt.FocusReason.OtherFocusReason)
                self.scroll_area.ensureWidgetVisible(widget)
                return True
        return False

    # -- moving --------------------------------------------------------------------------------

    def move_card(self, application_id: int, stage_key: str) -> bool:
        """Move a card to ``stage_key``; a refusal is shown on the status line."""
        try:
            changed = service.move(self._db, application_id, stage_key)
        except NextCallError as exc:
            self._say(str(exc), warning=True)
            return False
        if not changed:
            return False
        announce(self._db, MOVED, self)
        self.refresh()
        widget = self.column(stage_key)
        self.select_card(application_id, focus=self.isActiveWindow())
        card = widget.list.current_card()
        name = card.company if card is not None else self.tr("The application")
        self._say(
            self.tr("{name} moved to {milestone}.").format(
                name=name, milestone=widget.stage.name.lower()
            )
        )
        self.moved.emit(application_id, stage_key)
        return True

    def _drop(self, application_id: int, stage_key: str) -> bool:
        return self.move_card(application_id, stage_key)

    def move_by(self, delta: int, application_id: int | None = None) -> bool:
        """Move a card (the selected one by default) one column right (+1) or left (-1)."""
        if application_id is None:
            card = self.selected_card()
            if card is None:
                self._say(self.tr("Select a card first."), warning=True)
                return False
            application_id = card.application_id
        keys = [c.stage.key for c in self._columns]
        here = next(
            (
                n
                for n, c in enumerate(self._columns)
                if c.list.card_model().row_of(application_id) >= 0
            ),
            None,
        )
        if here is None:
            return False
        if not 0 <= here + delta < len(keys):
            last = "This is the last milestone." if delta > 0 else service.BACKWARDS_MESSAGE
            self._say(last, warning=True)
            return False
        return self.move_card(application_id, keys[here + delta])

    def move_next(self) -> None:
        self.move_by(1)

    def move_previous(self) -> None:
        self.move_by(-1)

    # -- keyboard and menu ---------------------------------------------------------------------

    def _step(self, view: ColumnList, delta: int) -> None:
        lists = [c.list for c in self._columns]
        number = lists.index(view) + delta
        if not 0 <= number < len(lists):
            return
        target = lists[number]
        rows = target.model().rowCount()
        if rows:
            row = min(max(view.currentIndex().row(), 0), rows - 1)
            target.setCurrentIndex(target.model().index(row, 0))
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._last_list = target
        self.scroll_area.ensureWidgetVisible(self._columns[number])

    def card_menu(self, application_id: int) -> QMenu:
        """Open, move to the next milestone, or "Move to ▸" any later milestone."""
        menu = QMenu(self)
        try:
            targets = service.move_targets(self._db, application_id)
        except NextCallError:
            targets = []
        entries: list[tuple[str, str, Callable[[], object]]] = [
            ("Open in stepper", "Return", lambda: self.application_activated.emit(application_id)),
            ("Move to next milestone", "Ctrl+Right", lambda: self.move_by(1, application_id)),
        ]
        for text, keys, slot in entries:
            action = menu.addAction(text)
            action.setShortcut(QKeySequence(keys))  # shown in the menu; the board owns the keys
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
        menu.actions()[1].setEnabled(bool(targets))
        move_to = menu.addMenu(self.tr("Move to"))
        for stage in targets:
            action = move_to.addAction(stage.name)
            action.triggered.connect(
                lambda _=False, key=stage.key: self.move_card(application_id, key)
            )
        move_to.setEnabled(bool(targets))
        return menu

    def _show_menu(self, application_id: int, where: QPoint) -> None:
        menu = self.card_menu(application_id)
        menu.exec(where)
        menu.deleteLater()

    # -- look ----------------------------------------------------------------------------------

    def _say(self, text: str, warning: bool = False) -> None:
        self.status.setText(text)
        self._warning = warning
        tone = color("warning") if warning else color("muted")
        self.status.setStyleSheet(f"color: {tone.name()}; padding: 6px 10px 0 10px;")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if palette_changed(event):
            for widget in self._columns:
                widget.apply_colors()
            self._say(self.status.text(), self._warning)


__all__ = ["BoardView", "CardDelegate", "CardModel", "application_id_from", "state_text"]
