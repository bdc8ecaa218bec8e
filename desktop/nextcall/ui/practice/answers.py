"""Prepared answers: the question bank on the left (the playbook's questions and the user's
own), the selected question's answer on the right, saved as typed like notes, with a
confidence rating; "Drill…" runs through them aloud, weakest first."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import practice as core
from nextcall.core.errors import NextCallError
from nextcall.services import practice as service
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import Autosave, Saved, joined
from nextcall.ui.notes.text import NoteTextEdit
from nextcall.ui.practice.bank_tree import KEY_ROLE, RATING_WORDS, BankTree, dots, rating_word

__all__ = ["KEY_ROLE", "RATING_WORDS", "AnswersPage", "dots"]


class AnswersPage(QWidget):
    changed = Signal()  # an answer, rating or question changed: suggestions may differ
    drill_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.questions: dict[str, service.BankQuestion] = {}
        self.current: service.BankQuestion | None = None
        self._loading = False

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("practiceAnswersSplitter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.drill_button = QPushButton(self.tr("Drill…"))
        self.drill_button.setToolTip(
            self.tr(
                "Answer aloud one question at a time, weakest first, then rate yourself (Ctrl+D)"
            )
        )
        self.drill_button.setShortcut(QKeySequence("Ctrl+D"))
        self.drill_button.setDefault(True)
        self.drill_button.clicked.connect(self.drill_requested)
        self.add_button = QPushButton(self.tr("Add a question…"))
        self.add_button.clicked.connect(self.add_question)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete this question of your own (asks first)"))
        self.delete_button.clicked.connect(self.delete_question)
        buttons.addWidget(self.drill_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.tree = BankTree()
        self.tree.currentItemChanged.connect(self._selected)
        column.addWidget(self.tree, 1)
        split.addWidget(left)

        right = QWidget()
        editor = QVBoxLayout(right)
        editor.setContentsMargins(12, 0, 0, 0)
        self.category = QLabel("")
        theme.muted(self.category, small=True)
        editor.addWidget(self.category)
        self.question = QLabel("")
        self.question.setWordWrap(True)
        theme.heading(self.question, 2)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        editor.addWidget(self.question)
        self.why = QLabel("")
        self.why.setWordWrap(True)
        theme.muted(self.why)
        editor.addWidget(self.why)
        self.rename_button = QPushButton(self.tr("Edit the question…"))
        self.rename_button.clicked.connect(self.rename_question)
        editor.addWidget(self.rename_button, 0, Qt.AlignmentFlag.AlignLeft)
        answer_label = QLabel(
            self.tr("<b>Your answer</b> — say it aloud as you would in the interview")
        )
        answer_label.setWordWrap(True)
        editor.addSpacing(6)
        editor.addWidget(answer_label)
        self.answer = NoteTextEdit()
        self.answer.setAccessibleName(self.tr("Your prepared answer"))
        self.answer.setPlaceholderText(
            self.tr(
                "Write what you will say, in your own words. Short sentences are easier to say."
            )
        )
        answer_label.setBuddy(self.answer)
        editor.addWidget(self.answer, 1)
        rating = QHBoxLayout()
        rating.addWidget(QLabel(self.tr("Confidence:")))
        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        for value in range(core.SCORE_MIN, core.SCORE_MAX + 1):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setFixedWidth(34)
            theme.choice(button)
            button.setToolTip(f"{value}: {rating_word(value)}")
            button.setAccessibleName(self.tr("Confidence {value} of 5").format(value=value))
            self.rating_group.addButton(button, value)
            rating.addWidget(button)
        self.rating_group.idClicked.connect(self._rated)
        self.rating_words = RatingWords()
        theme.muted(self.rating_words)
        rating.addWidget(self.rating_words, 1)
        editor.addLayout(rating)
        bottom = QHBoxLayout()
        self.practised = QLabel("")
        self.practised.setWordWrap(True)
        theme.muted(self.practised, small=True)
        self.status = QLabel("")
        self.status.setAccessibleName(self.tr("Save status"))
        theme.muted(self.status, small=True)
        bottom.addWidget(self.practised, 1)
        bottom.addWidget(self.status)
        editor.addLayout(bottom)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([530, 350])

        self.autosave = Autosave(
            partial(save_answer, db),
            {"answer": self.answer.document()},
            self,
            name="nextcall-answers-save",
        )
        self.autosave.status_changed.connect(self.status.setText)
        self.autosave.committed.connect(self._committed)
        self.answer.textChanged.connect(self._edited)
        self.status.setText(self.autosave.status)
        self.reload()

    # -- the bank ------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the bank again (after a drill, a restore) and keep the selection. Not while
        the answer shown could not be saved (a full disk): it would be shown as stored."""
        if not self.autosave.flush():
            return
        keep = select or (self.current.key if self.current else None)
        self.current = None  # shown again below, with what is stored now
        bank = service.question_bank(self.db)
        self.questions = {q.key: q for q in bank}
        self.tree.blockSignals(True)
        self.tree.fill(bank, self.db.clock.today())
        self.tree.blockSignals(False)
        target = self.tree.item(keep) or self.tree.first_item()
        if target is not None:
            self.tree.setCurrentItem(target)
        self._selected(self.tree.currentItem(), None)

    def select(self, key: str) -> None:
        item = self.tree.item(key)
        if item is not None:
            self.tree.setCurrentItem(item)

    def ordered_for_drill(self) -> list[service.BankQuestion]:
        """The bank in drill order: weakest and least recently practised first."""
        self.autosave.flush()
        bank = service.question_bank(self.db)
        return core.drill_order(bank, lambda q: q.confidence, lambda q: q.last_practised_at)

    # -- the editor ----------------------------------------------------------------------------

    def _selected(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        if key is not None and self.current is not None and key == self.current.key:
            return
        if not self.autosave.flush() and self.current is not None:
            # Not saved (a full disk: the status line says so): stay on it, keep the text.
            kept = self.tree.item(self.current.key)
            if kept is not None:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(kept)
                self.tree.blockSignals(False)
            return
        self.current = self.questions.get(key) if key else None
        self._show(self.current)

    def _show(self, q: service.BankQuestion | None) -> None:
        self._loading = True
        try:
            enabled = q is not None
            self.answer.setEnabled(enabled)
            for button in self.rating_group.buttons():
                button.setEnabled(enabled)
            if q is None:
                self.autosave.follow(None)
                self.category.setText("")
                self.question.setText(self.tr("Choose a question on the left."))
                self.why.setText("")
                self.answer.setPlainText("")
                self.rename_button.hide()
                self.delete_button.setEnabled(False)
                self._show_rating(None)
                self.practised.setText("")
                return
            self.autosave.follow(q.key)
            self.category.setText(core.CATEGORY_LABELS[q.category].upper())
            self.question.setText(q.text)
            self.why.setText(q.why)
            self.why.setVisible(bool(q.why))
            self.rename_button.setVisible(q.own)
            self.delete_button.setEnabled(q.own)
            self.answer.setPlainText(q.answer)
            self._show_rating(q.confidence)
            when = q.last_practised_at
            self.practised.setText(
                f"Last drilled aloud: {when:%d %b %Y, %H:%M}" if when else "Not drilled aloud yet"
            )
        finally:
            self._loading = False

    def _show_rating(self, value: int | None) -> None:
        self.rating_group.setExclusive(False)
        for button in self.rating_group.buttons():
            button.setChecked(self.rating_group.id(button) == value)
        self.rating_group.setExclusive(True)
        self.rating_words.setText(
            rating_word(value) if value in RATING_WORDS else self.tr("not rated yet")
        )

    def _edited(self) -> None:
        if not self._loading:
            self.autosave.mark("answer")

    def _committed(self, result: Saved) -> None:
        key = str(result.key)
        q = self.questions.get(key)
        if q is None:
            return
        answer = self.answer.toPlainText() if self.current and self.current.key == key else ""
        self.tree.mark_answered(q.key, bool(answer.strip()))
        self.questions[q.key] = _replace(q, answer=answer)
        if self.current is not None and self.current.key == q.key:
            self.current = self.questions[q.key]
        self.changed.emit()

    def _rated(self, value: int) -> None:
        if self.current is None:
            return
        try:
            service.set_confidence(self.db, self.current.key, value)
        except NextCallError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        q = _replace(self.current, confidence=value)
        self.questions[q.key] = self.current = q
        self._show_rating(value)
        item = self.tree.item(q.key)
        if item is not None:
            item.setText(1, dots(value))
        self.changed.emit()

    # -- own questions -------------------------------------------------------------------------

    def add_question(self) -> None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Add a question"),
            self.tr("A question you were asked, or expect to be asked:"),
        )
        if not ok or not text.strip():
            return
        self._apply(lambda: service.add_own_question(self.db, text))

    def rename_question(self) -> None:
        if self.current is None or not self.current.own:
            return
        text, ok = QInputDialog.getText(
            self, self.tr("Edit the question"), self.tr("The question:"), text=self.current.text
        )
        if ok and text.strip():
            key = self.current.key

            def rename() -> str:
                service.rename_own_question(self.db, key, text)
                return key

            self._apply(rename)

    def delete_question(self) -> None:
        if self.current is None or not self.current.own:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the question"),
            self.tr("Delete “{text}” and your answer to it?").format(text=self.current.text),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.autosave.flush()
        key = self.current.key
        self.autosave.follow(None)
        self.current = None

        def delete() -> None:
            service.delete_own_question(self.db, key)

        self._apply(delete)

    def _apply(self, action: Callable[[], str | None]) -> None:
        try:
            key = action()
        except NextCallError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.reload(select=key)
        self.changed.emit()

    # -- lifecycle -----------------------------------------------------------------------------

    def flush(self) -> bool:
        return self.autosave.flush()

    def shutdown(self) -> None:
        self.autosave.flush()
        self.autosave.shutdown()


class RatingWords(QLabel):
    """The word for the rating beside the buttons ("getting there"), never clipped: the layout
    keeps room for the longest of the words, in the label's current font."""

    def _widest(self) -> int:
        words = [rating_word(value) for value in RATING_WORDS]
        words.append(self.tr("not rated yet"))
        margins = self.contentsMargins()
        width = max(self.fontMetrics().horizontalAdvance(word) for word in words)
        return width + margins.left() + margins.right() + 2

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._widest()), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._widest()), hint.height())


def save_answer(db: Database, key: str, fields: dict[str, Any]) -> Saved:
    """The autosave's save (on the background thread): one prepared answer."""
    return Saved(key, service.save_answer(db, key, joined(fields["answer"])))


def _replace(q: service.BankQuestion, **changes: Any) -> service.BankQuestion:
    from dataclasses import replace

    return replace(q, **changes)
