"""The Today panel as a user drives it: sections, Done / Snooze / Dismiss, undo, opening."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QToolButton
from sqlalchemy import select

from nextcall.core.stages import FollowUpState
from nextcall.services import follow_ups
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome
from nextcall.store.models import FollowUp
from nextcall.ui.common.operations import hub_for
from nextcall.ui.today.panel import EMPTY_TEXT, TodayPanel
from nextcall.ui.today.rows import FollowUpRow


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(
        db, ApplicationForm(company="Harborline BPO", position="CSR", applied_on="2026-11-02")
    )


def make_panel(qtbot, db: Database) -> TodayPanel:  # type: ignore[no-untyped-def]
    panel = TodayPanel(db)
    qtbot.addWidget(panel)
    panel.resize(400, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def titles(panel: TodayPanel) -> list[str]:
    return [row.item.title for row in panel.rows]


def row_for(panel: TodayPanel, text: str) -> FollowUpRow:
    return next(row for row in panel.rows if text in row.item.title)


def state(db: Database, follow_up_id: int) -> str:
    with db.session() as s:
        row = s.get(FollowUp, follow_up_id)
        assert row is not None
        return row.state


def test_empty_state_says_what_will_appear(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    panel = make_panel(qtbot, db)
    assert panel.stack.currentWidget() is panel.empty
    assert EMPTY_TEXT in panel.empty.text()
    assert panel.summary.text() == ""


def test_sections_after_recording_an_interview(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    follow_ups.add_custom(db, app_id, "Send my NBI clearance", date(2026, 11, 18))
    record_outcome(db, app_id, "exam", "failed", on=date(2026, 11, 19))
    panel = make_panel(qtbot, db)
    assert panel.stack.currentWidget() is panel.area
    assert [i.title for i in panel.listing.overdue] == ["Send my NBI clearance"]
    assert [i.title for i in panel.listing.today] == ["Send a thank-you email to Harborline BPO"]
    assert [i.title for i in panel.listing.upcoming] == [
        "Call Harborline BPO to ask for feedback on your exam",
        "Ask Harborline BPO to keep your CV on file",
    ]
    assert panel.summary.text() == "1 overdue · 1 today · 2 this week"
    thanks = row_for(panel, "thank-you")
    assert thanks.email_button is not None
    assert "Harborline BPO" in thanks.meta.text() and "today at 10:00" in thanks.meta.text()
    assert row_for(panel, "NBI").email_button is None
    assert "2 days late" in row_for(panel, "NBI").meta.text()


def test_done_then_undo(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    record_outcome(db, app_id, "phone-interview", "passed", on=date(2026, 11, 19))
    panel = make_panel(qtbot, db)
    row = row_for(panel, "thank-you")
    follow_up_id = row.item.id
    with qtbot.waitSignal(hub_for(db).data_changed):  # the other views are told
        row.done_action.trigger()
    assert state(db, follow_up_id) == FollowUpState.DONE.value
    assert titles(panel) == []
    assert "Done: Send a thank-you email" in panel.notice.text()
    panel.notice.linkActivated.emit("undo")
    assert state(db, follow_up_id) == FollowUpState.OPEN.value
    assert titles(panel) == ["Send a thank-you email to Harborline BPO"]


def test_dismiss(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    item = follow_ups.add_custom(db, app_id, "Call Ana", date(2026, 11, 20))
    panel = make_panel(qtbot, db)
    row_for(panel, "Call Ana").dismiss_action.trigger()
    assert state(db, item) == FollowUpState.DISMISSED.value
    assert panel.stack.currentWidget() is panel.empty


def test_snooze_menu_and_pick_a_date(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    item = follow_ups.add_custom(db, app_id, "Call Ana", date(2026, 11, 20))
    panel = make_panel(qtbot, db)
    labels = [a.text() for a in row_for(panel, "Call Ana").snooze_menu.actions()]
    assert labels == ["1 day (tomorrow)", "3 days", "Pick a date…"]
    row_for(panel, "Call Ana").snooze_menu.actions()[1].trigger()  # 3 days
    assert [i.id for i in panel.listing.upcoming] == [item]
    assert panel.listing.upcoming[0].due == datetime(2026, 11, 23, 9, 0)
    assert "Snoozed until Mon 23 Nov" in panel.notice.text()
    assert "snoozed until" in row_for(panel, "Call Ana").meta.text()

    asked: list[date] = []

    def pick(_parent, earliest: date) -> date:  # type: ignore[no-untyped-def]
        asked.append(earliest)
        return date(2026, 12, 1)

    panel.ask_date = pick
    row_for(panel, "Call Ana").snooze_menu.actions()[2].trigger()
    assert asked == [date(2026, 11, 21)]
    assert not panel.listing  # 1 December is beyond the next seven days
    with db.session() as s:
        row = s.execute(select(FollowUp).where(FollowUp.id == item)).scalar_one()
        assert row.snoozed_until == datetime(2026, 12, 1, 9, 0)


def test_cancelled_date_pick_changes_nothing(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    follow_ups.add_custom(db, app_id, "Call Ana", date(2026, 11, 20))
    panel = make_panel(qtbot, db)
    panel.ask_date = lambda _parent, _earliest: None
    row_for(panel, "Call Ana").snooze_menu.actions()[2].trigger()
    assert titles(panel) == ["Call Ana"]
    assert panel.notice.isHidden()


def test_clicking_the_title_opens_the_application(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    follow_ups.add_custom(db, app_id, "Call Ana", date(2026, 11, 20))
    panel = make_panel(qtbot, db)
    with qtbot.waitSignal(panel.open_application) as signal:
        row_for(panel, "Call Ana").title.linkActivated.emit("app")
    assert signal.args == [app_id]


def test_a_follow_up_gone_elsewhere_shows_a_message(
    qtbot, db: Database, app_id: int, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    item = follow_ups.add_custom(db, app_id, "Call Ana", date(2026, 11, 20))
    panel = make_panel(qtbot, db)
    follow_ups.delete_custom(db, item)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    row_for(panel, "Call Ana").snooze_menu.actions()[0].trigger()
    assert len(shown) == 1 and "no follow-up" in shown[0]
    assert titles(panel) == []


def test_narrow_and_wide_rows(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    follow_ups.add_custom(db, app_id, "Call Ana", date(2026, 11, 20))
    panel = make_panel(qtbot, db)
    row = row_for(panel, "Call Ana")
    assert row.wide is False
    panel.resize(1000, 400)
    qtbot.waitUntil(lambda: row_for(panel, "Call Ana").wide is True)


def test_a_long_backlog_shows_a_page_and_expands(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta

    from nextcall.services.applications import ApplicationForm, add_application
    from nextcall.services.follow_ups import add_custom
    from nextcall.ui.today.panel import ROWS_PER_SECTION, TodayPanel

    app = add_application(db, ApplicationForm(company="Backlog BPO"))
    start = datetime.combine(db.clock.today(), datetime.min.time()) - timedelta(days=2)
    for n in range(ROWS_PER_SECTION + 10):
        add_custom(db, app, f"Call number {n}", start + timedelta(minutes=n))
    panel = TodayPanel(db)
    qtbot.addWidget(panel)
    panel.refresh()
    assert len(panel.rows) == ROWS_PER_SECTION
    [more] = [b for b in panel.findChildren(QPushButton) if b.text().startswith("Show all")]
    assert more.text() == f"Show all {ROWS_PER_SECTION + 10}"
    more.click()
    assert len(panel.rows) == ROWS_PER_SECTION + 10


def test_each_card_has_one_main_action_and_the_rest_under_more(
    qtbot, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    record_outcome(db, app_id, "phone-interview", "passed", on=date(2026, 11, 19))
    follow_ups.add_custom(db, app_id, "Call Ana", date(2026, 11, 20))
    panel = make_panel(qtbot, db)
    thanks, call = row_for(panel, "thank-you"), row_for(panel, "Call Ana")
    assert thanks.main_button.text() == "Write email…"
    assert call.main_button.text() == "Done"
    for row in (thanks, call):  # two buttons, whatever the follow-up
        buttons = [b for b in row.action_bar.findChildren(QToolButton) if b.isVisible()]
        assert buttons == [row.main_button, row.more_button]
        assert row.more_button.menu() is row.more_menu
    menu = [a.text() for a in thanks.more_menu.actions() if not a.isSeparator()]
    assert menu == ["Done", "Snooze", "Dismiss", "Open the application"]
    assert "Done" not in [a.text() for a in call.more_menu.actions()]  # it is the main one
    with qtbot.waitSignal(panel.open_application) as opened:
        call.more_menu.actions()[-1].trigger()
    assert opened.args == [app_id]
    with qtbot.waitSignal(hub_for(db).data_changed):
        call.main_button.click()
    assert "Call Ana" not in titles(panel)
