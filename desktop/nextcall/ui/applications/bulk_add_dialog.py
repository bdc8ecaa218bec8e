"""Add many applications at once: paste a list of companies, see what each line will become,
then add them all in one go (one transaction: all or nothing)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.bulk import decode_list
from nextcall.core.errors import NextCallError, ValidationError
from nextcall.core.validation import parse_date
from nextcall.services.bulk import BulkPreview, BulkResult, Kind, commit, preview
from nextcall.services.database import Database
from nextcall.ui.applications.bulk_preview import (
    COLUMNS,
    DEBOUNCE_MS,
    KIND_LABELS,
    PLACEHOLDER,
    NumberedTextEdit,
    counts_text,
    describe,
    dot,
    explain,
    kind_color,
)
from nextcall.ui.common import theme
from nextcall.ui.common.discard import DiscardGuard
from nextcall.ui.common.operations import Change, run_op
from nextcall.ui.common.screen_fit import fit_dialog

# What adding applications writes: them, their first milestone and its follow-ups.
ADDED = frozenset({Change.APPLICATIONS, Change.STAGES, Change.FOLLOW_UPS})

log = logging.getLogger(__name__)


class BulkAddDialog(DiscardGuard, QDialog):
    """Paste, check the preview, add. Escape or Cancel after typing asks before throwing the
    input away (DiscardGuard). ``added_ids`` holds the new applications' ids once the
    dialog is accepted (empty otherwise); ``bulk_result`` the full outcome."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.added_ids: list[int] = []
        self.bulk_result: BulkResult | None = None
        self.current: BulkPreview | None = None
        self._applied: date | None = db.clock.today()
        self._date_ok = True
        self.setWindowTitle(self.tr("Add applications in bulk"))
        self.setMinimumSize(760, 520)
        fit_dialog(self, QSize(1060, 680))  # within 90 % of the screen

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh_now)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr(
                "Paste the companies you applied to, one per line: a spreadsheet column, a note "
                "or a "
                "job-board list all work. Each line is checked against your applications before "
                "anything is added."
            )
        )
        intro.setWordWrap(True)
        theme.muted(intro)
        layout.addWidget(intro)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._paste_side())
        self.splitter.addWidget(self._preview_side())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setHandleWidth(14)
        self.splitter.setSizes([330, 730])
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._shared_fields())
        layout.addLayout(self._bottom())

        self.paste.textChanged.connect(self.schedule)
        self.paste.cursorPositionChanged.connect(self._follow_cursor)
        self.position.textChanged.connect(self.schedule)
        self.source.textChanged.connect(self.schedule)
        self.applied.textChanged.connect(self._date_changed)
        self.include_all.toggled.connect(self._update_button)
        self.tree.itemActivated.connect(self._go_to_line)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.add)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.add)

        for first, second in (
            (self.load_button, self.paste),
            (self.paste, self.position),
            (self.position, self.applied),
            (self.applied, self.source),
            (self.source, self.include_all),
            (self.include_all, self.add_button),
            (self.add_button, self.cancel_button),
            (self.cancel_button, self.tree),
        ):
            QWidget.setTabOrder(first, second)

        self.applied.setText(self.tr("today"))
        self.refresh_now()
        self.paste.setFocus()
        self._opened_with = self._typed_text()

    def _typed_text(self) -> tuple[str, ...]:
        fields = (self.paste.toPlainText(), self.position.text(), self.applied.text())
        return tuple(text.strip() for text in (*fields, self.source.text()))

    def typed(self) -> bool:
        """Whether anything was pasted or typed since the dialog opened."""
        return self._typed_text() != self._opened_with

    # -- building ------------------------------------------------------------------------------

    def _paste_side(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        header = QHBoxLayout()
        self.paste = NumberedTextEdit()
        self.paste.setObjectName("bulkPaste")
        self.paste.setPlaceholderText(self.tr(PLACEHOLDER))
        self.paste.setAccessibleName(self.tr("Companies, one per line"))
        self.paste.setAccessibleDescription(self.tr(PLACEHOLDER))
        self.paste.setTabChangesFocus(True)
        self.paste.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        label = QLabel(self.tr("&Companies, one per line"))
        label.setBuddy(self.paste)
        theme.strong(label)
        header.addWidget(label)
        header.addStretch(1)
        self.load_button = QPushButton(self.tr("Load from &file…"))
        self.load_button.setAccessibleName(self.tr("Load companies from a file"))
        self.load_button.setToolTip(self.tr("Add the lines of a text file (UTF-8) to the list"))
        self.load_button.setAutoDefault(False)
        self.load_button.clicked.connect(self.load_file)
        header.addWidget(self.load_button)
        column.addLayout(header)
        column.addWidget(self.paste, 1)
        self.file_note = QLabel("")
        self.file_note.setWordWrap(True)
        theme.muted(self.file_note, small=True)
        self.file_note.hide()
        column.addWidget(self.file_note)
        return box

    def _preview_side(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.counts = QLabel("")
        self.counts.setObjectName("bulkCounts")
        theme.strong(self.counts)
        self.counts.setAccessibleName(self.tr("Preview summary"))
        self.counts.setMinimumHeight(self.load_button.sizeHint().height())
        column.addWidget(self.counts)
        self.tree = QTreeWidget()
        self.tree.setObjectName("bulkPreview")
        self.tree.setAccessibleName(self.tr("Preview: what each line will become"))
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 200)
        column.addWidget(self.tree, 1)
        return box

    def _shared_fields(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(3)
        title = QLabel(self.tr("Same for every application"))
        theme.strong(title)
        grid.addWidget(title, 0, 0, 1, 3)
        self.errors: dict[str, QLabel] = {}
        self.position = self._field(
            grid, 0, "position", "&Position", "e.g. Customer Service Representative"
        )
        self.applied = self._field(
            grid, 1, "applied_on", "&Date applied", "today, 3 Nov, 2026-11-03"
        )
        self.source = self._field(grid, 2, "source", "&Source", "e.g. Job board, walk-in, referral")
        self.position.setAccessibleName(self.tr("Position, for every application"))
        self.applied.setAccessibleName(self.tr("Date applied, for every application"))
        self.source.setAccessibleName(self.tr("Source, for every application"))
        self.date_hint = QLabel("")
        theme.muted(self.date_hint, small=True)
        grid.addWidget(self.date_hint, 4, 1)
        for col, stretch in enumerate((3, 2, 3)):
            grid.setColumnStretch(col, stretch)
        grid.setRowMinimumHeight(3, 0)
        return box

    def _field(self, grid: QGridLayout, col: int, name: str, label: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"bulk_{name}")
        edit.setPlaceholderText(hint)
        caption = QLabel(label)
        caption.setBuddy(edit)
        grid.addWidget(caption, 1, col)
        grid.addWidget(edit, 2, col)
        error = QLabel("")
        error.setWordWrap(True)
        theme.error_text(error, small=True)
        error.hide()
        grid.addWidget(error, 3, col)
        self.errors[name] = error
        return edit

    def _bottom(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(6)
        self.message = QLabel("")
        self.message.setObjectName("bulkMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.error_text(self.message)
        self.message.hide()
        column.addWidget(self.message)
        row = QHBoxLayout()
        self.include_all = QCheckBox(self.tr("Add duplicates and cooldown companies &anyway"))
        self.include_all.setAccessibleName(self.tr("Add duplicates and cooldown companies anyway"))
        self.include_all.setToolTip(
            self.tr(
                "Without this, companies you already have an open application with, and companies "
                "still in their re-apply waiting period, are skipped."
            )
        )
        row.addWidget(self.include_all)
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.add_button = QPushButton(self.tr("Add applications"))
        self.add_button.setObjectName("bulkAdd")
        self.add_button.setDefault(True)
        self.add_button.setToolTip(self.tr("Adds them all in one go (Ctrl+Enter)"))
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.cancel_button)
        row.addWidget(self.add_button)
        column.addLayout(row)
        return column

    # -- preview -------------------------------------------------------------------------------

    def schedule(self) -> None:
        """Restart the debounce: the preview follows typing ~200 ms after it pauses."""
        self.timer.start()

    def _date_changed(self, text: str) -> None:
        try:
            value = parse_date(text, today=self.db.clock.today(), allow_future=False)
        except ValidationError as exc:
            self._applied, self._date_ok = None, False
            self.date_hint.setText("")
            self._show_error("applied_on", str(exc))
        else:
            self._applied, self._date_ok = value, True
            self._show_error("applied_on", "")
            self.date_hint.setText(f"→ {value:%A}, {value.day} {value:%B %Y}" if value else "")
        self.schedule()

    def _show_error(self, name: str, message: str) -> None:
        label = self.errors[name]
        label.setText(message)
        label.setVisible(bool(message))
        if name == "applied_on":
            self.date_hint.setVisible(not message)

    def refresh_now(self) -> None:
        """Run the preview now (also what the debounce timer calls)."""
        self.timer.stop()
        try:
            self.current = preview(
                self.db,
                self.paste.toPlainText(),
                position=self.position.text(),
                applied_on=self._applied,
                source=self.source.text(),
            )
        except NextCallError as exc:  # e.g. the database became unreadable
            self.current = None
            self._show_message(str(exc))
        self._fill_tree()
        errors = self.current.field_errors if self.current else {}
        for name in ("position", "source"):
            self._show_error(name, errors.get(name, ""))
        self.counts.setText(counts_text(self.current))
        empty = self.current is None or not self.current.items
        theme.tone(self.counts, "muted" if empty else None)
        theme.strong(self.counts, not empty)
        self._update_button()

    def _fill_tree(self) -> None:
        scroll = self.tree.verticalScrollBar().value()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        items = self.current.items if self.current else ()
        icons = {kind: dot(kind_color(kind)) for kind in Kind}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        muted = self.palette().placeholderText().color()
        rows = []
        for item in items:
            name = item.name or item.text
            row = QTreeWidgetItem(
                [str(item.line), name, self.tr(KIND_LABELS[item.kind]), describe(item)]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, item.line)
            row.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setIcon(2, icons[item.kind])
            row.setForeground(2, kind_color(item.kind))
            row.setFont(2, bold)
            if item.kind is Kind.INVALID:
                row.setForeground(1, muted)
            row.setForeground(0, muted)
            for col in range(len(COLUMNS)):
                row.setToolTip(col, explain(item))
            rows.append(row)
        self.tree.addTopLevelItems(rows)
        self.tree.setUpdatesEnabled(True)
        self.tree.verticalScrollBar().setValue(scroll)

    def _chosen_count(self) -> int:
        if self.current is None:
            return 0
        allow = self.include_all.isChecked()
        return self.current.to_add(allow_duplicates=allow, include_cooldown=allow)

    def _update_button(self) -> None:
        n = self._chosen_count()
        self.add_button.setText(f"Add {n} application" + ("" if n == 1 else "s"))
        ok = bool(n) and self._date_ok and not (self.current and self.current.field_errors)
        self.add_button.setEnabled(ok)

    def _follow_cursor(self) -> None:
        """Select the preview row of the line the cursor is on."""
        line = self.paste.textCursor().blockNumber() + 1
        for index in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(index)
            if row is not None and row.data(0, Qt.ItemDataRole.UserRole) == line:
                self.tree.setCurrentItem(row)
                self.tree.scrollToItem(row)
                return

    def _go_to_line(self, row: QTreeWidgetItem) -> None:
        """Enter or double-click on a preview row: put the cursor on that line to fix it."""
        line = int(row.data(0, Qt.ItemDataRole.UserRole))
        block = self.paste.document().findBlockByNumber(line - 1)
        if block.isValid():
            cursor = self.paste.textCursor()
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, cursor.MoveMode.KeepAnchor)
            self.paste.setTextCursor(cursor)
            self.paste.setFocus()

    # -- actions -------------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def load_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Load companies from a file"),
            "",
            self.tr("Text files (*.txt *.csv *.md);;All files (*)"),
        )
        if not path:
            return
        name = Path(path).name
        try:
            text = decode_list(Path(path).read_bytes(), source=name)
        except ValidationError as exc:
            self._show_message(str(exc))
            return
        except OSError as exc:
            self._show_message(f"Could not read {name}: {exc.strerror or exc}")
            return
        self._show_message("")
        cursor = self.paste.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        existing = self.paste.toPlainText()
        joiner = "\n" if existing and not existing.endswith("\n") else ""
        cursor.insertText(joiner + text)  # one undo step: Ctrl+Z takes the file out again
        self.paste.setTextCursor(cursor)
        lines = len([line for line in text.splitlines() if line.strip()])
        self.file_note.setText(
            (
                self.tr("Added {lines} line from {name}.")
                if lines == 1
                else self.tr("Added {lines} lines from {name}.")
            ).format(lines=lines, name=name)
        )
        self.file_note.show()
        self.refresh_now()

    def add(self) -> None:
        """Add the previewed applications in one transaction, then close; on failure say why
        and keep everything as typed."""
        self._show_message("")
        self.refresh_now()
        if not self._date_ok:
            self.applied.setFocus()
            self.applied.selectAll()
            return
        if self.current is None or self.current.field_errors:
            if self.current is not None:
                first = next(iter(self.current.field_errors))
                widget = self.position if first == "position" else self.source
                widget.setFocus()
            return
        if not self._chosen_count():
            return
        allow = self.include_all.isChecked()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        current = self.current
        try:
            done = run_op(
                self,
                self.db,
                lambda: commit(self.db, current, allow_duplicates=allow, include_cooldown=allow),
                ADDED,
                self.tr("Nothing was added"),
            )
        except Exception as exc:  # the database failed: say so, keep everything typed
            log.exception("bulk add failed")
            self._show_message(
                f"Nothing was added: the database reported a problem ({exc}). "
                "Your list is still here; try again."
            )
            return
        finally:
            QApplication.restoreOverrideCursor()
        if done is None:
            return
        result = done.value
        self.bulk_result = result
        self.added_ids = result.added_ids
        self.accept()
