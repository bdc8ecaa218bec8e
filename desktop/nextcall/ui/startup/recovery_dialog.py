"""At start-up, before the window opens: a damaged data file is explained in plain words and the
newest good backup offered.

The file is moved aside (never deleted) once the person has chosen: restore the backup, or start
with empty data. Closing the dialog quits and changes nothing, so the same question comes back
at the next start instead of NextCall silently starting empty.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.paths import DataPaths
from nextcall.services import recovery
from nextcall.services.recovery import Plan, counts, when
from nextcall.ui.common import theme

RESTORE, START_EMPTY, QUIT = "restore", "empty", "quit"


class RecoveryDialog(QDialog):
    """``choice`` is RESTORE, START_EMPTY or QUIT once the dialog is closed."""

    def __init__(self, found: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QUIT
        missing = found.diagnosis.missing
        self.setWindowTitle(
            self.tr("NextCall: your data file is missing")
            if missing
            else self.tr("NextCall: your data file is damaged")
        )
        self.setMinimumWidth(620)
        outer = QHBoxLayout(self)
        outer.setSpacing(16)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        outer.addWidget(icon)
        column = QVBoxLayout()
        column.setSpacing(10)
        outer.addLayout(column, 1)

        title = QLabel(
            self.tr("Your data is not where NextCall left it")
            if missing
            else self.tr("NextCall cannot read your data file")
        )
        theme.heading(title, 1)
        column.addWidget(title)
        problem = found.diagnosis.problem or "it is damaged"
        if missing:
            body = QLabel(
                self.tr(
                    "When NextCall started, {problem}: <code>{path}</code><br>It may have "
                    "been deleted, moved, or emptied by a sync or copy that was cut short. "
                    "Your backups are still there, so nothing needs to be lost."
                ).format(problem=escape(problem), path=escape(str(found.diagnosis.path)))
            )
        else:
            body = QLabel(
                self.tr(
                    "When NextCall started, it checked your data file and found "
                    "that {problem}. This can happen after a crash, a full disk, "
                    "or when a copy or sync was cut short.<br><br>Nothing is "
                    "deleted: whatever you choose, NextCall first moves the file "
                    "aside, to<br><code>{value2}</code>"
                ).format(problem=problem, value2=escape(str(found.aside)))
            )
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(body)

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card)
        if found.offer is not None:
            heading = QLabel(self.tr("<b>Newest good backup</b>"))
            details = QLabel(
                f"<span style='font-size:13pt'>{escape(when(found.offer.taken))}</span><br>"
                f"{escape(counts(found.offer))}<br>"
                f"<span style='color:palette(placeholder-text)'>"
                f"{escape(found.offer.path.name)}</span>"
            )
        else:
            heading = QLabel(self.tr("<b>No good backup was found</b>"))
            details = QLabel(
                self.tr(
                    "NextCall can start with empty data. The damaged file is kept, so it can "
                    "still be examined or rescued later."
                )
            )
        details.setWordWrap(True)
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card_layout.addWidget(heading)
        card_layout.addWidget(details)
        column.addWidget(card)
        if found.diagnosis.detail:
            detail = QLabel(
                self.tr("SQLite's words: {detail}").format(detail=found.diagnosis.detail)
            )
            detail.setWordWrap(True)
            theme.muted(detail)
            column.addWidget(detail)

        buttons = QHBoxLayout()
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.setToolTip(self.tr("Close NextCall and leave the file as it is"))
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        self.empty_button = QPushButton(self.tr("Start with &empty data"))
        self.empty_button.clicked.connect(lambda: self._choose(START_EMPTY))
        buttons.addWidget(quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        self.restore_button: QPushButton | None = None
        if found.offer is not None:
            self.restore_button = QPushButton(self.tr("&Restore this backup"))
            self.restore_button.setDefault(True)
            self.restore_button.clicked.connect(lambda: self._choose(RESTORE))
            buttons.addWidget(self.restore_button)
        column.addLayout(buttons)
        (self.restore_button or self.empty_button).setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


@dataclass(frozen=True)
class Startup:
    go_on: bool  # False: the person chose to quit
    message: str = ""  # what happened, for the status bar of the window that opens


def check_at_startup(
    paths: DataPaths,
    parent: QWidget | None = None,
    *,
    checked: Future[Plan | None] | None = None,
) -> Startup:
    """Check the data file (or take the answer of a check already started); if it is damaged,
    ask what to do and do it."""
    found = checked.result() if checked is not None else recovery.plan(paths)
    if found is None:
        return Startup(True)
    dialog = RecoveryDialog(found, parent)
    dialog.exec()
    if dialog.choice == QUIT:
        return Startup(False)
    try:
        moved = recovery.set_aside(paths, found)
    except OSError as exc:
        QMessageBox.critical(
            parent,
            "NextCall",
            _tr(
                "The damaged file could not be moved aside ({reason}). Nothing was changed."
            ).format(reason=exc.strerror or exc),
        )
        return Startup(False)
    if moved is None:  # the file was missing: there was nothing to keep
        empty = _tr("Started with empty data. Your backups are kept in {path}").format(
            path=paths.backups
        )
    else:
        empty = _tr("Started with empty data. The damaged file is kept at {path}").format(
            path=moved
        )
    if dialog.choice == RESTORE and found.offer is not None:
        try:
            recovered = recovery.recover(paths, found.offer, damaged=moved)
        except NextCallError as exc:
            QMessageBox.warning(
                parent,
                "NextCall",
                _tr(
                    "The backup could not be restored: {error}\n\nNextCall starts with empty "
                    "data; File > Backups lists the other copies."
                ).format(error=exc),
            )
            return Startup(True, empty)
        restored = _tr("Restored the backup from {when}.").format(
            when=recovery.describe(found.offer)
        )
        if moved is not None:
            restored += " " + _tr("The damaged file is kept at {path}").format(path=moved)
        for line in recovered.report():
            restored += " " + line
        return Startup(True, restored)
    return Startup(True, empty)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryDialog", text)
