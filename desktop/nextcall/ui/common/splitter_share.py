"""A two-pane splitter that keeps each pane's share of the width when the window is resized
(a side panel opened or folded, the window maximised), instead of squeezing one pane to its
minimum. Dragging the handle sets the shares; restored positions set them too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QSplitter


class KeepShare(QObject):
    def __init__(self, splitter: QSplitter, first_share: float) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.share = first_share
        self._applying = False
        self._total = 0
        splitter.splitterMoved.connect(lambda _pos, _index: self.remember())
        splitter.installEventFilter(self)
        self._apply_soon = QTimer(self, singleShot=True, interval=0)
        self._apply_soon.timeout.connect(self.apply)

    def remember(self) -> None:
        """The present sizes (the user dragged the handle, or they were restored)."""
        sizes = self.splitter.sizes()
        if len(sizes) >= 2 and sum(sizes) > 0 and not self._applying:
            self.share = sizes[0] / sum(sizes)
            self._total = sum(sizes)

    def apply(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if len(sizes) < 2 or total <= 0 or total == self._total:
            return
        first = round(total * self.share)
        self._applying = True
        self.splitter.setSizes([first, total - first, *([0] * (len(sizes) - 2))])
        self._applying = False
        self._total = total

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._apply_soon.start()
        return False
