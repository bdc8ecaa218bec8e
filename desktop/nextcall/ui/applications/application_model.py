"""The applications table: a Qt model fed by SQL, one page at a time.

Filtering, sorting and counting happen in SQLite (services.applications); the model keeps only
the rows fetched so far and asks for the next page when the view scrolls near the end.

Qt's own delegate asks ``data`` about seven roles of every visible cell at each paint (some
800 calls a paint, most answered "nothing"); the table's ``CellDelegate`` reads each cell's
text and colour once instead. Each row's texts, tooltips and colour names are worked out once,
the first time the row is painted, and kept until the rows are fetched again (every change
reloads them), or the day changes (the follow-up column says "today", "tomorrow"). Colours are
looked up in the scheme in use when asked, so a theme switch needs nothing of its own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from nextcall.core.stages import Outcome
from nextcall.services.application_rows import ApplicationQuery, ApplicationRow
from nextcall.services.database import Database
from nextcall.services.first_page import FirstPage
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.theme import current_scheme, status_color

Index = QModelIndex | QPersistentModelIndex

# (sort key in services.application_list, header). What matters most comes first: a narrow
# window shows these columns and the column chooser (right click on the header) the rest.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("company", QT_TRANSLATE_NOOP("ApplicationTableModel", "Company")),
    ("position", QT_TRANSLATE_NOOP("ApplicationTableModel", "Position")),
    ("furthest", QT_TRANSLATE_NOOP("ApplicationTableModel", "Milestone")),
    ("status", QT_TRANSLATE_NOOP("ApplicationTableModel", "Status")),
    ("next_follow_up", QT_TRANSLATE_NOOP("ApplicationTableModel", "Next follow-up")),
    ("applied_on", QT_TRANSLATE_NOOP("ApplicationTableModel", "Applied")),
    ("account_type", QT_TRANSLATE_NOOP("ApplicationTableModel", "Account")),
    ("last_contact", QT_TRANSLATE_NOOP("ApplicationTableModel", "Last contact")),
)
(
    COMPANY,
    POSITION,
    MILESTONE,
    STATUS,
    FOLLOW_UP,
    APPLIED,
    ACCOUNT,
    LAST_CONTACT,
) = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200  # rows read each time the view scrolls to the end of what it has
# Rows read at once for a new search, filter or sort: more than a tall window shows (the view
# reads on by itself to fill a taller one), so a keystroke reads and lays out no more.
FIRST_PAGE = 50
COUNT_DELAY_MS = 40
DAY_CHECK_MS = 60_000  # at most this long after midnight, "tomorrow" becomes "today"

# Where each role's answer sits in a row's cached cells (see ApplicationTableModel.cells).
TEXTS, TIPS, COLOURS, ID_SLOT, ROW_SLOT = range(5)
_SLOTS = {
    int(Qt.ItemDataRole.DisplayRole): TEXTS,
    int(Qt.ItemDataRole.ToolTipRole): TIPS,
    int(Qt.ItemDataRole.ForegroundRole): COLOURS,
    int(ID_ROLE): ID_SLOT,
    int(ROW_ROLE): ROW_SLOT,
}
OVERDUE_COLOUR = "rejected"  # a follow-up past its day takes the colour of a rejection
Cells = tuple[tuple[str, ...], tuple[str | None, ...], tuple[str | None, ...], int, ApplicationRow]
_colours: dict[tuple[str, str], Any] = {}  # (scheme, status) -> QColor


def _colour(name: str) -> Any:
    key = (current_scheme(), name)
    found = _colours.get(key)
    if found is None:
        found = _colours[key] = status_color(name)
    return found


def format_date(value: Any) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def furthest_text(row: ApplicationRow) -> str:
    if not row.furthest_name:
        return "Not sent yet"
    if row.furthest_outcome in (None, Outcome.PASSED.value):
        return row.furthest_name
    return f"{row.furthest_name} · {Outcome(row.furthest_outcome).label.lower()}"


def milestone_text(row: ApplicationRow) -> str:
    """Where the application stands, in one column: the furthest milestone and how it went,
    or, while it is open, the milestone waited on or the next one to aim for."""
    if row.current_state == "closed" or not row.current_name:
        return furthest_text(row)
    if row.current_state == "scheduled":
        return f"{row.current_name} · scheduled"
    if row.current_state == "next":
        if row.furthest_name and row.furthest_name != row.current_name:
            return f"{row.furthest_name} passed · next: {row.current_name}"
        return f"Next: {row.current_name}"
    return f"{row.current_name} · waiting"


def milestone_tip(row: ApplicationRow) -> str:
    furthest = furthest_text(row)
    if row.current_state == "closed":
        return f"Furthest milestone: {furthest}. The application is closed ({row.status})."
    if row.current_state == "next" and row.current_name:
        return f"Furthest milestone: {furthest}. Next: {row.current_name}."
    return f"Furthest milestone: {furthest}."


def days_ago(value: date | None, today: date) -> str:
    if value is None:
        return ""
    days = (today - value).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def due_text(value: datetime | None, today: date) -> str:
    if value is None:
        return ""
    days = (value.date() - today).days
    if days < 0:
        return f"overdue {-days}d"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return format_date(value.date()) if days > 6 else f"{value:%a} {value.day}"


def row_cells(row: ApplicationRow, today: date) -> Cells:
    """What a row shows: each column's text, tooltip and colour name, its id and the row."""
    texts = (
        row.company,
        row.position,
        milestone_text(row),
        row.status.capitalize(),
        due_text(row.next_follow_up_at, today),
        format_date(row.applied_on),
        row.account_type,
        days_ago(row.last_contact_on, today),
    )
    due = row.next_follow_up_at
    tips = (
        f"{row.company}\n{row.position or 'No position recorded'}",
        row.position or None,  # in full where the column cuts it
        milestone_tip(row),
        None,
        None,
        None,
        row.account_type or None,
        f"Last contact on {format_date(row.last_contact_on)}" if row.last_contact_on else None,
    )
    overdue = due is not None and due.date() < today
    colours = (None, None, None, row.status, OVERDUE_COLOUR if overdue else None, None, None, None)
    return texts, tips, colours, row.id, row


