"""The recurring-areas panel: ranked cards; clicking or Enter asks for the area's notes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note
from nextcall.services.stages import record_outcome
from nextcall.ui.interview.insights_panel import InsightsPanel


def test_empty_then_ranked_and_clickable(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    panel = InsightsPanel(db)
    qtbot.addWidget(panel)
    panel.resize(500, 600)
    panel.show()
    panel.refresh()
    assert panel.cards == []
    assert panel.empty.text().startswith("Nothing to rank yet")
    phone = record_outcome(db, app_id, "phone-interview", "passed")
    final = record_outcome(db, app_id, "final-interview", "failed")
    for event, text in ((phone, "Speak up"), (final, "Louder, please")):
        add_note(
            db,
            NoteInput(
                text,
                kind="tip",
                application_id=app_id,
                stage_event_id=event,
                tags=("voice-volume",),
            ),
        )
    add_note(
        db,
        NoteInput(
            "Smile",
            kind="feedback",
            application_id=app_id,
            stage_event_id=final,
            tags=("phone-manner",),
        ),
    )
    panel.refresh()
    assert panel.empty.isHidden()
    assert [c.area for c in panel.cards] == ["voice-volume", "phone-manner"]
    assert "Voice volume" in panel.cards[0].accessibleName()
    assert "2 interviews" in panel.cards[0].accessibleName()
    with qtbot.waitSignal(panel.area_selected) as signal:
        qtbot.mouseClick(panel.cards[1], Qt.MouseButton.LeftButton)
    assert signal.args == ["phone-manner"]
    panel.cards[0].setFocus()
    with qtbot.waitSignal(panel.area_selected) as signal:
        qtbot.keyClick(panel.cards[0], Qt.Key.Key_Return)
    assert signal.args == ["voice-volume"]


def test_the_same_words_from_several_interviews_show_once_with_a_count(
    qtbot, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    for stage in ("phone-interview", "in-person-interview", "final-interview"):
        event = record_outcome(db, app_id, stage, "passed")
        add_note(
            db,
            NoteInput(
                "Arrive  fifteen minutes early.",  # the same words, however spaced
                kind="tip",
                application_id=app_id,
                stage_event_id=event,
                tags=("punctuality",),
            ),
        )
    panel = InsightsPanel(db)
    qtbot.addWidget(panel)
    panel.resize(360, 600)
    panel.show()
    panel.refresh()
    lines = [
        label.text()
        for label in panel.cards[0].findChildren(QLabel)
        if "fifteen minutes early" in label.text()
    ]
    assert len(lines) == 1 and "said 3 times" in lines[0]
