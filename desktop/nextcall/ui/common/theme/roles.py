"""Roles a widget asks for instead of writing a style sheet: a step of the type scale, a tone
of text, a kind of surface, the primary button. Each sets one dynamic property that the
app-wide style sheet (theme/sheet.py) styles for the scheme in use, so a theme switch restyles
the widget with the rest of the window.

    heading(title, 1)      # a page or dialog title; 2: a section heading; 3: bold body text
    muted(hint, small=True)
    error_text(message)    # danger; tone(label, "success") for the others
    status_text(label, "rejected")
    primary(save_button)
    surface(frame, "card")
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

TYPE = "nc_type"  # display, title, heading, lead, caption, strong (see sheet.TYPE_RULES)
TONE = "nc_tone"  # muted, danger, success, warning, info, accent, status-<status>
SURFACE = "nc_surface"  # card, banner, quote, content, notice, empty, footer, frame, chip
ROLE = "nc_role"  # primary, toggle, link
EMPHASIS = "nc_strong"  # "true": bold on top of any type step

HEADING_LEVELS = {1: "title", 2: "heading", 3: "strong"}


def _set(widget: QWidget, name: str, value: str | None) -> None:
    """Set (or clear, with None) a styling property; re-polish if the widget was styled."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()


def text_role(widget: QWidget, step: str | None) -> None:
    """A step of the type scale: display, title, heading, lead, caption, strong; None: body."""
    _set(widget, TYPE, step)


def heading(widget: QWidget, level: int = 1) -> None:
    """1: the title of a page or dialog; 2: a section heading; 3: bold body text."""
    _set(widget, TYPE, HEADING_LEVELS[level])


def lead(widget: QWidget) -> None:
    """A larger paragraph that introduces a screen or an empty state."""
    _set(widget, TYPE, "lead")


def caption(widget: QWidget) -> None:
    """Small text: hints under fields, counts, time stamps."""
    _set(widget, TYPE, "caption")


def strong(widget: QWidget, on: bool = True) -> None:
    """Bold text at the body size."""
    _set(widget, TYPE, "strong" if on else None)


def emphasis(widget: QWidget, on: bool = True) -> None:
    """Bold on top of whatever type step the widget has (a caption in bold, say)."""
    _set(widget, EMPHASIS, "true" if on else None)


def tone(widget: QWidget, name: str | None) -> None:
    """The text's colour by meaning: muted, danger, success, warning, info, accent; or
    status-<status> (status-rejected...); None: the normal text colour."""
    _set(widget, TONE, name)


def muted(widget: QWidget, *, small: bool = False) -> None:
    """Secondary text; ``small`` also takes the caption size."""
    _set(widget, TONE, "muted")
    if small:
        _set(widget, TYPE, "caption")


def error_text(widget: QWidget, *, small: bool = False) -> None:
    """A problem the user must fix (the danger colour)."""
    _set(widget, TONE, "danger")
    if small:
        _set(widget, TYPE, "caption")


def status_text(widget: QWidget, status: str | None) -> None:
    """Text in an application status's colour (active, offer, rejected...)."""
    _set(widget, TONE, f"status-{status}" if status else None)


def surface(widget: QWidget, kind: str | None) -> None:
    """A painted background: card (raised, bordered), option (a card that takes clicks: its
    border lights on hover and focus), field (text to read, bordered on the base colour),
    banner (accent edge), quote, content (the base colour, for lists of rows), notice, empty
    (dashed outline), footer, frame, sunken, separator, outline / invalid (a group of fields,
    bordered in the danger colour while it has a problem), chip."""
    if kind is not None and type(widget) is QWidget:
        widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    _set(widget, SURFACE, kind)


def primary(button: QAbstractButton, on: bool = True) -> None:
    """The one main action of a screen or dialog: filled with the accent colour."""
    _set(button, ROLE, "primary" if on else None)


def toggle(button: QAbstractButton) -> None:
    """A checkable button whose checked state shows in bold (a segmented choice)."""
    _set(button, ROLE, "toggle")


def section_label(widget: QWidget, tone_name: str = "muted") -> None:
    """The small bold label over a group of rows (OVERDUE · 1): caption size, bold, a tone."""
    _set(widget, TYPE, "caption")
    _set(widget, EMPHASIS, "true")
    _set(widget, TONE, tone_name)


def compact(button: QAbstractButton) -> None:
    """A small outlined button for actions repeated on every row of a list."""
    _set(button, ROLE, "compact")


def choice(button: QAbstractButton) -> None:
    """An outlined checkable button, filled with the accent colour when checked (one of a row
    of choices: a script, a confidence score, an area in the legend)."""
    _set(button, ROLE, "choice")
