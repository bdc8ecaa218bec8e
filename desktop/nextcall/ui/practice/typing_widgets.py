"""The typing test's two text widgets: the passage, which shows progress while typing and the
scored marks at the end (colours from the theme), and the typing box, which refuses paste."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from nextcall.core import typing_test as tt
from nextcall.ui.common.theme import mark_color, palette_changed


class TypingBox(QPlainTextEdit):
    """Where the user types: paste, drops and Enter do nothing (paste says why)."""

    paste_refused = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(False)
        self.setTabChangesFocus(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return False

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.paste_refused.emit()  # Ctrl+V, Shift+Insert, a middle click: all end here

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.stop_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # the passage is one paragraph
        super().keyPressEvent(event)


class PassageView(QTextEdit):
    """The passage to type: typed part greyed and the next character highlighted while the
    test runs, then the errors marked in place. Recolours itself on a theme switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the typing box keeps the keys
        self.text = ""
        self.result: tt.TypingResult | None = None
        self._shown_len = 0
        self._theming = False
        self._formats()

    def show_text(self, text: str) -> None:
        """A new passage, nothing typed yet."""
        self.text, self.result = text, None
        self._show_passage()

    def show_progress(self, typed: int) -> None:
        self._move_progress(typed)

    def show_result(self, result: tt.TypingResult) -> None:
        self.result = result
        self._show_marks(result)

    def _formats(self) -> None:
        palette = self.palette()
        self.f_plain = QTextCharFormat()
        self.f_plain.setForeground(palette.color(QPalette.ColorRole.Text))
        self.f_done = QTextCharFormat()
        self.f_done.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        self.f_next = QTextCharFormat()
        self.f_next.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        self.f_next.setBackground(palette.color(QPalette.ColorRole.Highlight))
        self.f_wrong = QTextCharFormat()
        self.f_wrong.setForeground(mark_color("error"))
        self.f_wrong.setBackground(mark_color("error_bg"))
        self.f_wrong.setFontUnderline(True)
        self.f_extra = QTextCharFormat(self.f_wrong)
        self.f_extra.setFontUnderline(False)
        self.f_extra.setFontStrikeOut(True)
        self.f_missing = QTextCharFormat()
        self.f_missing.setForeground(mark_color("missing"))
        self.f_missing.setBackground(mark_color("missing_bg"))
        self.f_missing.setFontUnderline(True)
        self.f_missing.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)

    def _show_passage(self) -> None:
        """The passage, nothing typed yet: the first character marked as the next one."""
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        cursor = QTextCursor(document)
        cursor.insertText(self.text, self.f_plain)
        self.setDocument(document)
        self._shown_len = -1
        self._move_progress(0)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(start, len(self.text)))
        cursor.setPosition(min(end, len(self.text)), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _move_progress(self, typed: int) -> None:
        """Typed text greyed, the next character highlighted. Drawn as extra selections over
        the passage, so a key never lays the (one-paragraph) passage out again and costs the
        same at the end of a long text as at its start."""
        if typed == self._shown_len:
            return
        self.setExtraSelections(
            [
                self._selection(0, typed, self.f_done),
                self._selection(typed, typed + 1, self.f_next),
            ]
        )
        self._shown_len = typed
        self._keep_visible(typed)

    def _keep_visible(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, len(self.text)))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _show_marks(self, result: tt.TypingResult) -> None:
        """The passage as scored: right text plain, wrong characters marked (what was typed
        in the tooltip of the legend), extra ones struck through, left-out ones dotted; the
        part never reached greyed."""
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        cursor = QTextCursor(document)
        formats = {
            "ok": self.f_plain,
            "wrong": self.f_wrong,
            "extra": self.f_extra,
            "missing": self.f_missing,
        }
        for segment in result.segments:
            cursor.insertText(segment.text, formats[segment.mark])
        cursor.insertText(self.text[result.reached :], self.f_done)
        self.setExtraSelections([])
        self.setDocument(document)
        self._keep_visible(0)

    def legend(self) -> str:
        """The marks explained, in rich text, in the theme's colours."""

        def sample(fg: QColor, bg: QColor, text: str, style: str) -> str:
            return (
                f'<span style="color:{fg.name()}; background:{bg.name()}; {style}">'
                f"&nbsp;{text}&nbsp;</span>"
            )

        wrong = sample(
            mark_color("error"), mark_color("error_bg"), "abc", "text-decoration: underline;"
        )
        extra = sample(
            mark_color("error"), mark_color("error_bg"), "abc", "text-decoration: line-through;"
        )
        missing = sample(
            mark_color("missing"), mark_color("missing_bg"), "abc", "text-decoration: underline;"
        )
        return self.tr(
            "In the passage above: {wrong} typed wrong, {extra} typed but not in the "
            "passage, {missing} left out."
        ).format(wrong=wrong, extra=extra, missing=missing)

    def changeEvent(self, event: QEvent) -> None:
        if palette_changed(event) and not self._theming:
            self._theming = True
            try:
                self._formats()
                if self.result is not None:
                    self._show_marks(self.result)
                else:
                    typed = self._shown_len
                    self._show_passage()
                    self._move_progress(typed)
            finally:
                self._theming = False
        super().changeEvent(event)
