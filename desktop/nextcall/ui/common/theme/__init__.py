"""One look: Fusion with a light or dark palette, an app-wide style sheet and named colours,
all made from the design tokens (theme/tokens.py), following the system or the user's choice.

Widgets never write colours or sizes of their own: they ask for a role with the helpers in
theme/roles.py (``heading(label, 1)``, ``muted(label)``, ``error_text(label)``,
``primary(button)``...), which set a dynamic property the app-wide style sheet styles.
``apply_theme`` sets the palette and regenerates that style sheet, which makes Qt re-polish
every widget: a live switch repaints everything, with no per-widget code. Widgets that paint
for themselves read ``color(...)`` / ``status_color(...)`` while painting, and repaint on
``palette_changed``.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from nextcall.ui.common.theme import tokens
from nextcall.ui.common.theme.icons import IconLabel, icon, menu_icon
from nextcall.ui.common.theme.roles import (
    caption,
    choice,
    compact,
    emphasis,
    error_text,
    heading,
    lead,
    muted,
    primary,
    section_label,
    status_text,
    strong,
    surface,
    text_role,
    toggle,
    tone,
)
from nextcall.ui.common.theme.sheet import app_style_sheet
from nextcall.ui.common.theme.tokens import (
    DISPLAY_PT,
    FIGURE_PT,
    HEADING_PT,
    MARK_COLORS,
    RADIUS_M,
    RADIUS_S,
    SPACING,
    STATUS_COLORS,
    TITLE_PT,
)

THEMES = ("system", "light", "dark")


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str) -> str:
    """'light' or 'dark' for a user choice of system, light or dark."""
    if choice == "system":
        return "dark" if system_is_dark() else "light"
    return choice if choice in ("light", "dark") else "light"


def build_palette(scheme: str) -> QPalette:
    """The QPalette of ``scheme``, every role from the tokens."""
    c = tokens.COLORS[scheme]
    role = QPalette.ColorRole
    p = QPalette()
    for name, key in (
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "base"),
        (role.AlternateBase, "alternate_base"),
        (role.ToolTipBase, "tooltip"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "muted"),
        (role.Text, "text"),
        (role.Button, "button"),
        (role.ButtonText, "text"),
        (role.BrightText, "bright_text"),
        (role.Light, "light"),
        (role.Midlight, "midlight"),
        (role.Mid, "mid"),
        (role.Dark, "dark"),
        (role.Shadow, "shadow"),
        (role.Highlight, "highlight"),
        (role.HighlightedText, "highlighted_text"),
        (role.Link, "link"),
        (role.LinkVisited, "link_visited"),
    ):
        p.setColor(name, QColor(c[key]))
    disabled = QColor(c["disabled"])
    for name in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, name, disabled)
    return p


def apply_theme(app: QApplication, choice: str) -> str:
    """Set the palette and the app-wide style sheet for ``choice``; returns the resolved scheme
    ('light' or 'dark'). Setting the style sheet re-polishes every widget, so what was built
    under the other scheme takes this one's colours; themed icons are redrawn too."""
    scheme = resolve(choice)
    app.setProperty("nextcall_scheme", scheme)  # first: palette-change handlers read it
    if not app.property("nextcall_fusion"):  # once: a style sheet wraps the style set here
        app.setStyle("Fusion")
        app.setProperty("nextcall_fusion", True)
    app.setPalette(build_palette(scheme))
    app.setStyleSheet(app_style_sheet(scheme))
    _reparse_rich_text(app)
    return scheme


def _reparse_rich_text(app: QApplication) -> None:
    """Labels of rich text resolve the colours in their HTML (links, ``palette(...)``) when the
    text is set: set it again, so the HTML takes the new scheme's colours too."""
    for widget in app.allWidgets():
        if not isinstance(widget, QLabel) or not widget.text():
            continue
        kind = widget.textFormat()
        if kind == Qt.TextFormat.RichText or (
            kind == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(widget.text())
        ):
            text = widget.text()
            widget.clear()  # (setText with the same text does nothing)
            widget.setText(text)


def palette_changed(event: QEvent) -> bool:
    """Whether a widget's ``changeEvent`` is a palette change (the theme was switched)."""
    return event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


def current_scheme() -> str:
    app = QApplication.instance()
    value = app.property("nextcall_scheme") if app is not None else None
    return value if value in ("light", "dark") else "light"


def color(name: str) -> QColor:
    """A named colour of the scheme in use: a surface (window, base, border...), text (text,
    muted) or an accent (accent, success, warning, danger, info, link)."""
    return QColor(tokens.COLORS[current_scheme()][name])


def status_color(status: str) -> QColor:
    """An application status's colour (active, offer, accepted, rejected...)."""
    colors = STATUS_COLORS[current_scheme()]
    return QColor(colors.get(status, colors["withdrawn"]))


def mark_color(name: str) -> QColor:
    """A text-mark colour (error, error_bg, missing, missing_bg) for the scheme in use."""
    return QColor(MARK_COLORS[current_scheme()][name])


def transparent() -> QColor:
    """Fully transparent (to clear a pixmap before painting on it)."""
    return QColor(0, 0, 0, 0)


def scheme_colors(table: dict[str, dict[str, str]], key: str) -> QColor:
    """``table[scheme][key]`` as a QColor, for the token tables keyed by scheme."""
    return QColor(table[current_scheme()][key])


__all__ = [
    "DISPLAY_PT",
    "FIGURE_PT",
    "HEADING_PT",
    "RADIUS_M",
    "RADIUS_S",
    "SPACING",
    "THEMES",
    "TITLE_PT",
    "IconLabel",
    "apply_theme",
    "build_palette",
    "caption",
    "choice",
    "color",
    "compact",
    "current_scheme",
    "emphasis",
    "error_text",
    "heading",
    "icon",
    "lead",
    "mark_color",
    "menu_icon",
    "muted",
    "palette_changed",
    "primary",
    "resolve",
    "scheme_colors",
    "section_label",
    "status_color",
    "status_text",
    "strong",
    "surface",
    "system_is_dark",
    "text_role",
    "toggle",
    "tokens",
    "tone",
    "transparent",
]
