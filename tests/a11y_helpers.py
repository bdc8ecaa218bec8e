"""Finding interactive controls that a screen reader could not name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
)


def _inside_a_control(widget: QWidget) -> bool:
    """Parts of a composite control (a combo box's list, a spin box's field, tab scrollers,
    a search field's clear button):
    the control itself carries the name."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QTabBar | QLineEdit):
            return True
        if parent.isWindow() and parent.inherits("QComboBoxPrivateContainer"):
            return True
        parent = parent.parentWidget()
    return False


def _has_visible_text(widget: QWidget) -> bool:
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().replace("&", "").strip())
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """Every interactive control under ``root`` without an accessible name, button text or a
    label whose buddy it is, described as class(objectName) at parent chain."""
    buddies = {
        id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None
    }
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView | QScrollBar):
            continue
        if widget.objectName().startswith("qt_") or _inside_a_control(widget):
            continue
        if widget.accessibleName().strip() or _has_visible_text(widget) or id(widget) in buddies:
            continue
        chain = []
        parent = widget.parentWidget()
        while parent is not None and len(chain) < 4:
            chain.append(
                type(parent).__name__ + (f"#{parent.objectName()}" if parent.objectName() else "")
            )
            parent = parent.parentWidget()
        hint = getattr(widget, "placeholderText", lambda: "")() or widget.toolTip()
        found.append(f"{type(widget).__name__} '{hint[:40]}' in {' < '.join(chain)}")
    return found
