"""A live theme switch repaints everything: after light → dark → light through the Settings
dialog, every visible text of every tab and side panel reads against what is painted behind it
(WCAG AA: 4.5:1 for body text, 3:1 for large text)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.ui.common.operations import EVERYTHING, announce
from nextcall.ui.common.theme import apply_theme
from nextcall.ui.shell.main_window import MainWindow
from nextcall.ui.shell.settings_dialog import SettingsDialog

SAMPLES = 1600  # pixels read per widget to find its background


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(fg: QColor, bg: QColor) -> QColor:
    """``fg`` as seen over ``bg`` (its alpha blended)."""
    a = fg.alphaF()
    return QColor.fromRgbF(
        fg.redF() * a + bg.redF() * (1 - a),
        fg.greenF() * a + bg.greenF() * (1 - a),
        fg.blueF() * a + bg.blueF() * (1 - a),
    )


def test_contrast_follows_wcag() -> None:
    assert contrast(QColor(0, 0, 0), QColor(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(QColor(119, 119, 119), QColor(255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert over(QColor(0, 0, 0, 0), QColor(10, 20, 30)).name() == QColor(10, 20, 30).name()


def background(image: QImage, rect: QRect) -> QColor:
    """The colour painted most often inside ``rect`` of the window's image."""
    rect = rect.intersected(image.rect())
    step = max(1, int((rect.width() * rect.height() / SAMPLES) ** 0.5))
    counts: Counter[int] = Counter(
        image.pixel(x, y)
        for y in range(rect.top(), rect.bottom() + 1, step)
        for x in range(rect.left(), rect.right() + 1, step)
    )
    return QColor.fromRgb(counts.most_common(1)[0][0])


def painted_text(image: QImage, rect: QRect, behind: QColor) -> QColor:
    """The colour inside ``rect`` (its edges left out) furthest from ``behind``: the text as
    painted, where the palette does not tell (a checked button's own style sheet colours)."""
    inner = rect.adjusted(4, 3, -4, -3).intersected(image.rect())
    best, best_ratio = behind, 1.0
    for y in range(inner.top(), inner.bottom() + 1):
        for x in range(inner.left(), inner.right() + 1):
            color = QColor.fromRgb(image.pixel(x, y))
            ratio = contrast(color, behind)
            if ratio > best_ratio:
                best, best_ratio = color, ratio
    return best


def own_state_colours(widget: QWidget) -> bool:
    """A button drawn in colours of a state (checked, default) that its palette does not
    hold, or a label of rich text (its HTML may carry colours of its own)."""
    if isinstance(widget, QLabel):
        kind = widget.textFormat()
        rich = kind == Qt.TextFormat.RichText
        return rich or (kind == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(widget.text()))
    if not isinstance(widget, QAbstractButton):
        return False
    default = isinstance(widget, QPushButton) and widget.isDefault()
    return widget.isChecked() or default or bool(widget.property("nc_role"))


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text() if widget.pixmap().isNull() else ""
    if isinstance(widget, QAbstractButton | QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        return "rows" if widget.model().rowCount(widget.rootIndex()) else ""
    return ""


def text_widgets(root: QWidget) -> Iterator[QWidget]:
    for widget in [root, *root.findChildren(QWidget)]:
        shown = widget.isVisible() and not widget.visibleRegion().isEmpty()
        if shown and widget.isEnabled() and text_of(widget).strip():
            yield widget


def problems(window: MainWindow, where: str) -> list[str]:
    """Every visible text in ``window`` that does not reach AA against its background."""
    QApplication.processEvents()
    image = window.grab().toImage()
    found = []
    for widget in text_widgets(window):
        area = widget.visibleRegion().boundingRect()
        if isinstance(widget, QAbstractItemView | QTextEdit | QPlainTextEdit):
            viewport = widget.viewport()
            area = viewport.visibleRegion().boundingRect()
            top_left = viewport.mapTo(window, area.topLeft())
        else:
            top_left = widget.mapTo(window, area.topLeft())
        if area.width() < 2 or area.height() < 2:
            continue
        dpr = image.devicePixelRatio()
        rect = QRect(top_left * dpr, area.size() * dpr)
        behind = background(image, rect)
        palette = widget.palette()
        role = widget.foregroundRole()
        if isinstance(widget, QAbstractItemView | QLineEdit | QTextEdit | QPlainTextEdit):
            role = QPalette.ColorRole.Text
        fg = over(palette.color(QPalette.ColorGroup.Active, role), behind)
        if own_state_colours(widget):
            fg = painted_text(image, rect, behind)
        font = widget.font()
        size = font.pointSizeF()
        large = size >= 18 or (size >= 14 and font.bold())
        needed = 3.0 if large else 4.5
        ratio = contrast(fg, behind)
        if ratio < needed:
            text = " ".join(text_of(widget).split())[:40]
            found.append(
                f"{where}: {type(widget).__name__} {widget.objectName() or ''}'{text}' "
                f"{fg.name()} on {behind.name()} = {ratio:.2f}:1"
            )
    return found


def every_view(window: MainWindow, where: str) -> list[str]:
    """Each main tab (and each tab inside it) with each side panel raised in turn."""
    found: list[str] = []
    docks = window.findChildren(QDockWidget)
    for dock in docks:
        dock.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.tabs.widget(index)
        assert page is not None
        inner = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        for dock in docks:
            dock.raise_()
            name = f"{where}, {window.tabs.tabText(index)} tab, {dock.windowTitle()} panel"
            found += problems(window, name)
        for tabs in inner:
            for sub in range(tabs.count()):
                tabs.setCurrentIndex(sub)
                found += problems(window, f"{where}, {tabs.tabText(sub)} in {index}")
    return found


def switch(window: MainWindow, db: Database, scheme: str) -> None:
    """As the user does it: Settings, Theme, OK."""
    dialog = SettingsDialog(db, "light", window.set_theme, window)
    dialog.theme.setCurrentIndex(dialog.theme.findData(scheme))
    dialog.accept()
    QApplication.processEvents()


def test_every_text_reads_after_switching_light_dark_light(qtbot: QtBot, db: Database) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    fill_demo(db)
    apply_theme(app, "light")
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    announce(db, EVERYTHING)
    window.side_rail.show_dock(window.today_dock)  # (folded, it builds no cards)
    try:
        qtbot.waitUntil(lambda: bool(window.today.rows), timeout=10000)
        start = every_view(window, "light at start")
        assert start == [], "\n".join(start)
        switch(window, db, "dark")
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
        dark = every_view(window, "after light → dark")
        assert dark == [], "\n".join(dark)
        switch(window, db, "light")
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
        light = every_view(window, "after dark → light")
        assert light == [], "\n".join(light)
    finally:
        apply_theme(app, "light")
