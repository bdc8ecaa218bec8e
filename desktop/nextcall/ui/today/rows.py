"""One follow-up in the Today panel: what to do, for which company, when; and its actions."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.stages import FollowUpKind
from nextcall.services.follow_ups import FollowUpItem
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP

KIND_LABELS = {
    FollowUpKind.THANK_YOU: QT_TRANSLATE_NOOP("FollowUpRow", "Thank-you"),
    FollowUpKind.FEEDBACK_CALL: QT_TRANSLATE_NOOP("FollowUpRow", "Feedback call"),
    FollowUpKind.CHECK_IN: QT_TRANSLATE_NOOP("FollowUpRow", "Check-in"),
    FollowUpKind.KEEP_ON_FILE: QT_TRANSLATE_NOOP("FollowUpRow", "Keep CV on file"),
    FollowUpKind.REAPPLY: QT_TRANSLATE_NOOP("FollowUpRow", "Re-apply"),
    FollowUpKind.INTERVIEW_REMINDER: QT_TRANSLATE_NOOP("FollowUpRow", "Interview"),
    FollowUpKind.CUSTOM: QT_TRANSLATE_NOOP("FollowUpRow", "Your own"),
}

# Each kind's icon (resources/icons/).
KIND_ICONS = {
    FollowUpKind.THANK_YOU: "thank-you",
    FollowUpKind.FEEDBACK_CALL: "phone",
    FollowUpKind.CHECK_IN: "check-in",
    FollowUpKind.KEEP_ON_FILE: "cv",
    FollowUpKind.REAPPLY: "reapply",
    FollowUpKind.INTERVIEW_REMINDER: "calendar",
    FollowUpKind.CUSTOM: "flag",
}
ACTION_ICON_SIZE = QSize(14, 14)
WIDE_ROW = 620  # from this width the actions sit on the same line as the due time
SNOOZE_CHOICES = ((1, QT_TRANSLATE_NOOP("FollowUpRow", "1 day (tomorrow)")), (3, "3 days"))


def tr(text: str) -> str:
    return QCoreApplication.translate("FollowUpRow", text)


def when_text(item: FollowUpItem, today: date) -> str:
    """ "today at 10:00", "tomorrow at 9:00", "Mon 23 Nov at 9:00", "2 days late (Wed 18 Nov)"."""
    due = item.due
    hour = f"{due.hour}:{due.minute:02d}"
    day = due.date()
    on = f"{due:%a} {day.day} {due:%b}"
    if day < today:
        late = (today - day).days
        template = "1 day late (was due {on})" if late == 1 else "{late} days late (was due {on})"
        text = tr(template).format(late=late, on=on)
    elif day == today:
        text = tr("today at {hour}").format(hour=hour)
    elif day == today + timedelta(days=1):
        text = tr("tomorrow at {hour}").format(hour=hour)
    else:
        text = tr("{on} at {hour}").format(on=on, hour=hour)
    snoozed = item.snoozed and day >= today
    return tr("snoozed until {when}").format(when=text) if snoozed else text


def ask_date(parent: QWidget | None, earliest: date) -> date | None:
    """A small calendar to pick the day to snooze until; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Snooze until…"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(tr("Show this follow-up again on:")))
    calendar = QCalendarWidget()
    calendar.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
    calendar.setSelectedDate(calendar.minimumDate())
    calendar.setGridVisible(False)
    calendar.setAccessibleName(tr("Day to snooze until"))
    layout.addWidget(calendar)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    calendar.activated.connect(lambda _d: dialog.accept())
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    picked = calendar.selectedDate()
    return date(picked.year(), picked.month(), picked.day())


