"""The Applications tab: every application in a SQL-fed table, with add, edit and delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.services.application_rows import ApplicationQuery
from nextcall.services.database import Database
from nextcall.ui.applications.application_filters import ApplicationFilters
from nextcall.ui.applications.application_model import (
    ACCOUNT,
    APPLIED,
    COLUMNS,
    COMPANY,
    ID_ROLE,
    LAST_CONTACT,
    MILESTONE,
    POSITION,
    ApplicationTableModel,
    CellDelegate,
)
from nextcall.ui.applications.pace_bar import QuietBanner, WeeklyTarget
from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common import theme
from nextcall.ui.common.empty_state import EmptyState
from nextcall.ui.common.forms import row_table
from nextcall.ui.common.operations import (
    EVERYTHING,
    Change,
    announce,
    run_op,
    show_status,
    subscribe,
)
from nextcall.ui.common.table_columns import FittedColumns

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from nextcall.services.applications import ApplicationForm
    from nextcall.services.first_page import FirstPage
    from nextcall.ui.applications.application_dialog import ApplicationDialog

T = TypeVar("T")


class DeleteApplication(QUndoCommand):
    """Moves an application to the trash; undo brings it back."""

    def __init__(self, tab: ApplicationsTab, application_id: int, company: str) -> None:
        super().__init__(
            QCoreApplication.translate("DeleteCommand", "Delete {company}").format(company=company)
        )
        self._tab = tab
        self._id = application_id

    def redo(self) -> None:
        from nextcall.services import applications as service

        service.delete_application(self._tab.db, self._id)
        announce(self._tab.db, EVERYTHING, self._tab)  # its notes, follow-ups… go with it
        self._tab.reload()

    def undo(self) -> None:
        from nextcall.services import applications as service

        service.restore_application(self._tab.db, self._id)
        announce(self._tab.db, EVERYTHING, self._tab)
        self._tab.reload(select_id=self._id)


# What the table shows: each application with its milestones, next follow-up, last contact.
SHOWN = frozenset({Change.APPLICATIONS, Change.STAGES, Change.FOLLOW_UPS, Change.CONTACTS})


def remembered_query(settings: QSettings) -> ApplicationQuery:
    """The table's order as it was left (its filters start cleared): what the start-up's
    first page is read in."""
    from nextcall.services.application_rows import SORT_COLUMNS

    value = str(settings.value(keys.APPLICATIONS_SORT, "") or "")
    column, _, direction = value.partition(" ")
    if column not in SORT_COLUMNS:
        return ApplicationQuery()
    return ApplicationQuery(sort=column, descending=direction != "asc")


def remember_query(settings: QSettings, query: ApplicationQuery) -> None:
    settings.setValue(
        keys.APPLICATIONS_SORT, f"{query.sort} {'desc' if query.descending else 'asc'}"
    )


class ApplicationsTab(QWidget):
    demo_requested = Signal()
    data_folder_requested = Signal()

    def __init__(
        self,
        db: Database,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        first: FirstPage | None = None,
    ):
        super().__init__(parent)
        self.db = db
        self.undo_stack = undo_stack
        self.model = ApplicationTableModel(db, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        header = QHBoxLayout()
        self.summary = QLabel()
        theme.heading(self.summary, 1)
        self.summary.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        # The count above the weekly target: the buttons keep their room in a narrow window
        # (a docked Today panel, 200% scaling, longer translations).
        counts = QVBoxLayout()
        counts.setSpacing(0)
        counts.addWidget(self.summary)
        self.weekly = WeeklyTarget(db, load=first is None)
        counts.addWidget(self.weekly)
        header.addLayout(counts)
        header.addStretch(1)
        self.header = header
        self.add_button = QPushButton(self.tr("Add application"))
        self.add_button.setDefault(True)
        theme.primary(self.add_button)  # the screen's one main action
        self.bulk_button = QPushButton(self.tr("Add several…"))
        self.bulk_button.setToolTip(self.tr("Paste a list of companies, one per line"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.add_button.setIcon(theme.icon("add", "on_accent"))
        self.bulk_button.setIcon(theme.icon("add-several"))
        self.edit_button.setIcon(theme.icon("edit"))
        self.delete_button.setIcon(theme.icon("delete"))
        # The buttons sit beside the count when there is room, else on a line of their own
        # under it (a narrow window, a wide Today panel, a longer translation).
        self.button_bar = QWidget()
        buttons = QHBoxLayout(self.button_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.bulk_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        self.button_row = QHBoxLayout()
        self.button_row.addStretch(1)
        layout.addLayout(header)
        layout.addLayout(self.button_row)
        self.buttons_beside: bool | None = None
        self._place_buttons(beside=True)
        self.filters = ApplicationFilters(db.clock.today())
        self.search = self.filters.search
        self.status_filter = self.filters.status
        layout.addWidget(self.filters)
        self.quiet = QuietBanner(db, load=first is None)
        layout.addWidget(self.quiet)

        self.stack = QStackedWidget()
        self.table = row_table(self.model, "Applications")
        self.table.setItemDelegate(CellDelegate(self.model, self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(30)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        # Company, position, milestone, status and next follow-up fit a 1366×768 window with
        # the side panel open; names elide (in full in their tooltips); right click on the
        # header chooses the columns. Widths and choices are kept (ui/shell/window_state.py).
        self.columns = FittedColumns(
            self.table,
            keys.APPLICATIONS_COLUMNS,
            (180, 160, 210, 84, 110, 96, 150, 100),
            flexible={COMPANY: 120, POSITION: 100, MILESTONE: 150, ACCOUNT: 100},
            fixed_shown=(COMPANY,),
            hidden=(LAST_CONTACT,),
        )
        head.setSortIndicator(APPLIED, Qt.SortOrder.DescendingOrder)  # the model's default
        self.table.setSortingEnabled(True)  # (sorts by the indicator: a no-op for the model)
        self.no_match = QLabel("")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.muted(self.no_match)
        theme.lead(self.no_match)
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 4, 0, 0)
        table_layout.addWidget(self.table)
        table_layout.addWidget(self.no_match)
        # An empty profile (the first run, most often) opens on this welcome.
        self.empty = EmptyState(
            self.tr("Welcome to NextCall"),
            self.tr(
                "Track every application, milestone by milestone. Call-center applicants often "
                "send 20 to 200 applications before the invitations come regularly; follow "
                "each one through the interviews, exams and mock calls to see where you "
                "usually stop."
            ),
            points=(
                self.tr(
                    "Add my first applications: paste the companies you applied to, one per "
                    "line. Later, Add application (Ctrl+N) takes one with all its details."
                ),
                self.tr(
                    "Explore with sample data: forty made-up applications show how a living "
                    "job hunt looks. It only works on an empty profile."
                ),
                self.tr(
                    "Your data stays on this computer, in {folder}. NextCall keeps backups "
                    "in its backups folder; see File > Backups."
                ).replace("{folder}", str(db.paths.root)),
            ),
            actions=(
                (self.tr("Add my first applications"), self.add_several),
                (self.tr("Explore with sample data"), self.demo_requested.emit),
                (self.tr("Open data folder"), self.data_folder_requested.emit),
            ),
            icon="empty-applications",
        )
        self.empty.setObjectName("welcome")
        self.stack.addWidget(table_page)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack)

        self.filters.changed.connect(self._apply_filters)
        self.quiet.marked.connect(self._quiet_marked)
        self.add_button.clicked.connect(self.add_application)
        self.bulk_button.clicked.connect(self.add_several)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self.edit_selected)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_view)
        self.model.rowsInserted.connect(self._update_view)
        self.model.total_changed.connect(self._update_view)
        subscribe(self, db, SHOWN, self.reload)
        if first is None:
            self.reload()
        else:  # painted from the start-up's first page; the rest comes with load_rest()
            self.filters.set_accounts(first.accounts)
            self.model.prime(first)

    def load_rest(self) -> None:
        """After the first paint from a first page: what the table's header shows besides the
        rows (the weekly target, the quiet applications)."""
        self.weekly.refresh()
        self.quiet.refresh()

    def _place_buttons(self, *, beside: bool) -> None:
        if beside == self.buttons_beside:
            return
        self.buttons_beside = beside
        self.button_bar.setParent(None)
        if beside:
            self.header.addWidget(self.button_bar)
        else:
            self.button_row.insertWidget(0, self.button_bar)
        self.button_bar.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = event.size().width() - 24  # the layout's side margins
        counts = max(self.summary.sizeHint().width(), self.weekly.sizeHint().width())
        needed = counts + self.header.spacing() * 2 + self.button_bar.sizeHint().width()
        self._place_buttons(beside=room >= needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Item views take the Delete key for themselves, so the menu's shortcut never sees it.
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    # -- state ---------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        from nextcall.services import applications as service

        keep = select_id if select_id is not None else self.selected_id()
        self.filters.set_accounts(service.account_types(self.db))
        self.model.refresh()
        if keep is not None:
            self.select_id(keep)
        self.weekly.refresh()
        self.quiet.refresh()

    def _apply_filters(self) -> None:
        query = self.filters.apply_to(self.model.query)
        if query != self.model.query:  # (a space typed before the next word finds nothing new)
            self.model.set_query(query)

    def _quiet_marked(self, count: int) -> None:
        self.reload()
        show_status(
            self.db,
            (
                self.tr("Marked {count} application as ghosted.")
                if count == 1
                else self.tr("Marked {count} applications as ghosted.")
            ).format(count=count),
        )

    def _update_view(self) -> None:
        total = self.model.total
        filtering = self.model.query.filtering
        nothing_at_all = total == 0 and not filtering
        self.stack.setCurrentIndex(1 if nothing_at_all else 0)
        shown = f"{total:,}" if self.model.counted else f"{self.model.rowCount():,}+"
        self.summary.setText(
            (
                self.tr("{shown} application matches")
                if filtering and total == 1
                else self.tr("{shown} applications match")
                if filtering
                else self.tr("{shown} application")
                if total == 1
                else self.tr("{shown} applications")
            ).format(shown=shown)
        )
        self.no_match.setVisible(total == 0 and filtering)
        self.table.setVisible(not (total == 0 and filtering))
        if total == 0 and filtering:
            self.no_match.setText(self.tr("No application matches this search and filter."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return int(value) if value is not None else None

    def select_id(self, application_id: int) -> None:
        row = self.model.row_for_id(application_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- actions -------------------------------------------------------------------------------

    def _dialog(self, form: ApplicationForm | None = None) -> ApplicationDialog:
        from nextcall.services import applications as service
        from nextcall.ui.applications.application_dialog import ApplicationDialog

        return ApplicationDialog(
            self,
            today=self.db.clock.today(),
            form=form,
            companies=service.company_names(self.db),
            account_types=service.account_types(self.db),
        )

    def add_application(self) -> None:
        from nextcall.services import applications as service

        dialog = self._dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.model.query.filtering:
            self.filters.clear()
        new_id = self._save(lambda: service.add_application(self.db, dialog.form()))
        if new_id is not None:
            self.reload(select_id=new_id)
            self.table.setFocus()

    def add_several(self) -> None:
        from nextcall.ui.applications.bulk_add_dialog import BulkAddDialog

        dialog = BulkAddDialog(self.db, self)
        accepted = dialog.exec() == BulkAddDialog.DialogCode.Accepted
        added = list(getattr(dialog, "added_ids", []))
        dialog.deleteLater()  # not one hidden dialog left under the tab per use
        if not accepted:
            return
        if self.model.query.filtering:
            self.filters.clear()
        self.reload(select_id=added[0] if added else None)  # the dialog announced them

    def edit_selected(self) -> None:
        from nextcall.services import applications as service

        application_id = self.selected_id()
        if application_id is None:
            return
        dialog = self._dialog(service.get_form(self.db, application_id))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._save(lambda: service.update_application(self.db, application_id, dialog.form()))
        self.reload(select_id=application_id)

    def delete_selected(self) -> None:
        application_id = self.selected_id()
        if application_id is None:
            return
        row = self.model.application_at(self.model.row_for_id(application_id))
        company = row.company if row else "this application"
        self.undo_stack.push(DeleteApplication(self, application_id, company))
        # Keep focus out of the search box, whose own Ctrl+Z would shadow Edit > Undo.
        if self.stack.currentWidget() is self.empty:
            self.empty.buttons[0].setFocus()
        else:
            self.table.setFocus()
        show_status(
            self.db,
            self.tr("Deleted the application to {company}. Undo with Ctrl+Z.").format(
                company=company
            ),
        )

    def _save(self, action: Callable[[], T]) -> T | None:
        done = run_op(self, self.db, action, {Change.APPLICATIONS}, self.tr("Not saved"))
        return None if done is None else done.value


__all__ = ["COLUMNS", "ApplicationsTab"]
