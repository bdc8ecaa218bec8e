"""Icons drawn from the SVGs in resources/icons/, in the colours of the scheme in use.

Each SVG is drawn in ``currentColor``. ``icon(name)`` gives a QIcon whose engine reads the
colour when it paints, so a live theme switch recolours every icon with no code of its own,
and draws the SVG at the size asked for, so icons stay crisp at 200 % scaling. QtSvg is
imported on the first paint of an icon, not before.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QIconEngine,
    QPainter,
    QPaintEvent,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import QWidget

from nextcall.core.resources import resource
from nextcall.ui.common.theme import tokens

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

FOLDER = "icons"
APP_ICON = "nextcall"  # the app's own coloured icon, not one of the themed set

# The colour each mode of an icon takes, by the role asked for. A menu's highlighted item and a
# selected row are drawn on the highlight colour; a disabled one in the disabled colour.
SELECTED_ROLE = "highlighted_text"
DISABLED_ROLE = "disabled"


def _scheme() -> str:
    from nextcall.ui.common.theme import current_scheme

    return current_scheme()


@cache
def svg_text(name: str) -> str:
    """The SVG of ``name`` (raises FileNotFoundError for a name that is not shipped)."""
    return resource(FOLDER, f"{name}.svg").read_text(encoding="utf-8")


def icon_names() -> list[str]:
    """Every themed icon shipped, by name."""
    names = (node.name for node in resource(FOLDER).iterdir())
    return sorted(
        name.removesuffix(".svg")
        for name in names
        if name.endswith(".svg") and name != f"{APP_ICON}.svg"
    )


@cache
def _renderer(name: str, color: str) -> QSvgRenderer:
    from PySide6.QtSvg import QSvgRenderer

    data = svg_text(name).replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(data.encode("utf-8")))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    return renderer


class ThemedIconEngine(QIconEngine):
    """Draws one SVG of the set in the scheme's colour for ``role`` (a name of
    tokens.COLORS: text, muted, accent, danger, on_accent...)."""

    def __init__(self, name: str, role: str = "text", *, active: str | None = None) -> None:
        super().__init__()
        svg_text(name)  # a name that is not shipped fails here, where it is asked for
        self.name = name
        self.role = role
        self.active = active  # the role in the Active mode (a highlighted menu item)

    def color(self, mode: QIcon.Mode) -> QColor:
        colors = tokens.COLORS[_scheme()]
        if mode == QIcon.Mode.Disabled:
            return QColor(colors[DISABLED_ROLE])
        if mode == QIcon.Mode.Selected:
            return QColor(colors[SELECTED_ROLE])
        if mode == QIcon.Mode.Active and self.active is not None:
            return QColor(colors[self.active])
        return QColor(colors[self.role])

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        square = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        _renderer(self.name, self.color(mode).name()).render(painter, square)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        color = self.color(mode).name()
        key = f"nc-icon:{self.name}:{color}:{size.width()}x{size.height()}@{scale:g}"
        cached = QPixmap()
        if QPixmapCache.find(key, cached):
            return cached
        pixmap = QPixmap(QSize(round(size.width() * scale), round(size.height() * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        pixmap.setDevicePixelRatio(scale)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        QPixmapCache.insert(key, pixmap)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return ThemedIconEngine(self.name, self.role, active=self.active)

    def key(self) -> str:
        return "nextcall-themed"

    def iconName(self) -> str:
        return self.name

    def isNull(self) -> bool:
        return False


def icon(name: str, role: str = "text") -> QIcon:
    """The icon ``name`` (a file of resources/icons/) in the colour of ``role`` for the scheme
    in use, recoloured when the scheme changes: text (tabs, buttons), muted, accent, danger,
    on_accent (on a primary button)..."""
    return QIcon(ThemedIconEngine(name, role))


def menu_icon(name: str) -> QIcon:
    """An icon for a menu's action: the text colour, and the highlight's text colour while
    the item is highlighted."""
    return QIcon(ThemedIconEngine(name, "text", active=SELECTED_ROLE))


class IconLabel(QWidget):
    """An icon shown on its own (beside a row's text, above an empty state), painted at each
    paint, so it takes the scheme's colours on a theme switch as the text beside it does."""

    def __init__(
        self, name: str, size: int = 16, role: str = "muted", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.icon = icon(name, role)
        self.setFixedSize(size, size)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_icon(self, name: str, role: str = "muted") -> None:
        self.name = name
        self.icon = icon(name, role)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        mode = QIcon.Mode.Normal if self.isEnabled() else QIcon.Mode.Disabled
        self.icon.paint(painter, self.rect(), Qt.AlignmentFlag.AlignCenter, mode)
