"""The mock-call drill from the Mock calls page: brief, timer, notes, self-score, history and
trend; with a (fake) microphone, the recording is saved and its voice check shown."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from nextcall.core.playbook import RUBRIC_KEYS
from nextcall.services import practice
from nextcall.services.database import Database
from nextcall.ui.common.operations import hub_for
from nextcall.ui.practice.call_drill import CallDrillDialog
from nextcall.ui.practice.tab import CALLS, PracticeTab

from .conftest import FakeRecorder

MakeTab = Callable[..., PracticeTab]
SCORES = dict(zip(RUBRIC_KEYS, (4, 3, 4, 3, 2, 4), strict=True))


def start(tab: PracticeTab, key: str = "irate-customer") -> CallDrillDialog:
    tab.open_drill("scenario", key)
    dialog = tab.calls.dialog
    assert isinstance(dialog, CallDrillDialog)
    return dialog


def test_a_call_is_timed_scored_and_added_to_the_history(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    tab = make_tab(microphone=False)
    dialog = start(tab)
    assert dialog.pages.currentIndex() == 0
    assert not dialog.record.isEnabled() and dialog.no_mic.text() == "No microphone found"
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.elapsed >= 3)
    assert dialog.clock.text() == f"0:{dialog.elapsed:02d}"
    qtbot.keyClicks(dialog.notes, "Account 4471, technician tomorrow")
    dialog.end_button.click()
    assert dialog.pages.currentIndex() == 2 and not dialog.timer.isActive()
    assert not dialog.save_button.isEnabled()  # every item must be scored
    dialog.set_scores({k: v for k, v in SCORES.items() if k != "closing"})
    assert not dialog.save_button.isEnabled() and "1 more" in dialog.save_button.toolTip()
    dialog.score_groups["closing"].button(4).click()
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.comment, "Acknowledge the feelings first")
    with qtbot.waitSignal(hub_for(db).data_changed):  # what was practised is announced
        dialog.save_button.click()
    [run] = practice.sessions(db)
    assert (run.scenario_key, dict(run.scores), run.recording) == ("irate-customer", SCORES, "")
    assert run.notes == "Account 4471, technician tomorrow"
    assert run.comment == "Acknowledge the feelings first"
    assert run.duration_s == dialog.elapsed
    assert dialog.done_title.text() == "Saved: 3.3 / 5"
    assert "Your weakest this time: empathy (2 / 5)." in dialog.done_text.text()
    dialog.accept()
    page = tab.calls
    assert page.scenario() is not None and page.scenario().key == "irate-customer"  # type: ignore[union-attr]
    assert page.history.topLevelItemCount() == 1
    row = page.history.topLevelItem(0)
    assert row is not None and (row.text(2), row.text(3)) == ("3.3", "empathy (2)")
    assert page.chart.point_count() == 1
    assert "1 call · last 3.3 / 5" in page.list.currentItem().text()


def test_the_trend_chart_shows_every_call(make_tab: MakeTab, db: Database) -> None:
    from datetime import datetime

    for day, value in ((2, 2), (9, 3), (16, 4)):
        practice.record_session(
            db,
            practice.SessionInput(
                "sell-upgrade", datetime(2026, 11, day, 19), 240, dict.fromkeys(RUBRIC_KEYS, value)
            ),
        )
    tab = make_tab()
    tab.show_page(CALLS)
    page = tab.calls
    page.select("sell-upgrade")
    assert page.chart.point_count() == 3
    assert "↗ improving" in page.history_title.text()
    page.series.setCurrentIndex(1)  # every rubric item
    assert len(page.chart.lines) == len(RUBRIC_KEYS) and page.chart.point_count() == 18
    page.select("computer-task")
    assert not page.chart.isVisibleTo(page)
    assert page.empty.text().startswith("No calls yet")


def test_a_recorded_call_gets_its_voice_check(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    FakeRecorder.made.clear()
    tab = make_tab(microphone=True)
    dialog = start(tab, "inbound-request")
    assert dialog.record.isEnabled() and dialog.record.isChecked()
    dialog.start_button.click()
    [recorder] = FakeRecorder.made
    assert recorder.started and dialog.recording_label.text() == "● Recording"
    dialog.end_button.click()
    assert recorder.stopped
    dialog.set_scores(SCORES)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    [run] = practice.sessions(db)
    assert run.recording.startswith("recordings/practice-call-")
    assert dialog.recording_file == db.paths.root / run.recording
    assert dialog.recording_file.exists()
    assert dialog.report.duration_s > 5  # type: ignore[union-attr]
    assert dialog.voice_view.verdict.text()
    dialog.accept()
    page = tab.calls
    page.history.setCurrentItem(page.history.topLevelItem(0))
    assert page.voice_button.isEnabled()
    page.voice_button.click()
    assert tab.pages.currentWidget() is tab.voice
    qtbot.waitUntil(lambda: tab.voice.report is not None, timeout=10_000)


def test_a_broken_microphone_does_not_stop_the_drill(make_tab: MakeTab, db: Database) -> None:
    tab = make_tab(microphone=True)

    def broken(_parent: object) -> object:
        raise OSError("device busy")

    tab.recorder_factory = broken
    dialog = start(tab)
    dialog.start_button.click()
    assert dialog.recording_label.text() == "Not recording: device busy"
    dialog.end_button.click()
    dialog.set_scores(SCORES)
    dialog.save_button.click()
    assert [r.recording for r in practice.sessions(db)] == [""]
    dialog.accept()


def test_deleting_a_call(monkeypatch, make_tab: MakeTab, db: Database) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from PySide6.QtWidgets import QMessageBox

    practice.record_session(
        db, practice.SessionInput("sell-upgrade", datetime(2026, 11, 2, 19), 240, SCORES)
    )
    tab = make_tab()
    tab.show_page(CALLS)
    page = tab.calls
    page.select("sell-upgrade")
    assert not page.delete_button.isEnabled()
    page.history.setCurrentItem(page.history.topLevelItem(0))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert practice.sessions(db) == [] and page.history.topLevelItemCount() == 0