class ApplicationTableModel(QAbstractTableModel):
    total_changed = Signal(int)

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = ApplicationQuery()
        self._rows: list[ApplicationRow] = []
        self._cells: list[Cells | None] = []  # each row's, once it has been shown
        self._today = db.clock.today()
        self._total = 0
        self._counted = True
        # Long enough for the first page to be painted before the count scans every row.
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count)
        # The follow-up and last-contact columns count days from today: a new day redoes them.
        self.day_timer = QTimer(self, singleShot=True)
        self.day_timer.timeout.connect(self.check_day)
        self._arm_day_timer()

    # -- queries -------------------------------------------------------------------------------

    @property
    def query(self) -> ApplicationQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def _show(self, rows: list[ApplicationRow]) -> None:
        """Take these rows (inside a model reset); their cells are worked out when shown."""
        self._rows = rows
        self._cells = [None] * len(rows)
        self._today = self._db.clock.today()

    def set_query(
        self, query: ApplicationQuery, *, recount: bool = True, rows: int = FIRST_PAGE
    ) -> None:
        """Show the first ``rows`` at once. A short first page is the whole count; a full one
        is counted right after the repaint, so a keystroke never waits for a scan of every
        row."""
        self.beginResetModel()
        self._query = query
        from nextcall.services.application_list import list_applications

        self._show(list_applications(self._db, query, 0, rows))
        if recount:
            self._counted = len(self._rows) < rows
            self._total = len(self._rows) if self._counted else len(self._rows) + 1
            if not self._counted:
                self._count_timer.start()
        self.endResetModel()

    @property
    def counted(self) -> bool:
        """False while the total of a large result is still being counted."""
        return self._counted

    def prime(self, first: FirstPage) -> None:
        """Show the first page read at start-up (services/first_page.py), before the ORM has
        loaded: the same rows and count the first query would give."""
        self.beginResetModel()
        self._query = first.query
        self._show(list(first.rows))
        self._total = max(first.total, len(self._rows))
        self._counted = True
        self.endResetModel()

    def _count(self) -> None:
        from nextcall.services.application_list import count_applications

        self._total = max(count_applications(self._db, self._query), len(self._rows))
        self._counted = True
        self.total_changed.emit(self._total)

    def refresh(self) -> None:
        """Read the rows again after a change: as many as were shown, so the selection and
        the scroll position stay where they were."""
        self.set_query(self._query, rows=max(FIRST_PAGE, len(self._rows)))

    def set_search(self, text: str) -> None:
        self.set_query(replace(self._query, search=text))

    def set_statuses(self, statuses: tuple[str, ...]) -> None:
        self.set_query(replace(self._query, statuses=statuses))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            descending = order == Qt.SortOrder.DescendingOrder
            query = replace(self._query, sort=COLUMNS[column][0], descending=descending)
            if query == self._query:  # QTableView.sortByColumn sorts twice; the header once
                return
            # Sorting never changes how many rows match: keep the count.
            self.set_query(query, recount=False)

    def row_for_id(self, application_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.id == application_id:
                return number
        return -1

    def application_at(self, row: int) -> ApplicationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- a new day -----------------------------------------------------------------------------

    def check_day(self) -> bool:
        """Redo the shown texts if the day has changed since they were worked out (True then).
        Runs just after each midnight of the profile's clock, and every minute in case the
        computer slept through one."""
        today = self._db.clock.today()
        changed = today != self._today
        if changed:
            self._today = today
            self._cells = [None] * len(self._rows)
            if self._rows:
                last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        self._arm_day_timer()
        return changed

    def _arm_day_timer(self) -> None:
        now = self._db.clock.now()
        midnight = datetime.combine(now.date() + timedelta(days=1), time())
        until = int((midnight - now).total_seconds() * 1000) + 50
        self.day_timer.start(max(50, min(DAY_CHECK_MS, until)))

    # -- lazy fetching -------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        from nextcall.services.application_list import list_applications

        more = list_applications(self._db, self._query, len(self._rows), PAGE_SIZE)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self._cells.extend([None] * len(more))
        self.endInsertRows()

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        slot = _SLOTS.get(role)
        if slot is None or not index.isValid():
            return None  # (font, alignment, size hints...: the view's own)
        cells = self.cells(index.row())
        if slot == TEXTS:
            return cells[0][index.column()]
        if slot == COLOURS:
            name = cells[2][index.column()]
            return None if name is None else _colour(name)
        if slot == TIPS:
            return cells[1][index.column()]
        return cells[3] if slot == ID_SLOT else cells[4]

    def cells(self, number: int) -> Cells:
        """What row ``number`` shows (see row_cells), worked out the first time it is asked."""
        cells = self._cells[number]
        if cells is None:
            cells = self._cells[number] = row_cells(self._rows[number], self._today)
        return cells


HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
TEXT_BRUSH = QPalette.ColorRole.Text


class CellDelegate(QStyledItemDelegate):
    """Paints the table's cells from the model's cached cells: what Qt's own delegate would
    paint (the same option: text, text colour, no style animation), without asking ``data``
    about seven roles per cell at every paint (most of them answered "nothing")."""

    def __init__(self, model: ApplicationTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._model = model

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        cells = self._model.cells(index.row())
        column = index.column()
        option.index = index  # type: ignore[assignment]
        option.styleObject = None  # type: ignore[assignment]
        text = cells[0][column]
        option.features |= HAS_DISPLAY
        # (Qt shows a line break in a one-line cell as a line separator)
        option.text = text.replace("\n", "\u2028") if "\n" in text else text
        name = cells[2][column]
        if name is not None:
            option.palette.setBrush(TEXT_BRUSH, _colour(name))
