"""Desktop reminders: once per follow-up per run, clicking opens the application, and no tray
(as under offscreen Qt) is reported instead of crashing."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from nextcall.services import follow_ups
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.ui.common.operations import Change
from nextcall.ui.today.notifier import DueNotifier, message_for


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(db, ApplicationForm(company="Harborline BPO", applied_on="2026-11-02"))


class Tray:
    """Stands in for the system tray: records the messages it was asked to show."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def showMessage(self, title: str, text: str, *_rest: object) -> None:
        self.shown.append((title, text))


def test_without_a_tray_the_feature_is_unavailable(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen Qt has none
    notifier = DueNotifier(db)
    assert notifier.available is False
    assert "no system tray" in notifier.unavailable_reason
    follow_ups.add_custom(db, app_id, "Call Ana", datetime(2026, 11, 20, 9, 0))
    # Still works out what fell due (for the Today panel), and starting does not crash.
    assert [i.title for i in notifier.check(datetime(2026, 11, 20, 9, 30))] == ["Call Ana"]
    notifier.start()
    notifier.stop()


def test_each_follow_up_is_announced_once_when_it_falls_due(
    qtbot, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    notifier = DueNotifier(db)
    tray = Tray()
    notifier.tray = tray  # type: ignore[assignment]
    follow_ups.add_custom(db, app_id, "Call Ana", datetime(2026, 11, 20, 9, 0))
    follow_ups.add_custom(db, app_id, "Send the NBI clearance", datetime(2026, 11, 20, 15, 0))
    assert notifier.check(datetime(2026, 11, 20, 8, 59)) == []
    with qtbot.waitSignal(notifier.fell_due) as signal:
        fresh = notifier.check(datetime(2026, 11, 20, 9, 0))
    assert [i.title for i in fresh] == ["Call Ana"] and signal.args == [1]
    assert tray.shown == [("Follow-up due: Harborline BPO", "Call Ana")]
    assert notifier.check(datetime(2026, 11, 20, 10, 0)) == []  # not twice
    assert [i.title for i in notifier.check(datetime(2026, 11, 20, 15, 1))] == [
        "Send the NBI clearance"
    ]
    assert len(tray.shown) == 2
    with qtbot.waitSignal(notifier.open_application) as opened:
        notifier._clicked()
    assert opened.args == [app_id]


def test_many_at_once_make_one_message() -> None:
    from nextcall.core.stages import FollowUpKind
    from nextcall.services.follow_ups import FollowUpItem

    items = [
        FollowUpItem(
            n,
            1,
            "Harborline BPO",
            "",
            FollowUpKind.CUSTOM,
            f"Task {n}",
            datetime(2026, 11, 20, 9),
            False,
            False,
            None,
        )
        for n in range(5)
    ]
    title, text = message_for(items)
    assert title == "5 follow-ups are due"
    assert text.splitlines() == ["• Task 0", "• Task 1", "• Task 2", "… and 2 more in NextCall"]


def test_the_timer_checks_every_minute(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    notifier = DueNotifier(db)
    notifier.start()
    assert notifier.timer.isActive() and notifier.timer.interval() == 60_000
    notifier.stop()
    assert not notifier.timer.isActive()


def test_only_what_falls_due_after_the_start_reloads_the_views(
    qtbot: object, db: Database, app_id: int
) -> None:
    from nextcall.ui.common.operations import hub_for

    changes: list[object] = []
    hub_for(db).data_changed.connect(lambda kinds, _origin: changes.append(kinds))
    now = db.clock.now()  # the window starts: its views read what is due by now
    follow_ups.add_custom(db, app_id, "Call Ana", now.replace(hour=9))
    notifier = DueNotifier(db)
    notifier.tray = Tray()  # type: ignore[assignment]
    # Overdue when the window opened: the reminder says so, the views already list it.
    assert [i.title for i in notifier.check(now)] == ["Call Ana"]
    assert changes == []
    follow_ups.add_custom(db, app_id, "Send the NBI clearance", now.replace(hour=15))
    assert [i.title for i in notifier.check(now.replace(hour=15, minute=1))] == [
        "Send the NBI clearance"
    ]
    assert changes == [frozenset({Change.FOLLOW_UPS})]
