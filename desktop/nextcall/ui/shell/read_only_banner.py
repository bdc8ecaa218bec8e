"""The banner over the tabs while the data is open read-only (a full disk, a read-only drive,
a folder without permission): what is wrong, what to do, and that NextCall must be opened
again afterwards (the data stays read-only until then)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QVBoxLayout, QWidget

from nextcall.core.errors import IN_A_TERMINAL
from nextcall.ui.common.theme.roles import strong, surface, tone
from nextcall.ui.common.theme.tokens import SPACE_M, SPACE_S


class ReadOnlyBanner(QFrame):
    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBox")
        surface(self, "notice")
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE_M, SPACE_S, SPACE_M, SPACE_S)
        self.title = QLabel(self.tr("Read-only: nothing you change is saved"))
        strong(self.title)
        tone(self.title, "danger")
        words, _, command = reason.partition(IN_A_TERMINAL)
        self.reason = QLabel(
            self.tr("{reason} Once that is fixed, close NextCall and open it again.").format(
                reason=words
            )
        )
        self.reason.setObjectName("readOnlyBanner")
        self.reason.setWordWrap(True)
        column.addWidget(self.title)
        column.addWidget(self.reason)
        # The command that fixes it, whole on a line of its own (a path wraps at its slashes).
        self.command = QLabel(self.tr("In a terminal: {command}").format(command=command))
        self.command.setObjectName("readOnlyCommand")
        self.command.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.command.setVisible(bool(command))
        column.addWidget(self.command)
        for label in (self.reason, self.command):
            label.setTextFormat(Qt.TextFormat.PlainText)  # a folder's name is not markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


def put_above_tabs(window: QMainWindow, banner: QWidget) -> None:
    """Show ``banner`` above the window's central widget, across its width. (In the status
    bar a wrapped label takes the height of three lines for one, far from the eye.)"""
    content = window.takeCentralWidget()
    assert content is not None
    holder = QWidget()
    stack = QVBoxLayout(holder)
    stack.setContentsMargins(0, SPACE_S, 0, 0)
    stack.setSpacing(SPACE_S)
    stack.addWidget(banner)
    stack.addWidget(content, 1)
    window.setCentralWidget(holder)