class FollowUpRow(QFrame):
    """Title (a link to the application), company and due time, and the actions."""

    done = Signal(int)
    dismissed = Signal(int)
    snooze_days = Signal(int, int)  # follow-up id, days
    snooze_pick = Signal(int)
    write_email = Signal(int)
    open_application = Signal(int)

    def __init__(self, item: FollowUpItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("followUpRow")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(f"{item.title}, {item.company}, {when_text(item, today)}")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(10, 7, 8, 7)
        outer.setSpacing(8)
        layout = QVBoxLayout()
        layout.setSpacing(3)
        outer.addLayout(layout, 1)
        self.side = QHBoxLayout()  # the actions, when the row is wide
        outer.addLayout(self.side)

        self.title = QLabel(
            f"<a href='app' style='text-decoration:none; color:palette(text)'>"
            f"{escape(item.title)}</a>"
        )
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        theme.strong(self.title)
        self.title.setToolTip(
            self.tr("Open the application at {company}").format(company=item.company)
        )
        self.title.linkActivated.connect(lambda _l: self.open_application.emit(item.application_id))
        self.title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        # The kind at a glance, before the title (the lines under it keep the row's width).
        self.kind_icon = theme.IconLabel(KIND_ICONS.get(item.kind, "flag"), 16, "muted")
        self.kind_icon.setObjectName("kindIcon")
        title_row = QHBoxLayout()
        title_row.setSpacing(6)
        title_row.addWidget(self.kind_icon, 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(self.title, 1)
        layout.addLayout(title_row)

        self.meta_row = QHBoxLayout()
        self.meta_row.setSpacing(6)
        bottom = self.meta_row
        self.kind = QLabel(tr(str(KIND_LABELS.get(item.kind, "Follow-up"))))
        self.kind.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.kind.setObjectName("kindChip")
        theme.surface(self.kind, "chip")
        self.meta = QLabel(f"{escape(item.company)} · {escape(when_text(item, today))}")
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        theme.caption(self.meta)
        theme.tone(self.meta, "danger" if item.overdue else None)
        self.meta.setWordWrap(True)
        bottom.addWidget(self.meta, 1)

        # One main action (write the email, else mark it done); the rest under "More".
        self.more_menu = QMenu(self)
        self.email_action: QAction | None = None
        if item.email_template is not None:
            self.email_action = QAction(theme.menu_icon("mail"), self.tr("Write email…"), self)
            self.email_action.setToolTip(self.tr("Draft the email from a template"))
            self.email_action.triggered.connect(lambda: self.write_email.emit(item.id))
        self.done_action = QAction(theme.menu_icon("done"), self.tr("Done"), self)
        self.done_action.setToolTip(self.tr("Mark it done"))
        self.done_action.triggered.connect(lambda: self.done.emit(item.id))
        main = self.email_action or self.done_action
        self.main_button = self._button(main.text(), main.toolTip())
        self.main_button.setIcon(theme.icon("mail" if main is self.email_action else "done"))
        self.main_button.setIconSize(ACTION_ICON_SIZE)
        self.main_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.main_button.clicked.connect(main.trigger)
        self.email_button = self.main_button if self.email_action is not None else None
        if main is not self.done_action:
            self.more_menu.addAction(self.done_action)
        self.snooze_menu = self.more_menu.addMenu(theme.menu_icon("clock"), self.tr("Snooze"))
        self.snooze_menu.setToolTipsVisible(True)
        for days, label in SNOOZE_CHOICES:
            action = self.snooze_menu.addAction(self.tr(label))
            action.triggered.connect(lambda _c=False, d=days: self.snooze_days.emit(item.id, d))
        pick = self.snooze_menu.addAction(self.tr("Pick a date…"))
        pick.triggered.connect(lambda: self.snooze_pick.emit(item.id))
        self.dismiss_action = self.more_menu.addAction(
            theme.menu_icon("dismiss"), self.tr("Dismiss")
        )
        self.dismiss_action.setToolTip(self.tr("Not needed: remove it from the list"))
        self.dismiss_action.triggered.connect(lambda: self.dismissed.emit(item.id))
        self.more_menu.addSeparator()
        opener = self.more_menu.addAction(theme.menu_icon("open"), self.tr("Open the application"))
        opener.triggered.connect(lambda: self.open_application.emit(item.application_id))
        self.more_button = self._button(self.tr("More ▾"), self.tr("Snooze, dismiss and more"))
        self.more_button.setAccessibleName(
            self.tr("More actions: {title}").format(title=item.title)
        )
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(self.more_menu)
        self.action_bar = QWidget()
        row = QHBoxLayout(self.action_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.main_button)
        row.addWidget(self.more_button)
        row.addStretch(1)
        self.action_row = row
        layout.addLayout(bottom)
        self.actions_row = QHBoxLayout()
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.actions_row)
        self.wide: bool | None = None
        self._place_actions(wide=False)
        self.kind_with_actions: bool | None = None
        self._place_kind(with_actions=False)

    def _place_kind(self, *, with_actions: bool) -> None:
        """Where there is room, the kind sits at the end of the actions' line, so the company
        and due time get a whole line; in a very narrow panel, before the company."""
        if with_actions == self.kind_with_actions:
            return
        self.kind_with_actions = with_actions
        self.kind.setParent(None)
        if with_actions:
            self.action_row.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            self.meta_row.insertWidget(0, self.kind, 0, Qt.AlignmentFlag.AlignTop)
        self.kind.show()

    def _place_actions(self, *, wide: bool) -> None:
        """Narrow (a side panel): the actions get their own line. Wide: beside the due time."""
        if wide == self.wide:
            return
        self.wide = wide
        target = self.side if wide else self.actions_row
        self.action_bar.setParent(None)
        target.addWidget(self.action_bar)
        self.action_bar.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_actions(wide=event.size().width() >= WIDE_ROW)
        needed = (
            sum(w.sizeHint().width() + 8 for w in (self.main_button, self.more_button, self.kind))
            + 24
        )  # the row's margins
        self._place_kind(with_actions=event.size().width() >= needed)
        super().resizeEvent(event)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(f"{text.rstrip('…▸ ')}: {self.item.title}")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        theme.compact(button)
        return button
