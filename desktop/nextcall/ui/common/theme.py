"""Fusion style with a light or dark palette that follows the system, or the user's choice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

# Type scale in points for titles and figures (body text keeps the system size), and the
# spacing unit in pixels (layouts use multiples of it).
TITLE_PT = 15
HEADING_PT = 12
FIGURE_PT = 20
SPACING = 6

ACCENT = "#2f6fdf"
STATUS_COLORS = {
    "light": {
        "active": "#1f5fbf",
        "offer": "#1b7f3b",
        "accepted": "#1b7f3b",
        "rejected": "#b3261e",
        "withdrawn": "#6b6f76",
        "ghosted": "#6b6f76",
    },
    "dark": {
        "active": "#8ab4ff",
        "offer": "#7dd99a",
        "accepted": "#7dd99a",
        "rejected": "#ff8a80",
        "withdrawn": "#a0a4ab",
        "ghosted": "#a0a4ab",
    },
}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str) -> str:
    """'light' or 'dark' for a user choice of system, light or dark."""
    if choice == "system":
        return "dark" if system_is_dark() else "light"
    return choice if choice in ("light", "dark") else "light"


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#1f2227"), QColor("#16181c"), QColor("#e6e8eb")
    disabled = QColor("#7d828a")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#23262c"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2b2f36"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8b9099"))
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#2a2e35"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff6b6b"))
    p.setColor(QPalette.ColorRole.Light, QColor("#3a3f47"))
    p.setColor(QPalette.ColorRole.Midlight, QColor("#32363e"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#2a2e35"))
    p.setColor(QPalette.ColorRole.Dark, QColor("#121417"))
    p.setColor(QPalette.ColorRole.Shadow, QColor("#000000"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fd1"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#8ab4ff"))
    p.setColor(QPalette.ColorRole.LinkVisited, QColor("#c3a6ff"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def _light_palette(app: QApplication) -> QPalette:
    p = app.style().standardPalette()
    p.setColor(QPalette.ColorRole.Window, QColor("#f4f5f7"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f7f9"))
    p.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1f5fbf"))
    return p


def apply_theme(app: QApplication, choice: str) -> str:
    """Set the palette for ``choice``; returns the resolved scheme ('light' or 'dark')."""
    scheme = resolve(choice)
    app.setProperty("nextcall_scheme", scheme)  # first: palette-change handlers read it
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if scheme == "dark" else _light_palette(app))
    return scheme


def palette_changed(event: QEvent) -> bool:
    """Whether a widget's ``changeEvent`` is a palette change (the theme was switched)."""
    return event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


def current_scheme() -> str:
    app = QApplication.instance()
    value = app.property("nextcall_scheme") if app is not None else None
    return value if value in ("light", "dark") else "light"


def status_color(status: str) -> QColor:
    return QColor(STATUS_COLORS[current_scheme()].get(status, "#6b6f76"))


# Marks over text (the typing test's errors in place): foreground and background of each.
MARK_COLORS = {
    "light": {
        "error": "#b3261e",
        "error_bg": "#fde4e1",
        "missing": "#7a4f00",
        "missing_bg": "#fbefd2",
    },
    "dark": {
        "error": "#ffb4ab",
        "error_bg": "#4d2320",
        "missing": "#f0c66b",
        "missing_bg": "#3d3118",
    },
}


def mark_color(name: str) -> QColor:
    """A text-mark colour (error, error_bg, missing, missing_bg) for the scheme in use."""
    return QColor(MARK_COLORS[current_scheme()][name])
