"""Windows and dialogs that fit the screen they open on.

A 1366×768 laptop (taskbar included) is the screen to design for: the first window takes the
available area, a remembered window is pulled back onto a smaller screen, and no dialog opens
taller than 90 % of the available height. The arithmetic takes the available area as a value,
so it is tested without a screen of that size.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

DIALOG_SHARE = 0.9  # of the available height, at most
# The window frame before the window is shown (title bar and borders; Windows 10 and most Linux
# desktops stay within it). After showing, the real frame is used.
FRAME_GUESS = QMargins(8, 32, 8, 8)


def available_area(widget: QWidget | None = None) -> QRect:
    """The available geometry (without taskbars and panels) of the screen ``widget`` is on,
    or of the primary screen."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def frame_margins(window: QWidget) -> QMargins:
    """The window's frame, once it is known; a fair guess before it is shown."""
    if window.isVisible():
        frame, inner = window.frameGeometry(), window.geometry()
        margins = QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
        if margins != QMargins():
            return margins
    return QMargins(FRAME_GUESS)


def fill_area(available: QRect, frame: QMargins) -> QRect:
    """The inner geometry of a window whose frame fills ``available``."""
    return available.marginsRemoved(frame)


def clamp_frame(frame: QRect, available: QRect) -> QRect:
    """``frame`` (a window with its frame) made to fit ``available``: shrunk where it is
    larger, then moved inside."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    left = min(max(frame.left(), available.left()), available.right() + 1 - width)
    top = min(max(frame.top(), available.top()), available.bottom() + 1 - height)
    return QRect(left, top, width, height)


def clamp_window(window: QWidget, available: QRect | None = None) -> None:
    """Pull ``window`` (a remembered geometry, a screen since unplugged) fully onto the
    available area of its screen."""
    area = available if available is not None else available_area(window)
    margins = frame_margins(window)
    frame = window.geometry().marginsAdded(margins)
    fitted = clamp_frame(frame, area)
    if fitted != frame:
        window.setGeometry(fitted.marginsRemoved(margins))


def capped_size(wanted: QSize, available: QRect, share: float = DIALOG_SHARE) -> QSize:
    """``wanted`` no larger than ``share`` of the available area in either direction."""
    return QSize(
        min(wanted.width(), int(available.width() * share)),
        min(wanted.height(), int(available.height() * share)),
    )


def fit_dialog(dialog: QWidget, wanted: QSize, available: QRect | None = None) -> None:
    """Give ``dialog`` the size it would like, within 90 % of the screen (its content
    scrolls inside where it must)."""
    area = available if available is not None else available_area(dialog.parentWidget())
    dialog.resize(capped_size(wanted, area))
    limit = int(area.height() * DIALOG_SHARE)
    if dialog.minimumHeight() > limit:
        dialog.setMinimumHeight(limit)


def place_at_side(window: QWidget, wanted: QSize, available: QRect | None = None) -> None:
    """Size ``window`` to ``wanted`` within the available area and put it at the area's right
    edge, fully on screen (a helper window beside the main one, like interview mode)."""
    area = available if available is not None else available_area(window.parentWidget())
    margins = frame_margins(window)
    inner = area.marginsRemoved(margins)
    size = QSize(min(wanted.width(), inner.width()), min(wanted.height(), inner.height()))
    size = size.expandedTo(window.minimumSize()).boundedTo(inner.size())
    window.resize(size)
    frame = QRect(QPoint(0, 0), size.grownBy(margins))
    frame.moveTopRight(area.topRight())
    window.move(clamp_frame(frame, area).topLeft())
