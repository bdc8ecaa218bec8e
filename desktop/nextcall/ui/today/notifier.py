"""Desktop reminders while the app runs: once a minute, a tray message for each follow-up that
has fallen due (once per follow-up per run). Clicking the message opens the application.

The system tray may be missing (offscreen Qt, some Linux desktops): then nothing is shown,
``available`` is False and ``unavailable_reason`` says why; the Today panel still lists
everything that is due.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from sqlalchemy.exc import SQLAlchemyError

from nextcall import APP_NAME
from nextcall.core.errors import NextCallError
from nextcall.services import follow_ups
from nextcall.services.database import Database
from nextcall.services.follow_ups import FollowUpItem
from nextcall.ui.common.operations import Change, announce

CHECK_EVERY_MS = 60_000
MESSAGE_MS = 15_000


def _icon() -> QIcon:
    icon = QApplication.windowIcon()
    if icon.isNull():
        from nextcall.core.resources import resource

        icon = QIcon(str(resource("icons", "nextcall.svg")))
    return icon


class DueNotifier(QObject):
    open_application = Signal(int)
    fell_due = Signal(int)  # how many follow-ups just fell due

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.notified: set[int] = set()
        # The views loaded what was due by now (the window's start): only what falls due
        # after the last check changes what they show.
        self.checked_until = db.clock.now()
        self.last_application: int | None = None
        self.tray: QSystemTrayIcon | None = None
        self.unavailable_reason = ""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.unavailable_reason = (
                "Your desktop has no system tray, so NextCall cannot pop up reminders. "
                "The Follow-ups list still shows everything that is due."
            )
        elif not QSystemTrayIcon.supportsMessages():
            self.unavailable_reason = (
                "Your desktop's tray cannot show messages, so NextCall cannot pop up "
                "reminders. The Follow-ups list still shows everything that is due."
            )
        else:
            self.tray = QSystemTrayIcon(_icon(), self)
            self.tray.setToolTip(APP_NAME)
            self.tray.messageClicked.connect(self._clicked)
            self.tray.activated.connect(lambda _reason: self._clicked())
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    @property
    def available(self) -> bool:
        return self.tray is not None

    def start(self) -> None:
        """Check now and then every minute. Follow-ups already overdue at start are shown
        together in one message."""
        if self.tray is not None:
            self.tray.show()
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self, now: datetime | None = None) -> list[FollowUpItem]:
        """The follow-ups that fell due since the last check (each reported once per run)."""
        moment = now or self.db.clock.now()
        try:
            listing = follow_ups.today_list(self.db, moment)
        except (NextCallError, SQLAlchemyError, OSError):
            return []  # a locked or vanished database must not break the app's timer
        fresh = [i for i in listing.due if i.due <= moment and i.id not in self.notified]
        since, self.checked_until = self.checked_until, max(self.checked_until, moment)
        if not fresh:
            return []
        self.notified.update(i.id for i in fresh)
        self.last_application = fresh[0].application_id
        title, text = message_for(fresh)
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        self.fell_due.emit(len(fresh))
        if any(i.due > since for i in fresh):  # due since the views last read them
            announce(self.db, {Change.FOLLOW_UPS})  # now due: the views listing them show it
        return fresh

    def _clicked(self) -> None:
        if self.last_application is not None:
            self.open_application.emit(self.last_application)


def message_for(items: list[FollowUpItem]) -> tuple[str, str]:
    """The tray message: the one follow-up, or how many and the first few."""
    if len(items) == 1:
        item = items[0]
        return f"Follow-up due: {item.company}", item.title
    lines = [f"• {i.title}" for i in items[:3]]
    if len(items) > 3:
        lines.append(f"… and {len(items) - 3} more in NextCall")
    return f"{len(items)} follow-ups are due", "\n".join(lines)
