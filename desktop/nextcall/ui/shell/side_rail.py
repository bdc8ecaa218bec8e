"""The side panels (Today, Interviewers say) and the slim rail that opens and closes them.

The rail sits at the window's right edge with one button per panel: a click shows that panel,
a click on the open one folds it away. One panel shows at a time, so closing Today never
uncovers the other panel in its place. On a screen narrower than ``START_OPEN_WIDTH`` the
panels start folded; a window made narrower than ``FOLD_WIDTH`` folds them, and widening it
again brings back the panel that was folded that way.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolBar,
    QToolButton,
    QWidget,
)

from nextcall.ui.common import theme

START_OPEN_WIDTH = 1500  # a first window narrower than this starts with the panels folded
FOLD_WIDTH = 1100  # a window made narrower than this folds the open panel
PANEL_WIDTH = 300  # a panel's width when it first opens
PANEL_MIN_WIDTH = 260
RAIL_ICON = 16  # a rail button's icon, above its text
RAIL_ICON_GAP = 4


class RailButton(QToolButton):
    """A checkable button whose text runs bottom to top, for a vertical rail, under its icon
    (in the link colour while its panel is open)."""

    def __init__(self, text: str, icon: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.icons: tuple[QIcon, QIcon] | None = None
        if icon is not None:
            self.icons = (theme.icon(icon), theme.icon(icon, "link"))
            self.setIcon(self.icons[0])
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _icon_room(self) -> int:
        return RAIL_ICON + RAIL_ICON_GAP if self.icons is not None else 0

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(
            max(metrics.height(), RAIL_ICON) + 14,
            metrics.horizontalAdvance(self.text()) + 24 + self._icon_room(),
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        text = option.text
        option.text = ""
        option.icon = QIcon()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        if self.icons is not None:
            mode = QIcon.Mode.Normal if self.isEnabled() else QIcon.Mode.Disabled
            place = QRect((self.width() - RAIL_ICON) // 2, 10, RAIL_ICON, RAIL_ICON)
            self.icons[self.isChecked()].paint(painter, place, Qt.AlignmentFlag.AlignCenter, mode)
        painter.rotate(-90)
        painter.translate(-self.height(), 0)
        font = painter.font()
        font.setBold(self.isChecked())
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self.palette().buttonText().color())
        room = self._icon_room()
        painter.drawText(
            0, 0, self.height() - room, self.width(), int(Qt.AlignmentFlag.AlignCenter), text
        )


class SideRail(QObject):
    """Keeps the docks of ``window``'s right side one-at-a-time, with a rail to toggle them."""

    folded_changed = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        docks: list[tuple[QDockWidget, str]],
        icons: Sequence[str | None] = (),
    ) -> None:
        """``docks``: each dock with its label on the rail; ``icons``: their icons' names."""
        super().__init__(window)
        self.window = window
        self.docks = [dock for dock, _label in docks]
        self.auto_folded: QDockWidget | None = None  # folded by a narrow window, not the user
        self.widths: dict[QDockWidget, int] = {}  # each panel's width when it was last open
        self._last_width = 0
        self.bar = QToolBar(window.tr("Side panels"), window)
        self.bar.setObjectName("sideRail")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar.setOrientation(Qt.Orientation.Vertical)
        self.bar.toggleViewAction().setVisible(False)  # the rail is how the panels come back
        self.bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.bar.setStyleSheet("QToolBar#sideRail { spacing: 4px; padding: 4px 1px; }")
        window.addToolBar(Qt.ToolBarArea.RightToolBarArea, self.bar)
        self.buttons: dict[QDockWidget, RailButton] = {}
        names = list(icons) + [None] * (len(docks) - len(icons))
        for (dock, label), icon in zip(docks, names, strict=True):
            dock.setMinimumWidth(PANEL_MIN_WIDTH)
            button = RailButton(label, icon)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _c=False, d=dock: self.toggle(d))
            self.bar.addWidget(button)
            self.buttons[dock] = button
            dock.toggleViewAction().toggled.connect(
                lambda shown, d=dock: self._dock_toggled(d, shown)
            )
        self.labels = dict(docks)
        window.installEventFilter(self)
        self._sync()

    # -- the rail's clicks ---------------------------------------------------------------------

    def open_dock(self) -> QDockWidget | None:
        """The panel shown at the side (not floating), if any."""
        for dock in self.docks:
            if not dock.isHidden() and not dock.isFloating():
                return dock
        return None

    @property
    def folded(self) -> bool:
        return self.open_dock() is None

    def toggle(self, dock: QDockWidget) -> None:
        """Show ``dock`` (folding the other away), or fold it when it is the one shown."""
        self.auto_folded = None
        if not dock.isHidden() and not dock.isFloating():
            self._hide(dock)
        else:
            self.show_dock(dock)
        self._sync()

    def show_dock(self, dock: QDockWidget) -> None:
        """Show ``dock`` at the width it had when last open (a first time: PANEL_WIDTH)."""
        dock.show()
        dock.raise_()
        if not dock.isFloating():
            width = self.widths.get(dock, PANEL_WIDTH)
            self.window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
        self._sync()

    def _hide(self, dock: QDockWidget) -> None:
        if not dock.isHidden() and not dock.isFloating() and dock.width() > 0:
            self.widths[dock] = dock.width()
        dock.hide()

    def fold(self) -> None:
        for dock in self.docks:
            if not dock.isFloating():
                self._hide(dock)
        self._sync()

    def set_count(self, dock: QDockWidget, count: int) -> None:
        """Show a count on the rail button (follow-ups due now), so a folded panel still says
        there is something to do."""
        label = self.labels[dock]
        self.buttons[dock].setText(f"{label} · {count}" if count else label)
        self.buttons[dock].updateGeometry()

    # -- start and width -----------------------------------------------------------------------

    def start(self, *, first_run: bool) -> None:
        """After the window state is restored: on the first run, fold the panels on a narrow
        screen, else give the open one its width; keep one panel shown at a time."""
        shown = [d for d in self.docks if not d.isHidden() and not d.isFloating()]
        for extra in shown[1:]:
            self._hide(extra)
        if first_run:
            if self.window.width() < START_OPEN_WIDTH:
                self.fold()
            elif shown:
                self.window.resizeDocks([shown[0]], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        self._last_width = self.window.width()
        self._sync()

    def fit_width(self, width: int) -> None:
        """Fold when the window becomes narrower than FOLD_WIDTH; unfold what was folded that
        way when it becomes wide enough again."""
        before, self._last_width = self._last_width, width
        open_dock = self.open_dock()
        if width < FOLD_WIDTH <= before and open_dock is not None:
            self._hide(open_dock)
            self.auto_folded = open_dock
        elif width >= FOLD_WIDTH > before and self.auto_folded is not None:
            dock, self.auto_folded = self.auto_folded, None
            if self.folded:
                self.show_dock(dock)
        self._sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.fit_width(self.window.width())
        return False

    # -- keeping one panel at a time -----------------------------------------------------------

    def _dock_toggled(self, dock: QDockWidget, shown: bool) -> None:
        if shown and not dock.isFloating():
            area = self.window.dockWidgetArea(dock)
            for other in self.docks:
                if (
                    other is not dock
                    and not other.isHidden()
                    and not other.isFloating()
                    and self.window.dockWidgetArea(other) == area
                ):
                    self._hide(other)
            self.auto_folded = None
        self._sync()

    def _sync(self) -> None:
        for dock, button in self.buttons.items():
            shown = not dock.isHidden()
            button.setChecked(shown)
            label = self.labels[dock]
            button.setToolTip(
                self.window.tr("Fold {panel} away").format(panel=label)
                if shown
                else self.window.tr("Show {panel}").format(panel=label)
            )
        self.folded_changed.emit(self.folded)
