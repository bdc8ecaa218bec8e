"""Interview mode as a user drives it during an interview: clock, stamps, one-key tags, autosave."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt, QTimer

from nextcall.core.playbook import load_playbook
from nextcall.services.database import Database
from nextcall.services.notes import list_notes
from nextcall.ui.interview.clock import ElapsedClock
from nextcall.ui.interview.window import InterviewWindow


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def window(qtbot, db: Database, app_id: int, final_booked: int, fake_time: FakeTime):  # type: ignore[no-untyped-def]
    w = InterviewWindow(db, app_id, clock=ElapsedClock(fake_time))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.note.setFocus()
    return w


def saved_notes(db: Database, app_id: int):  # type: ignore[no-untyped-def]
    return list_notes(db, application_id=app_id)


def test_a_compact_window_that_stays_on_top(window: InterviewWindow) -> None:
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.isWindow()
    assert window.width() <= 460 and window.height() <= 640


def test_opens_on_the_booked_milestone_with_its_questions_checks_and_tags(
    window: InterviewWindow,
) -> None:
    final = load_playbook().milestone("final-interview")
    assert window.state is not None and window.state.stage.key == "final-interview"
    ask = window.ask.toPlainText()
    assert all(q.question in ask for q in final.questions_to_ask)
    assert final.checks[0].text in window.checks.toPlainText()
    # The milestone's own areas first, in the order of its checks, then the rest.
    expected = list(dict.fromkeys(c.area for c in final.checks if c.area))
    assert window.legend_keys[: len(expected)] == expected
    assert len(window.legend_keys) == 9
    assert window.legend_buttons[0].full_text == "1  Availability"


def test_other_milestones_show_the_closing_question(
    qtbot,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    w = InterviewWindow(db, app_id)
    qtbot.addWidget(w)
    assert w.state is not None and w.state.stage.key == "application"  # nothing booked yet
    assert "What is one thing I could improve?" in w.ask.toPlainText()
    assert "Bluewave" in w.ask.toPlainText()  # {company} filled in


def test_typing_creates_the_note_with_its_links_and_saves_within_half_a_second(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,
    final_booked: int,
    maria: int,  # type: ignore[no-untyped-def]
) -> None:
    assert window.saved.text() == ""
    qtbot.keyClicks(window.note, "Weekends are a must")
    typed = time.monotonic()
    assert window.saved.text() == "Saving…"
    assert saved_notes(db, app_id) == []  # written off the GUI thread, after the debounce
    qtbot.waitUntil(lambda: window.saved.text().startswith("Saved at "), timeout=1500)
    assert time.monotonic() - typed < 0.5 + 0.15
    [created] = saved_notes(db, app_id)  # the first save created it
    assert (created.body, created.kind, created.stage_event_id, created.contact_id) == (
        "Weekends are a must",
        "tip",
        final_booked,
        maria,
    )
    assert window.note_id == created.id
    assert window.saved.text() == f"Saved at {created.updated_at:%H:%M:%S}"
    qtbot.keyClicks(window.note, "!")
    qtbot.waitUntil(lambda: saved_notes(db, app_id)[0].body == "Weekends are a must!")
    assert len(saved_notes(db, app_id)) == 1


def test_steady_typing_is_saved_about_every_second(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    """A typist who never pauses as long as the debounce still has their note saved."""
    stored: list[tuple[float, int]] = []
    window.note_saved.connect(
        lambda _id: stored.append((time.monotonic(), len(saved_notes(db, app_id)[0].body)))
    )
    timer = QTimer(interval=40)
    timer.timeout.connect(lambda: qtbot.keyClicks(window.note, "a"))
    start = time.monotonic()
    timer.start()
    qtbot.waitUntil(lambda: time.monotonic() - start > 2.6, timeout=5000)
    timer.stop()
    moments = [start] + [at for at, _length in stored]
    assert len(stored) >= 2 and stored[-1][1] > stored[0][1] > 0
    assert max(b - a for a, b in pairwise(moments)) < 1.2
    assert window.flush()
    assert saved_notes(db, app_id)[0].body == window.note.toPlainText()


def test_enter_stamps_the_elapsed_time_and_shift_enter_does_not(
    qtbot,
    window: InterviewWindow,
    fake_time: FakeTime,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(window.note, "Before we start")
    qtbot.keyClick(window.note, Qt.Key.Key_Return)  # clock not started: no stamp yet
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    assert window.start_button.text() == "&Pause"
    fake_time.now += 12 * 60 + 4
    qtbot.keyClick(window.note, Qt.Key.Key_Return)
    qtbot.keyClicks(window.note, "Night shift differential")
    qtbot.keyClick(window.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.note, "is 10%")
    assert window.note.toPlainText() == (
        "Before we start\n\n[12:04] Night shift differential\nis 10%"
    )
    window.toggle_clock()  # pause: the clock stops counting
    fake_time.now += 600
    window._show_time()
    assert window.clock_label.text() == "12:04"
    assert window.start_button.text() == "&Resume"


def test_the_first_line_is_stamped_once_the_clock_runs(
    qtbot,
    window: InterviewWindow,
    fake_time: FakeTime,  # type: ignore[no-untyped-def]
) -> None:
    window.toggle_clock()
    fake_time.now += 75 * 60 + 10
    qtbot.keyClicks(window.note, "Hi")
    assert window.note.toPlainText() == "[75:10] Hi"


def test_alt_number_tags_the_note(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(window.note, "Be ready for graveyard shifts")
    qtbot.keyClick(window.note, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.note, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.note.toPlainText() == "Be ready for graveyard shifts"  # no digit typed
    assert window.note_tags == [window.legend_keys[0], window.legend_keys[2]]
    assert window.legend_buttons[0].isChecked()
    qtbot.keyClick(window.note, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # untag
    window.flush()
    [note] = saved_notes(db, app_id)
    assert note.tags == ("availability",)


def test_closing_flushes_what_was_just_typed(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(window.note, "Typical day: eight hours, one hour lunch")
    window.kind.setCurrentIndex(window.kind.findData("feedback"))
    window.close()  # well before the debounce fires
    [note] = saved_notes(db, app_id)
    assert note.body == "Typical day: eight hours, one hour lunch"
    assert note.kind == "feedback"


def test_a_note_left_empty_is_not_kept(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(window.note, "x")
    qtbot.keyClick(window.note, Qt.Key.Key_Backspace)
    window.close()
    assert saved_notes(db, app_id) == []


def test_new_note_keeps_the_first_and_starts_another(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(window.note, "First")
    qtbot.keyClick(window.note, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.note.toPlainText() == "" and window.note_id is None
    qtbot.keyClicks(window.note, "Second")
    window.close()
    assert [n.body for n in saved_notes(db, app_id)] == ["Second", "First"]


def test_choosing_another_milestone_relinks_the_note(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(window.note, "Speak up")
    window.milestone.setCurrentIndex(window.milestone.findData("phone-interview"))
    assert "Before we finish" in window.ask.toPlainText()
    window.close()
    [note] = saved_notes(db, app_id)
    assert note.stage_name == "Phone interview"


def test_a_failed_save_says_so_and_keeps_the_text(
    qtbot,
    window: InterviewWindow,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from nextcall.services.applications import delete_application

    qtbot.keyClicks(window.note, "Ask about the training allowance")
    delete_application(db, app_id)  # e.g. trashed from the main window meanwhile
    qtbot.keyClicks(window.note, "!")
    assert window.flush() is False
    assert window.saved.text() == (
        f"Not saved: there is no application with id {app_id} — your text is kept"
    )
    assert window.note.toPlainText() == "Ask about the training allowance!"
    # Closing asks before the text is lost; here it can never be saved, so: Close.
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "warning", answer)
    assert window.close() is True
    assert asked and f"could not be saved: there is no application with id {app_id}." in (asked[0])
