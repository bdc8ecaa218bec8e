"""The main window's tabs, each built the first time it is needed.

A tab starts as an empty page in the tab bar (its name is all the first paint shows of it); it
is built, and its modules imported, when it is first shown, first asked for by the window
(``page(name)``), or in idle time after the first paint (``build_all_soon``). Building swaps
the real widget in at the same index, without a visible change of tab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QObject):
    built = Signal(str, QWidget)  # a tab's name and its widget, right after it was built
    all_built = Signal()  # the last tab not built yet has just been

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self._names: list[str] = []
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}
        self._swapping = False
        self._stopped = False
        tabs.currentChanged.connect(self._shown)

    def add(self, name: str, label: str, factory: Callable[[], QWidget]) -> None:
        """A tab built by ``factory`` when first needed."""
        self._names.append(name)
        self._factories[name] = factory
        self.tabs.addTab(QWidget(), label)

    def add_built(self, name: str, label: str, widget: QWidget) -> None:
        """A tab built at once (the one the first paint shows)."""
        self._names.append(name)
        self._pages[name] = widget
        self.tabs.addTab(widget, label)

    def is_built(self, name: str) -> bool:
        return name in self._pages

    def built_pages(self) -> list[QWidget]:
        return [self._pages[name] for name in self._names if name in self._pages]

    def index_of(self, name: str) -> int:
        return self._names.index(name)

    def page(self, name: str) -> QWidget:
        """The tab's widget, built now if it was not yet."""
        if name not in self._pages:
            self._build(name)
        return self._pages[name]

    def build_all(self) -> None:
        """Build every tab now."""
        for name in list(self._names):
            self.page(name)

    def stop(self) -> None:
        """The window is closing: build nothing more in idle time."""
        self._stopped = True

    def build_all_soon(self, pause_ms: int = 0) -> None:
        """Build the remaining tabs one at a time, each when the event loop is idle, so the
        window keeps answering in between; ``all_built`` follows the last (at once when
        every tab is built already)."""
        waiting = [name for name in self._names if name not in self._pages]
        if not waiting:
            self.all_built.emit()
        elif not self._stopped:
            QTimer.singleShot(pause_ms, self, lambda: self._build_next(pause_ms))

    def _build_next(self, pause_ms: int) -> None:
        if self._stopped:
            return
        waiting = [name for name in self._names if name not in self._pages]
        if waiting:  # (one may have been built meanwhile, when it was shown)
            self._build(waiting[0])
            self.build_all_soon(pause_ms)

    def _shown(self, index: int) -> None:
        if self._swapping or not 0 <= index < len(self._names):
            return
        name = self._names[index]
        if name not in self._pages:
            self._build(name)

    def _build(self, name: str) -> None:
        widget = self._factories.pop(name)()
        self._pages[name] = widget
        index = self._names.index(name)
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        label = self.tabs.tabText(index)
        icon = self.tabs.tabIcon(index)
        self._swapping = True
        try:
            self.tabs.setUpdatesEnabled(False)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, icon, label)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.setUpdatesEnabled(True)
            self._swapping = False
        if placeholder is not None:
            placeholder.deleteLater()
        self.built.emit(name, widget)
