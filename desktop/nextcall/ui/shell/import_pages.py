"""Pieces of the import dialog: the column-mapping form and the preview table's model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nextcall.export.csv_mapping import (
    DATE_ORDERS,
    TARGET_LABELS,
    TARGETS,
    heading_key,
    reading,
    recognise,
)
from nextcall.export.csv_read import CsvTable
from nextcall.services.bulk import Kind
from nextcall.services.data_import import CsvPreview, ImportRow
from nextcall.services.json_import import JsonImport
from nextcall.ui.common import theme
from nextcall.ui.common.forms import row_table
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.theme import current_scheme
from nextcall.ui.common.theme.tokens import ROW_KIND_COLORS as KIND_COLORS

MAX_PROBLEM_LINES = 200
COLUMNS = (
    QT_TRANSLATE_NOOP("PreviewModel", "Line"),
    QT_TRANSLATE_NOOP("PreviewModel", "Result"),
    QT_TRANSLATE_NOOP("PreviewModel", "Company"),
    QT_TRANSLATE_NOOP("PreviewModel", "Position"),
    QT_TRANSLATE_NOOP("PreviewModel", "Applied"),
    QT_TRANSLATE_NOOP("PreviewModel", "Where it stands"),
    QT_TRANSLATE_NOOP("PreviewModel", "Details"),
)
SAMPLE_LIMIT = 60
Index = QModelIndex | QPersistentModelIndex


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def result_color(row: ImportRow) -> QColor:
    kind = Kind.INVALID if row.bad else Kind.NEW if row.new else Kind.DUPLICATE
    return QColor(KIND_COLORS[current_scheme()][kind])


def _sample(table: CsvTable, index: int) -> str:
    for row in table.rows:
        if index < len(row.cells) and row.cells[index].strip():
            text = " ".join(row.cells[index].split())
            return text if len(text) <= SAMPLE_LIMIT else text[: SAMPLE_LIMIT - 1] + "…"
    return ""


class MappingForm(QWidget):
    """One line per CSV heading: the heading, a sample value, and where it should go."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: list[tuple[str, QComboBox]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.StyledPanel)
        outer.addWidget(self.area)
        self.inner = QWidget()
        self.grid = QGridLayout(self.inner)
        self.grid.setContentsMargins(12, 10, 12, 10)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(6)
        self.area.setWidget(self.inner)

    def set_table(self, table: CsvTable, chosen: dict[str, str] | None = None) -> None:
        """Fill the form for the table's headings; ``chosen`` keeps earlier choices."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.combos = []
        for col, title in enumerate(("Column in the file", "Goes to", "For example")):
            label = QLabel(title)
            theme.muted(label)
            theme.strong(label)
            self.grid.addWidget(label, 0, col)
        taken: set[str] = set()
        for index, heading in enumerate(table.headings):
            name = heading or f"(column {index + 1})"
            row = index + 1
            caption = QLabel(name)
            theme.strong(caption)
            caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            sample = QLabel(_sample(table, index))
            theme.muted(sample)
            combo = QComboBox()
            combo.setObjectName(f"map_{index}")
            combo.setAccessibleName(self.tr("Where the column {name} goes").format(name=name))
            for target in TARGETS:
                combo.addItem(TARGET_LABELS[target], target)
            target = (chosen or {}).get(heading_key(heading)) or recognise(heading) or "ignore"
            if chosen is None and target in taken and target not in ("notes", "tags"):
                target = "ignore"  # a second "Company" column: the first one wins
            taken.add(target)
            combo.setCurrentIndex(TARGETS.index(target))
            combo.currentIndexChanged.connect(self.changed)
            caption.setBuddy(combo)
            self.grid.addWidget(caption, row, 0)
            self.grid.addWidget(combo, row, 1)
            self.grid.addWidget(sample, row, 2)
            self.combos.append((heading, combo))
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(len(table.headings) + 1, 1)

    def chosen(self) -> dict[str, str]:
        """Every heading with the target picked for it."""
        return {heading: str(combo.currentData()) for heading, combo in self.combos}

    def combo_for(self, heading: str) -> QComboBox:
        for name, combo in self.combos:
            if heading_key(name) == heading_key(heading):
                return combo
        raise KeyError(heading)


class PreviewModel(QAbstractTableModel):
    """The rows of a CSV preview: what each line will become, bad rows first in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: CsvPreview | None = None
        self.rows: list[ImportRow] = []

    def set_plan(self, plan: CsvPreview | None) -> None:
        self.beginResetModel()
        self.plan = plan
        rows = list(plan.rows) if plan else []
        self.rows = [r for r in rows if r.bad] + [r for r in rows if not r.bad]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def text(self, row: ImportRow, column: int) -> str:
        v = row.values
        if column == 0:
            return str(row.line)
        if column == 1:
            return "Bad row" if row.bad else "Import" if row.new else "Skip"
        if column == 6:
            if row.bad:
                return "; ".join(row.problems)
            if row.duplicate_of is not None:
                return f"Already in your profile (#{row.duplicate_of})"
            if row.repeat_of is not None:
                return f"Same as line {row.repeat_of}"
            return ""
        if v is None:
            return row.raw[column - 2] if column in (2, 3, 4) else ""
        if column == 2:
            return v.form.company
        if column == 3:
            return v.form.position
        if column == 4:
            return v.applied_on.isoformat() if v.applied_on else ""
        names = self.plan.stage_names if self.plan else {}
        stage = names.get(v.milestone, "") if v.milestone else ""
        return ", ".join(t for t in (stage, v.status.capitalize()) if t)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and (column == 1 or row.bad):
            return result_color(row)
        if role == Qt.ItemDataRole.FontRole and column == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def summary_text(plan: CsvPreview) -> str:
    """The lines above the preview, one sentence each: what will be imported, which rows
    cannot be and why, the columns left out, the encoding."""
    new, skipped, bad = len(plan.new), len(plan.skipped), len(plan.bad)
    lines = [f"{plural(new, 'application')} to import."]
    if skipped:
        lines[0] = lines[0][:-1] + f"; {skipped} already in your profile will be skipped."
    if plan.undecided_date:
        lines.append(
            f"Dates like {plan.undecided_date} could be day/month or month/day: choose how "
            "the file writes them, below."
        )
    elif bad:
        lines.append(
            f"{plural(bad, 'row')} cannot be imported ({plan.bad_lines()}): the reasons are "
            "listed below. Fix them in the file (or change the columns) and try again."
        )
    left_out = [
        f"column {c.index + 1} (no heading)"
        if not c.heading.strip() or c.heading == f"(column {c.index + 1})"
        else f"“{c.heading}”"
        for c in plan.mapping.columns
        if c.target == "ignore"
    ]
    if left_out:
        lines.append(f"Left out: {', '.join(left_out)}.")
    if plan.encoding_note:
        lines.append(f"{plan.encoding_note[0].upper()}{plan.encoding_note[1:]}: check that "
                     "accented letters look right.")  # fmt: skip
    return "\n".join(lines)


