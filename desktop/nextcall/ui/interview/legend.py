"""The interview window's numbered tag buttons (Alt+1 … Alt+9)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton

from nextcall.ui.common import theme
from nextcall.ui.common.elided_label import two_lines


class LegendButton(QToolButton):
    """A numbered tag: its name elided to fit a third of the window; ticked when applied."""

    def __init__(self) -> None:
        super().__init__()
        self.full_text = ""
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        theme.choice(self)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._elide()

    def sizeHint(self) -> QSize:
        # Room for two lines, so "1 English grammar" wraps instead of being cut off.
        line = self.fontMetrics().lineSpacing()
        return QSize(60, max(super().sizeHint().height(), 2 * line + 10))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        """The name on one line, or wrapped onto two, cut with "…" only past that."""
        text = self.full_text + (" ✓" if self.isChecked() else "")
        width = max(20, self.width() - 14)
        self.setText("\n".join(two_lines(self.fontMetrics(), text, width)))

    def nextCheckState(self) -> None:
        pass  # the window decides (the tag list is the truth), then calls setChecked

    def checkStateSet(self) -> None:
        super().checkStateSet()
        self._elide()
