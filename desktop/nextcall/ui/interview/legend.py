"""The interview window's numbered tag buttons (Alt+1 … Alt+9)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton

from nextcall.ui.common import theme


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
        hint = super().sizeHint()
        return QSize(60, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        text = self.full_text + (" ✓" if self.isChecked() else "")
        width = max(20, self.width() - 24)
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))

    def nextCheckState(self) -> None:
        pass  # the window decides (the tag list is the truth), then calls setChecked

    def checkStateSet(self) -> None:
        super().checkStateSet()
        self._elide()
