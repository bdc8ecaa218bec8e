"""Every dialog and secondary window of the app, built on a demo profile, for the walks in
tests/ui/test_accessibility.py and tests/ui/test_tab_order.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow, QWidget
from sqlalchemy import select

from nextcall.services import messages
from nextcall.services.database import Database
from nextcall.store.models import Application, FollowUp


def first_application(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(Application.id).order_by(Application.id)).scalars().first())


def practice_tab(db: Database) -> QWidget:
    from nextcall.ui.practice import PracticeTab

    tab = PracticeTab(db)
    tab.microphone_problem = lambda: "No microphone found"
    return tab


def question_drill(db: Database) -> QWidget:
    tab = practice_tab(db)
    dialog = tab.drill_questions()
    dialog.practice_tab = tab  # keeps the tab (the dialog's parent) alive; see finish()
    return dialog


def call_drill(db: Database) -> QWidget:
    tab = practice_tab(db)
    tab.open_drill("scenario", "irate-customer")
    dialog = tab.calls.dialog
    dialog.practice_tab = tab
    return dialog


def finish(widget: QWidget) -> None:
    """Close a widget made by a factory, and stop the practice tab behind a drill."""
    widget.close()
    tab = getattr(widget, "practice_tab", None)
    if tab is not None:
        tab.shutdown()
        tab.deleteLater()


def email_dialog(db: Database) -> QWidget:
    from nextcall.ui.today.email_dialog import EmailDialog

    with db.session() as s:
        follow_up = s.execute(select(FollowUp.id).where(FollowUp.kind == "thank-you")).scalar()
    assert follow_up is not None
    return EmailDialog(db, messages.draft_for_follow_up(db, follow_up), follow_up_id=follow_up)


def factories() -> dict[str, Callable[[Database], QWidget]]:
    from nextcall.ui.applications.application_dialog import ApplicationDialog
    from nextcall.ui.applications.bulk_add_dialog import BulkAddDialog
    from nextcall.ui.applications.pace_bar import GhostReviewDialog
    from nextcall.ui.interview.contact_dialog import ContactDialog
    from nextcall.ui.interview.debrief import DebriefDialog
    from nextcall.ui.interview.window import InterviewWindow
    from nextcall.ui.shell.about import AboutDialog
    from nextcall.ui.shell.backups_dialog import BackupsDialog
    from nextcall.ui.shell.import_dialog import ImportDialog
    from nextcall.ui.shell.settings_dialog import SettingsDialog
    from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog
    from nextcall.ui.today.template_dialog import TemplateDialog
    from nextcall.ui.tracker.side_panel import OfferComparison

    return {
        "application": lambda db: ApplicationDialog(None, today=db.clock.today()),
        "bulk add": BulkAddDialog,
        "import": ImportDialog,
        "backups": BackupsDialog,
        "settings": lambda db: SettingsDialog(db, "system", lambda _name: None),
        "shortcuts": lambda db: ShortcutsDialog(QMainWindow()),
        "about": lambda db: AboutDialog(db.paths),
        "contact": lambda db: ContactDialog(db, application_id=first_application(db)),
        "debrief": lambda db: DebriefDialog(db, first_application(db)),
        "interview": lambda db: InterviewWindow(db, first_application(db)),
        "ghosted review": GhostReviewDialog,
        "offers": OfferComparison,
        "template": lambda db: TemplateDialog(db, "thank-you-email"),
        "email": email_dialog,
        "question drill": question_drill,
        "call drill": call_drill,
    }
