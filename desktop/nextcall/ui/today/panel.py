"""The Today panel: follow-ups that are overdue, due today, or coming up this week.

Compact enough for the top of the Notes tab or a side panel. Each follow-up can be marked done,
snoozed, dismissed (both undoable from the notice line), or, for thank-you and feedback
follow-ups, turned into an email.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.services import follow_ups, messages
from nextcall.services.database import Database
from nextcall.services.follow_ups import FollowUpItem, TodayList
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, run_op, subscribe
from nextcall.ui.today.email_dialog import EmailDialog
from nextcall.ui.today.rows import FollowUpRow, ask_date

EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "TodayPanel", "Nothing due. Follow-ups appear here after you record an interview."
)
EMPTY_MORE = QT_TRANSLATE_NOOP(
    "TodayPanel",
    "NextCall works out the thank-you emails, feedback calls, check-ins and interview "
    "reminders for you, each on the right day.",
)
EMPTY_PICTURE = 48  # the drawing's size
SNOOZE_TIME = time(9)
FOLLOWS = frozenset({Change.FOLLOW_UPS})  # what the panel's own actions change
# What the list shows: follow-ups, made from stage events by the settings' timing.
SHOWN = frozenset({Change.FOLLOW_UPS, Change.APPLICATIONS, Change.STAGES, Change.SETTINGS})


# A long backlog would otherwise build thousands of row widgets before the window appears.
ROWS_PER_SECTION = 25


class TodayPanel(QWidget):
    open_application = Signal(int)
    due_now = Signal(int)  # follow-ups overdue or due today, after every refresh

    def __init__(self, db: Database, parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self.db = db
        self.listing = TodayList((), (), ())
        self.rows: list[FollowUpRow] = []
        self.email_dialog: EmailDialog | None = None
        self.upcoming_open = True
        self.expanded: set[str] = set()  # sections showing every row
        # Replaceable in tests: the date picker for "Snooze ▸ Pick a date…".
        self.ask_date: Callable[[QWidget | None, date], date | None] = ask_date
        self._undo: Callable[[], None] | None = None
        self._unbuilt: date | None = None  # folded away: the day to build the cards for

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        top = QHBoxLayout()
        top.setContentsMargins(2, 0, 2, 0)
        self.heading = QLabel(self.tr("Follow-ups"))
        theme.heading(self.heading, 2)
        top.addWidget(self.heading)
        self.summary = QLabel()
        theme.muted(self.summary, small=True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.summary.setMinimumWidth(0)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.summary, 1)
        outer.addLayout(top)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.linkActivated.connect(self._notice_link)
        theme.surface(self.notice, "notice")
        self.notice.hide()
        outer.addWidget(self.notice)

        self.stack = QStackedWidget()
        self.empty = QLabel(f"{self.tr(EMPTY_TEXT)}\n\n{self.tr(EMPTY_MORE)}")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        theme.surface(self.empty, "empty")
        # A calendar drawn above the words (a child of the label, in the top margin).
        self.empty_picture = theme.IconLabel("empty-today", EMPTY_PICTURE, "link", self.empty)
        self.empty_picture.move(theme.tokens.SPACE_M + 1, theme.tokens.SPACE_M + 1)
        self.empty.setContentsMargins(0, EMPTY_PICTURE + theme.tokens.SPACE_S, 0, 0)
        self.stack.addWidget(self.empty)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.StyledPanel)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack.addWidget(self.area)
        outer.addWidget(self.stack, 1)
        subscribe(self, db, SHOWN, self.refresh)
        if load:
            self.refresh()
        else:  # in the main window: loaded right after its first paint
            QTimer.singleShot(0, self.refresh)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self, now: datetime | None = None) -> None:
        moment = now or self.db.clock.now()
        self.listing = follow_ups.today_list(self.db, moment)
        self._build(moment.date())

    def _build(self, today: date) -> None:
        listing = self.listing
        counts = []
        if listing.overdue:
            counts.append(f"{len(listing.overdue)} overdue")
        if listing.today:
            counts.append(f"{len(listing.today)} today")
        if listing.upcoming:
            counts.append(f"{len(listing.upcoming)} this week")
        self.summary.setText(" · ".join(counts))
        self.due_now.emit(len(listing.overdue) + len(listing.today))
        self.rows = []
        if not listing:
            self.stack.setCurrentWidget(self.empty)
            return
        self._unbuilt = None
        if self.window().isVisible() and not self.isVisible():
            # Folded to the rail (which shows the count): the cards are built when the panel
            # is shown. A backlog's 75 cards take about 18 MB at 100,000 applications.
            self._unbuilt = today
            old = self.area.takeWidget()
            if old is not None:
                old.deleteLater()
            self.stack.setCurrentWidget(self.area)
            return
        content = QWidget()
        content.setObjectName("todayContent")
        theme.surface(content, "content")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        sections = (
            (
                QT_TRANSLATE_NOOP("TodayPanel", "Overdue"),
                listing.overdue,
                "danger",
            ),
            (QT_TRANSLATE_NOOP("TodayPanel", "Today"), listing.today, None),
            (QT_TRANSLATE_NOOP("TodayPanel", "Next 7 days"), listing.upcoming, None),
        )
        for name, items, color in sections:
            if not items:
                continue
            column.addWidget(self._section_header(name, len(items), color))
            if name == "Next 7 days" and not self.upcoming_open:
                continue
            shown = items if name in self.expanded else items[:ROWS_PER_SECTION]
            for index, item in enumerate(shown):
                if index:
                    column.addWidget(self._line())
                column.addWidget(self._row(item, today))
            if len(shown) < len(items):
                more = QPushButton(self.tr("Show all {value1}").format(value1=len(items)))
                more.setFlat(True)
                more.setAccessibleName(
                    self.tr("Show all {value1} {name} follow-ups").format(
                        value1=len(items), name=name.lower()
                    )
                )
                more.clicked.connect(lambda _c=False, n=name: self._expand(n, today))
                column.addWidget(more)
        column.addStretch(1)
        old = self.area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.area.setWidget(content)
        self.stack.setCurrentWidget(self.area)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._unbuilt is not None:
            self._build(self._unbuilt)

    def _expand(self, name: str, today: date) -> None:
        self.expanded.add(name)
        self._build(today)

    def _section_header(self, name: str, count: int, color: str | None) -> QWidget:
        if name == "Next 7 days":
            button = QToolButton()
            button.setObjectName("upcomingToggle")
            button.setCheckable(True)
            button.setChecked(self.upcoming_open)
            button.setArrowType(
                Qt.ArrowType.DownArrow if self.upcoming_open else Qt.ArrowType.RightArrow
            )
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setText(f"{self.tr(name).upper()} · {count}")
            button.setAutoRaise(True)
            button.setStyleSheet("QToolButton { padding: 6px 4px 2px 6px; border: none; }")
            theme.section_label(button)
            button.toggled.connect(self._toggle_upcoming)
            self.upcoming_toggle = button
            return button
        label = QLabel(f"{self.tr(name).upper()} · {count}")
        label.setStyleSheet("padding: 8px 10px 2px 10px;")
        theme.section_label(label, color or "muted")
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        if name != "Overdue":
            return label
        # Late: a clock with a mark beside the section's name.
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(10, 8, 0, 2)
        row.setSpacing(5)
        row.addWidget(
            theme.IconLabel("overdue", 14, color or "muted"), 0, Qt.AlignmentFlag.AlignVCenter
        )
        label.setStyleSheet("padding: 0 10px 0 0;")
        row.addWidget(label, 1)
        header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return header

    def _line(self) -> QFrame:
        line = QFrame()
        line.setObjectName("rowLine")
        theme.surface(line, "separator")
        line.setFixedHeight(1)
        line.setContentsMargins(0, 0, 0, 0)
        return line

    def _row(self, item: FollowUpItem, today: date) -> FollowUpRow:
        row = FollowUpRow(item, today)
        row.done.connect(self.mark_done)
        row.dismissed.connect(self.dismiss)
        row.snooze_days.connect(self.snooze_days)
        row.snooze_pick.connect(self.snooze_pick)
        row.write_email.connect(self.write_email)
        row.open_application.connect(self.open_application)
        self.rows.append(row)
        return row

    def _toggle_upcoming(self, shown: bool) -> None:
        self.upcoming_open = shown
        self._build(self.db.clock.now().date())

    # -- actions -------------------------------------------------------------------------------

    def _item(self, follow_up_id: int) -> FollowUpItem | None:
        for item in (*self.listing.overdue, *self.listing.today, *self.listing.upcoming):
            if item.id == follow_up_id:
                return item
        return None

    def _act(self, action: Callable[[], object], message: str, undo: bool) -> None:
        done = run_op(self, self.db, action, FOLLOWS, self.tr("Follow-up not changed"))
        self.refresh()
        if done is not None:
            self._say(message, undo=undo)

    def mark_done(self, follow_up_id: int) -> None:
        item = self._item(follow_up_id)
        title = item.title if item else "the follow-up"
        self._undo = lambda: follow_ups.reopen(self.db, follow_up_id)
        self._act(
            lambda: follow_ups.mark_done(self.db, follow_up_id),
            f"Done: {escape(title)}.",
            undo=True,
        )

    def dismiss(self, follow_up_id: int) -> None:
        item = self._item(follow_up_id)
        title = item.title if item else "the follow-up"
        self._undo = lambda: follow_ups.reopen(self.db, follow_up_id)
        self._act(
            lambda: follow_ups.dismiss(self.db, follow_up_id),
            f"Dismissed: {escape(title)}.",
            undo=True,
        )

    def snooze_days(self, follow_up_id: int, days: int) -> None:
        until = datetime.combine(self.db.clock.today() + timedelta(days=days), SNOOZE_TIME)
        self._snooze(follow_up_id, until)

    def snooze_pick(self, follow_up_id: int) -> None:
        day = self.ask_date(self, self.db.clock.today() + timedelta(days=1))
        if day is not None:
            self._snooze(follow_up_id, datetime.combine(day, SNOOZE_TIME))

    def _snooze(self, follow_up_id: int, until: datetime) -> None:
        self._undo = None
        when = f"{until:%a} {until.day} {until:%b}"
        self._act(
            lambda: follow_ups.snooze(self.db, follow_up_id, until),
            f"Snoozed until {when}.",
            undo=False,
        )

    def write_email(self, follow_up_id: int) -> None:
        done = run_op(
            self,
            self.db,
            lambda: messages.draft_for_follow_up(self.db, follow_up_id),
            (),
            self.tr("No email drafted"),
        )
        if done is None:
            return
        dialog = EmailDialog(self.db, done.value, follow_up_id=follow_up_id, parent=self)
        dialog.marked_done.connect(lambda: self._after_email(follow_up_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.email_dialog = dialog
        dialog.destroyed.connect(lambda _o=None: setattr(self, "email_dialog", None))
        dialog.show()

    def _after_email(self, follow_up_id: int) -> None:
        self.mark_done(follow_up_id)

    # -- the notice line -----------------------------------------------------------------------

    def _say(self, html: str, *, error: bool = False, undo: bool = False) -> None:
        theme.tone(self.notice, "danger" if error else None)
        link = " <a href='undo'>Undo</a>" if undo and self._undo is not None else ""
        self.notice.setText(f"<span>{html}</span>{link}")
        self.notice.show()

    def _notice_link(self, link: str) -> None:
        if link == "undo" and self._undo is not None:
            undo, self._undo = self._undo, None
            if run_op(self, self.db, undo, FOLLOWS, self.tr("Not brought back")) is None:
                return
            self.refresh()
            self._say(self.tr("Brought back."))