class DateQuestion(QFrame):
    """Asked once when a file's dates (11/05/2026) could be read two ways: which order the
    file uses. ``chosen`` is emitted with "dmy" or "mdy"."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDateQuestion")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 8)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        column.addWidget(self.text)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        names = {"dmy": self.tr("Day/Month/Year"), "mdy": self.tr("Month/Day/Year")}
        for order in DATE_ORDERS:
            button = QRadioButton(names.get(order, order))  # (its text shows a reading later)
            button.setObjectName(f"importDate_{order}")
            button.setAccessibleName(names.get(order, order))
            self.group.addButton(button)
            self.buttons[order] = button
            row.addWidget(button)
        self.group.buttonClicked.connect(self._clicked)
        row.addStretch(1)
        column.addLayout(row)
        self.hide()

    def _clicked(self, button: QAbstractButton) -> None:
        for order, candidate in self.buttons.items():
            if candidate is button:
                self.chosen.emit(order)

    def ask(self, sample: str, heading: str, order: str | None) -> None:
        """Show the question for ``sample`` (a date of the column ``heading``), with the order
        already chosen checked, if any."""
        from html import escape

        self.text.setText(
            self.tr(
                "<b>How does the file write dates?</b> “{heading}” has dates like {sample}, "
                "which could be read two ways."
            ).format(heading=escape(heading), sample=escape(sample))
        )
        for way, label in (
            ("dmy", self.tr("&Day/Month/Year ({sample} is {reading})")),
            ("mdy", self.tr("&Month/Day/Year ({sample} is {reading})")),
        ):
            self.buttons[way].setText(label.format(sample=sample, reading=reading(sample, way)))
        self.group.setExclusive(False)  # so that neither may be checked
        for key, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(key == order)
            button.blockSignals(False)
        self.group.setExclusive(True)
        self.show()


class PreviewPage(QWidget):
    """What the import will do: a CSV's rows (bad ones listed with their reasons), or the
    counts of a NextCall JSON file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("")
        self.summary.setObjectName("importSummary")
        theme.strong(self.summary)
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.date_question = DateQuestion()
        self.sample_date = ""  # the date the question quotes, kept once the order is chosen
        column.addWidget(self.date_question)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setAccessibleName(self.tr("Rows that cannot be imported, and why"))
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(118)
        theme.error_text(self.problems)
        column.addWidget(self.problems)
        self.model = PreviewModel(self)
        self.view = row_table(self.model, "Preview: what each row will become")
        self.view.setObjectName("importPreview")
        self.view.verticalHeader().setDefaultSectionSize(26)
        head = self.view.horizontalHeader()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((48, 74, 190, 190, 92, 170)):
            self.view.setColumnWidth(col, width)
        column.addWidget(self.view, 1)
        self.json_summary = QLabel("")
        self.json_summary.setObjectName("importJsonSummary")
        self.json_summary.setWordWrap(True)
        self.json_summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.json_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.json_summary, 1)

    def show_csv(self, plan: CsvPreview, chosen_order: str | None = None) -> None:
        """The plan's rows; ``chosen_order``: the date order the user picked for this file
        (the question stays, answered, so the answer can be changed)."""
        if plan.undecided_date:
            self.sample_date = plan.undecided_date
        if plan.undecided_date or (chosen_order and self.sample_date):
            self.date_question.ask(self.sample_date, plan.date_heading, chosen_order)
        else:
            self.date_question.hide()
        self.model.set_plan(plan)
        self.view.show()
        self.json_summary.hide()
        self.summary.setText(summary_text(plan))
        lines = [f"Line {row.line}: {problem}" for row in plan.bad for problem in row.problems]
        if len(lines) > MAX_PROBLEM_LINES:
            more = len(lines) - MAX_PROBLEM_LINES
            lines = [*lines[:MAX_PROBLEM_LINES], f"… and {more} more (see the table)"]
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))

    def show_json(self, plan: JsonImport) -> None:
        self.date_question.hide()
        self.model.set_plan(None)
        self.view.hide()
        self.problems.hide()
        self.json_summary.show()
        self.summary.setText(
            "Everything in this file is already in your profile."
            if not plan.total_added
            else f"{plural(plan.total_added, 'record')} to add."
        )
        added = "".join(f"<li>{part}</li>" for part in plan.parts(plan.added))
        present = plan.describe(plan.present)
        self.json_summary.setText(
            (f"<p><b>Will add:</b></p><ul>{added}</ul>" if added else "")
            + f"<p><b>Already in your profile</b> (left as they are): {present}.</p>"
        )
