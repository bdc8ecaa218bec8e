"""tests/pseudo_translation.py: strings through tr() come back accented and 40% longer, and the
main window and dialogs render that way (python tests/pseudo_translation.py OUT)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from nextcall.services.database import Database
from nextcall.ui.shell.settings_dialog import SettingsDialog
from pseudo_translation import PseudoTranslator, install, pseudo, render


def test_pseudo_stretches_by_forty_percent_and_keeps_what_code_needs() -> None:
    text = "Open &data folder"
    out = pseudo(text)
    assert len(out) >= len(text) * 1.4
    assert out != text and "&" in out
    assert out.startswith("⟦") and out.endswith("⟧")
    kept = pseudo("Added {count} of %1 <b>now</b>")
    assert "{count}" in kept and "%1" in kept and "<b>" in kept and "</b>" in kept
    assert pseudo("   ") == "   "


@pytest.fixture
def translated(qapp) -> Iterator[PseudoTranslator]:  # type: ignore[no-untyped-def]
    translator = install()
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_widgets_pick_it_up_through_tr(qtbot, db: Database, translated) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(db, "system", lambda _n: None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == pseudo("Settings")
    assert dialog.open_data.text() == pseudo("Open folder")


def test_the_render_run_saves_every_screen(qtbot, tmp_path, translated, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("pseudo_translation.SETTLE_SECONDS", 0.0)
    saved = render(tmp_path / "shots", "light")
    names = {path.name for path in saved}
    assert {
        "pseudo-welcome-light.png",
        "pseudo-tab1-light.png",
        "pseudo-settings-light.png",
    } <= names
    assert len(saved) == 8
    assert all(not QImage(str(path)).isNull() for path in saved)
