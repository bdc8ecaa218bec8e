"""The board driven as a user would: drops like Qt delivers them, keys, the context menu."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from nextcall.core.stages import Outcome
from nextcall.services import stages
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.board import BoardCard
from nextcall.services.database import Database
from nextcall.ui.common.theme import apply_theme
from nextcall.ui.tracker.board import BoardView, ColumnList, state_text


def add(db: Database, company: str) -> int:
    return add_application(db, ApplicationForm(company=company, applied_on="2026-11-15"))


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    """Two waiting for an answer, two at the phone interview, one at the exam, one rejected."""
    made = {name: add(db, name) for name in ("Harborline", "Amberstone")}
    made["Bluewave"] = add(db, "Bluewave")
    stages.record_outcome(
        db,
        made["Bluewave"],
        "phone-interview",
        Outcome.SCHEDULED,
        scheduled_at=datetime(2026, 11, 24, 10),
    )
    made["Crestpoint"] = add(db, "Crestpoint")
    stages.record_outcome(db, made["Crestpoint"], "phone-interview", Outcome.PENDING)
    made["Deltaserve"] = add(db, "Deltaserve")
    stages.record_outcome(db, made["Deltaserve"], "exam", Outcome.SCHEDULED)
    made["Evercall"] = add(db, "Evercall")
    stages.record_outcome(db, made["Evercall"], "phone-interview", Outcome.FAILED)
    return made


@pytest.fixture
def view(qtbot, db: Database, ids: dict[str, int]) -> BoardView:  # type: ignore[no-untyped-def]
    board = BoardView(db)
    qtbot.addWidget(board)
    board.resize(1280, 700)
    board.show()
    qtbot.waitExposed(board)
    board.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is board)
    return board


def counts(view: BoardView) -> dict[str, int]:
    return {
        c.stage.key: c.list.model().rowCount() for c in view.columns if c.list.model().rowCount()
    }


def outcomes(db: Database, application_id: int) -> dict[str, str | None]:
    return {st.stage.key: st.outcome for st in stages.stage_states(db, application_id)}


def drag_data(view: BoardView, stage_key: str, row: int = 0):  # type: ignore[no-untyped-def]
    model = view.column(stage_key).list.model()
    return model.mimeData([model.index(row, 0)])


def test_columns_show_the_open_applications_at_each_milestone(view: BoardView) -> None:
    assert len(view.columns) == 10
    assert counts(view) == {"application": 2, "phone-interview": 2, "exam": 1}
    phone = view.column("phone-interview")
    assert phone.title.text() == "Phone"
    assert phone.count.text() == "2"
    assert phone.list.accessibleName() == "Phone interview: 2 applications"
    assert view.column("exam").list.accessibleName() == "Exam: 1 application"
    assert view.column("job-offer").list.accessibleName() == "Job offer: 0 applications"
    cards = phone.list.card_model().cards
    assert [c.company for c in cards] == ["Bluewave", "Crestpoint"]  # scheduled first


def test_dropping_a_card_on_the_next_column_records_the_milestone(
    qtbot, view: BoardView, db: Database, ids: dict[str, int]
) -> None:
    data = drag_data(view, "application", row=0)  # Amberstone, alphabetically first
    target = view.column("phone-interview").list.model()

    with qtbot.waitSignal(view.moved) as moved:
        assert target.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())

    assert moved.args == [ids["Amberstone"], "phone-interview"]
    recorded = outcomes(db, ids["Amberstone"])
    assert recorded["application"] == Outcome.PASSED.value
    assert recorded["phone-interview"] == Outcome.SCHEDULED.value
    assert counts(view) == {"application": 1, "phone-interview": 3, "exam": 1}
    assert "moved to phone interview" in view.status.text()


def test_a_drop_event_on_a_later_column_moves_the_card(
    view: BoardView, db: Database, ids: dict[str, int]
) -> None:
    data = drag_data(view, "phone-interview", row=1)  # Crestpoint, waiting on its phone call
    viewport = view.column("mock-call").list.viewport()
    at, action = QPointF(40, 40), Qt.DropAction.MoveAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Qt delivers a drop to the widget that accepted the drag when it entered.
    enter = QDragEnterEvent(at.toPoint(), action, data, left, none)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(at, action, data, left, none)
    drop.setAccepted(False)

    QApplication.sendEvent(viewport, drop)

    assert drop.isAccepted()
    recorded = outcomes(db, ids["Crestpoint"])
    assert recorded["phone-interview"] == Outcome.PASSED.value
    assert recorded["in-person-interview"] == Outcome.PASSED.value
    assert recorded["exam"] == Outcome.PASSED.value
    assert recorded["mock-call"] == Outcome.SCHEDULED.value
    assert counts(view)["mock-call"] == 1


def test_dropping_on_an_earlier_column_is_refused_and_changes_nothing(
    qtbot, view: BoardView, db: Database, ids: dict[str, int]
) -> None:
    before = outcomes(db, ids["Deltaserve"])
    data = drag_data(view, "exam")
    target = view.column("phone-interview").list.model()

    with qtbot.assertNotEmitted(view.moved):
        assert not target.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())

    assert "erase recorded outcomes" in view.status.text()
    assert outcomes(db, ids["Deltaserve"]) == before
    assert counts(view) == {"application": 2, "phone-interview": 2, "exam": 1}


def test_ctrl_right_moves_the_selected_card_to_the_next_milestone(
    qtbot, view: BoardView, db: Database, ids: dict[str, int]
) -> None:
    assert view.select_card(ids["Deltaserve"])
    exam = view.column("exam").list
    view.card_menu(ids["Deltaserve"])  # a card's menu shows the keys but must not take them

    qtbot.keyClick(exam, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    assert outcomes(db, ids["Deltaserve"])["exam"] == Outcome.PASSED.value
    assert outcomes(db, ids["Deltaserve"])["mock-call"] == Outcome.SCHEDULED.value
    mock_call = view.column("mock-call").list
    assert QApplication.focusWidget() is mock_call  # the focus follows the card
    card = mock_call.current_card()
    assert card is not None and card.application_id == ids["Deltaserve"]


def test_ctrl_left_explains_why_cards_do_not_move_back(
    qtbot, view: BoardView, db: Database, ids: dict[str, int]
) -> None:
    assert view.select_card(ids["Bluewave"])
    before = outcomes(db, ids["Bluewave"])

    qtbot.keyClick(
        view.column("phone-interview").list, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )

    assert "erase recorded outcomes" in view.status.text()
    assert outcomes(db, ids["Bluewave"]) == before
    assert counts(view) == {"application": 2, "phone-interview": 2, "exam": 1}


def test_arrow_keys_move_between_columns_and_cards(qtbot, view: BoardView) -> None:
    applied = view.column("application").list
    applied.setFocus()
    qtbot.waitUntil(applied.hasFocus)

    qtbot.keyClick(applied, Qt.Key.Key_Right)
    phone = view.column("phone-interview").list
    assert QApplication.focusWidget() is phone
    assert phone.currentIndex().row() == 0

    qtbot.keyClick(phone, Qt.Key.Key_Down)
    card = phone.current_card()
    assert card is not None and card.company == "Crestpoint"

    qtbot.keyClick(phone, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is applied
    assert applied.currentIndex().row() == 1  # the same height, as near as there is one


def test_enter_and_double_click_open_the_card(qtbot, view: BoardView, ids: dict[str, int]) -> None:
    view.select_card(ids["Deltaserve"])
    exam: ColumnList = view.column("exam").list
    with qtbot.waitSignal(view.application_activated) as opened:
        qtbot.keyClick(exam, Qt.Key.Key_Return)
    assert opened.args == [ids["Deltaserve"]]

    centre = exam.visualRect(exam.model().index(0, 0)).center()
    with qtbot.waitSignal(view.application_activated) as opened:
        # QTest sends only the double-click event; a real one starts with a click.
        qtbot.mouseClick(exam.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(exam.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [ids["Deltaserve"]]


def test_the_context_menu_moves_a_card_to_any_later_milestone(
    view: BoardView, db: Database, ids: dict[str, int]
) -> None:
    menu = view.card_menu(ids["Bluewave"])
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Open in stepper", "Move to next milestone"]
    move_to = next(a.menu() for a in menu.actions() if a.text() == "Move to")
    targets = [a.text() for a in move_to.actions()]
    assert targets[0] == "In-person interview"
    assert targets[-1] == "Job offer"
    assert "Phone interview" not in targets and "Application sent" not in targets

    next(a for a in move_to.actions() if a.text() == "Exam").trigger()

    assert outcomes(db, ids["Bluewave"])["exam"] == Outcome.SCHEDULED.value
    assert counts(view)["exam"] == 2


def test_the_board_renders_in_light_and_dark(qtbot, view: BoardView) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for scheme, column in (("dark", "#181a1e"), ("light", "#e8eaee")):
            apply_theme(app, scheme)
            exam = view.column("exam")
            qtbot.waitUntil(lambda c=column, w=exam: c in w.styleSheet())  # follows the theme
            image = view.grab().toImage()
            assert image.width() == 1280
    finally:
        apply_theme(app, "light")


@pytest.mark.parametrize(
    ("state", "scheduled_at", "days", "text"),
    [
        ("scheduled", datetime(2026, 11, 24, 10, 30), 2, "Scheduled Tue 24 10:30"),
        ("scheduled", datetime(2026, 11, 21), 2, "Scheduled tomorrow"),
        ("scheduled", datetime(2026, 12, 2, 9), 2, "Scheduled Wed 2 Dec 09:00"),
        ("scheduled", datetime(2026, 11, 18, 9), 2, "Was Wed 18: record it"),
        ("scheduled", None, 2, "Scheduled, no date yet"),
        ("pending", None, 5, "Waiting 5 days"),
        ("pending", None, 1, "Waiting 1 day"),
        ("pending", None, 0, "Waiting since today"),
        ("next", None, 9, "Next"),
    ],
)
def test_the_state_line(state: str, scheduled_at: datetime | None, days: int, text: str) -> None:
    card = BoardCard(1, "Harborline", "Agent", "", state, scheduled_at, days)
    assert state_text(card, date(2026, 11, 20)) == text
