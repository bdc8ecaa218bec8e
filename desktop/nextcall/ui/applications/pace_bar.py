"""Above the applications table: this week's progress towards the weekly target, and a
suggestion to mark long-quiet applications as ghosted (never done without asking)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.operations import Change, run_op, subscribe

# What decides which applications have gone quiet: their stages, the contacts, the threshold.
QUIET_FROM = frozenset({Change.APPLICATIONS, Change.STAGES, Change.SETTINGS})


class WeeklyTarget(QWidget):
    """ "This week: 7 of 20" with a progress bar; the target is editable."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(70, 10)
        self.bar.setAccessibleName(self.tr("Applications sent this week"))
        self.edit = QPushButton(self.tr("Target…"))
        self.edit.setFlat(True)
        self.edit.setToolTip(self.tr("Change how many applications you aim to send each week"))
        self.edit.clicked.connect(self.change_target)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.edit)
        policy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)  # its line is kept while it loads: nothing jumps
        self.setSizePolicy(policy)
        subscribe(self, db, {Change.APPLICATIONS, Change.SETTINGS}, self.refresh)
        if load:
            self.refresh()
        else:  # the window's start-up loads it after the first paint; no empty bar till then
            self.hide()

    def refresh(self) -> None:
        from nextcall.services import pace

        week = pace.weekly_progress(self.db)
        self.show()
        self.bar.setMaximum(week.target)
        self.bar.setValue(min(week.sent, week.target))
        done = " ✓" if week.sent >= week.target else ""
        self.label.setText(
            self.tr("This week: {sent}/{target}{done}").format(
                sent=week.sent, target=week.target, done=done
            )
        )
        self.label.setToolTip(
            self.tr(
                "{sent} of your weekly target of {target} applications sent. "
                "Applications dated from Monday {day} {week_start:%b} on. "
                "Applicants who send 20 or more a week get interviews sooner."
            ).format(
                sent=week.sent,
                target=week.target,
                day=week.week_start.day,
                week_start=week.week_start,
            )
        )

    def change_target(self) -> None:
        from nextcall.services import settings

        dialog = WeeklyTargetDialog(settings.get_int(self.db, "weekly_target"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and self._set(dialog.value()):
            self.refresh()

    def _set(self, value: int) -> bool:
        from nextcall.services import settings

        done = run_op(
            self,
            self.db,
            lambda: settings.set_int(self.db, "weekly_target", value),
            {Change.SETTINGS},
            self.tr("Not saved"),
        )
        return done is not None


class WeeklyTargetDialog(QDialog):
    """How many applications to send a week: a titled question, a roomy number box with its
    unit, and Save as the one main action."""

    def __init__(self, current: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Weekly target"))
        layout = QVBoxLayout(self)
        layout.setSpacing(2 * theme.SPACING)
        title = QLabel(self.tr("How many applications a week?"))
        theme.heading(title, 2)
        layout.addWidget(title)
        why = QLabel(
            self.tr(
                "Applicants who send 20 or more a week get invitations sooner. The bar beside "
                "the count shows how far this week has come."
            )
        )
        why.setWordWrap(True)
        theme.muted(why)
        layout.addWidget(why)
        self.number = QSpinBox()
        self.number.setRange(1, 500)
        self.number.setValue(min(max(current, 1), 500))
        self.number.setSuffix(self.tr(" applications a week"))
        self.number.setAccessibleName(self.tr("Applications to send each week"))
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("0" * 28))
        theme.lead(self.number)
        layout.addWidget(self.number)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.number.setFocus()  # type a number at once: it replaces the one shown
        self.number.selectAll()

    def value(self) -> int:
        return int(self.number.value())


class QuietBanner(QFrame):
    """Shown when active applications have been quiet longer than the ghosting threshold."""

    marked = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("quietBanner")
        theme.surface(self, "notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.review = QPushButton(self.tr("Review…"))
        self.review.clicked.connect(self.open_review)
        row.addWidget(self.text, 1)
        row.addWidget(self.review)
        subscribe(self, db, QUIET_FROM, self.refresh)
        if load:
            self.refresh()
        else:  # the window's start-up loads it after the first paint: no empty frame till then
            self.hide()

    def refresh(self) -> None:
        from nextcall.services import pace, settings

        quiet = pace.count_quiet(self.db)  # the review dialog reads the list itself
        days = settings.get_int(self.db, "ghost_after_days")
        self.setVisible(bool(quiet))
        if quiet:
            some = "application has" if quiet == 1 else "applications have"
            self.text.setText(
                self.tr(
                    "{value1} active {some} had no contact for {days} days or "
                    "more. Mark the ones that went silent as ghosted?"
                ).format(value1=quiet, some=some, days=days)
            )

    def open_review(self) -> None:
        dialog = GhostReviewDialog(self.db, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.marked.emit(dialog.count)
        self.refresh()


class GhostReviewDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        from nextcall.services import settings

        super().__init__(parent)
        self.db = db
        self.count = 0
        self.setWindowTitle(self.tr("Applications gone quiet"))
        self.setMinimumSize(520, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "No reply for weeks usually means no. Marking them as ghosted keeps your list of "
                "open applications honest; the milestone each one reached is kept."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Quiet applications"))
        self._fill()
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.all_box = QCheckBox(self.tr("Select all"))
        self.all_box.setChecked(True)
        self.all_box.toggled.connect(self._toggle_all)
        row.addWidget(self.all_box)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Offer this after")))
        self.threshold = QSpinBox()
        self.threshold.setRange(3, 365)
        self.threshold.setSuffix(self.tr(" days without contact"))
        self.threshold.setValue(settings.get_int(db, "ghost_after_days"))
        self.threshold.setAccessibleName(
            self.tr("Days without contact before offering to mark as ghosted")
        )
        self.threshold.valueChanged.connect(self._threshold_changed)
        row.addWidget(self.threshold)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mark as ghosted"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill(self) -> None:
        from nextcall.services import pace

        self.list.clear()
        for item in pace.quiet_applications(self.db):
            entry = QListWidgetItem(
                f"{item.company} — {item.position or 'no position'} · last contact "
                f"{item.days} days ago"
            )
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(entry)

    def _threshold_changed(self, value: int) -> None:
        from nextcall.services import settings

        done = run_op(
            self,
            self.db,
            lambda: settings.set_int(self.db, "ghost_after_days", value),
            {Change.SETTINGS},
            self.tr("Not saved"),
        )
        if done is not None:
            self._fill()

    def _toggle_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def chosen(self) -> list[int]:
        return [
            int(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        from nextcall.services import pace

        chosen = self.chosen()
        done = run_op(
            self,
            self.db,
            lambda: pace.mark_ghosted(self.db, chosen),
            {Change.APPLICATIONS, Change.FOLLOW_UPS},
            self.tr("Not saved"),
        )
        if done is None:
            return
        self.count = done.value
        super().accept()
