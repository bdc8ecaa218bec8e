"""No dialog opens taller than 90 % of a 1366×768 screen (691 px): each is built with sample
data, shown at the size it asks for, and measured. The screen's available area is that of the
laptop (a 40-px taskbar), whatever screen the tests run on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from nextcall.core.playbook import load_playbook
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.ui.common import screen_fit

SCREEN_HEIGHT = 768
LIMIT = int(SCREEN_HEIGHT * 0.9)
LAPTOP = QRect(0, 0, 1366, SCREEN_HEIGHT - 40)


def first_application(db: Database) -> int:
    from nextcall.services.applications import ApplicationQuery, list_applications

    return list_applications(db, ApplicationQuery(), 0, 1)[0].id


def application_dialog(db: Database, parent: QWidget) -> QDialog:
    from nextcall.services.applications import get_form
    from nextcall.ui.applications.application_dialog import ApplicationDialog

    return ApplicationDialog(
        parent, today=db.clock.today(), form=get_form(db, first_application(db))
    )


def bulk_add(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.applications.bulk_add_dialog import BulkAddDialog

    return BulkAddDialog(db, parent)


def debrief(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.interview.debrief import DebriefDialog

    dialog = DebriefDialog(db, first_application(db), parent=parent)
    for kind in ("other", "other", "other"):  # a long debrief: its rows scroll inside
        dialog.add_row(kind)
    return dialog


def contact(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.interview.contact_dialog import ContactDialog

    return ContactDialog(db, application_id=first_application(db), parent=parent)


def settings(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.shell.settings_dialog import SettingsDialog

    return SettingsDialog(db, "light", lambda _name: None, parent)


def backups(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.shell.backups_dialog import BackupsDialog

    return BackupsDialog(db, parent)


def import_applications(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.shell.import_dialog import ImportDialog

    return ImportDialog(db, parent)


def about(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.shell.about import AboutDialog

    return AboutDialog(db.paths, parent)


def ghosted(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.applications.pace_bar import GhostReviewDialog

    return GhostReviewDialog(db, parent)


def template(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.today.template_dialog import TemplateDialog

    return TemplateDialog(db, "thank-you-email", parent)


def email(db: Database, parent: QWidget) -> QDialog:
    from nextcall.services import follow_ups, messages
    from nextcall.ui.today.email_dialog import EmailDialog

    listing = follow_ups.today_list(db, db.clock.now())
    items = (*listing.overdue, *listing.today, *listing.upcoming)
    item = next(i for i in items if i.email_template is not None)
    draft = messages.draft_for_follow_up(db, item.id)
    return EmailDialog(db, draft, follow_up_id=item.id, parent=parent)


def offers(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.tracker.side_panel import OfferComparison

    return OfferComparison(db, parent)


def mock_call(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.practice.call_drill import CallDrillDialog

    scenario = load_playbook().scenarios[0]
    return CallDrillDialog(db, scenario, parent, microphone_problem="No microphone")


def shortcuts(db: Database, parent: QWidget) -> QDialog:
    from nextcall.ui.shell.main_window import MainWindow
    from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog

    window = parent if isinstance(parent, MainWindow) else None
    assert window is not None
    return ShortcutsDialog(window, window)


DIALOGS: dict[str, Callable[[Database, QWidget], QDialog]] = {
    "application": application_dialog,
    "bulk add": bulk_add,
    "debrief": debrief,
    "contact": contact,
    "settings": settings,
    "backups": backups,
    "import": import_applications,
    "about": about,
    "gone quiet": ghosted,
    "template": template,
    "email": email,
    "offers": offers,
    "mock call": mock_call,
    "shortcuts": shortcuts,
}


@pytest.fixture
def window(qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> QMainWindow:
    from PySide6.QtCore import QSettings

    from nextcall.ui.shell.main_window import MainWindow

    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: LAPTOP)
    fill_demo(db)
    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    return win


@pytest.mark.parametrize("name", list(DIALOGS))
def test_the_dialog_fits_a_768_pixel_screen(
    qtbot: QtBot, db: Database, window: QMainWindow, name: str
) -> None:
    dialog = DIALOGS[name](db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= LIMIT, f"{name}: {dialog.height()} px"
    assert dialog.minimumSizeHint().height() <= LIMIT
    dialog.reject()
