"""Add or edit one application, with the problem shown beside the field that has it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import ValidationError
from nextcall.core.stages import Status
from nextcall.core.validation import parse_amount, parse_date
from nextcall.services.applications import ApplicationForm, validate
from nextcall.ui.common import theme
from nextcall.ui.common.discard import DiscardGuard
from nextcall.ui.common.forms import buddy_label, with_error

TEXT_FIELDS = ("company", "position", "source", "site", "shift", "url", "applied_on")


class ApplicationDialog(DiscardGuard, QDialog):
    """``form()`` returns what was typed once the dialog is accepted (it validates first).
    Escape or Cancel after typing asks before throwing the input away (DiscardGuard)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        today: date,
        form: ApplicationForm | None = None,
        companies: list[str] | None = None,
        account_types: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        editing = form is not None
        self.setWindowTitle("Edit application" if editing else "Add application")
        self.setMinimumWidth(520)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.error_columns: dict[str, QVBoxLayout] = {}

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Only the company is required. Dates can be typed as 2026-11-03, 3 Nov, "
                "today or yesterday."
            )
        )
        intro.setWordWrap(True)
        theme.muted(intro)
        layout.addWidget(intro)
        grid = QFormLayout()
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(grid)

        self._line(grid, "company", "&Company *", "e.g. Bluewave Contact Center", companies)
        self._line(grid, "position", "&Position", "e.g. Customer Service Representative")
        self.account = QComboBox(editable=True)
        self.account.addItems(account_types or [])
        self.account.setCurrentText("")
        account_edit = self.account.lineEdit()
        assert account_edit is not None
        account_edit.setPlaceholderText(self.tr("e.g. Telecom inbound customer service"))
        self.account.setAccessibleName(self.tr("Account type"))
        grid.addRow(self._label("Acc&ount type", self.account), self.account)
        self._line(grid, "applied_on", "&Date applied", "e.g. today, 3 Nov or 2026-11-03")
        self.date_hint = QLabel("")
        self.date_hint.hide()
        theme.muted(self.date_hint, small=True)
        self.error_columns["applied_on"].insertWidget(1, self.date_hint)
        self._line(grid, "source", "&Source", "e.g. Job board, walk-in, referral")
        self._line(grid, "site", "S&ite", "e.g. Makati")
        self._line(grid, "shift", "S&hift", "e.g. Night shift")
        self._line(grid, "salary_expected", "E&xpected salary", "monthly, e.g. 20000 or 20k")
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(status.label, status.value)
        self.status.setAccessibleName(self.tr("Status"))
        grid.addRow(self._label("S&tatus", self.status), self._with_error("status", self.status))
        self._line(grid, "url", "&Link", "job posting address (optional)")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Anything worth remembering about this application"))
        self.notes.setFixedHeight(72)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes"))
        grid.addRow(self._label("&Notes", self.notes), self._with_error("notes", self.notes))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            "Save changes" if editing else "Add application"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.inputs["applied_on"].textChanged.connect(self._check_date)
        self.inputs["salary_expected"].textChanged.connect(self._check_salary)
        self.inputs["company"].textChanged.connect(lambda: self._show_error("company", ""))
        if form is not None:
            self._fill(form)
        else:
            self.inputs["applied_on"].setText(self.tr("today"))
        self.inputs["company"].setFocus()
        self._opened_with = self.form()

    # -- building ------------------------------------------------------------------------------

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        return buddy_label(text, buddy)

    def _with_error(self, name: str, field: QWidget) -> QWidget:
        box, self.errors[name], column = with_error(field)
        self.error_columns[name] = column
        return box

    def _line(
        self,
        grid: QFormLayout,
        name: str,
        label: str,
        placeholder: str,
        completions: list[str] | None = None,
    ) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label.replace("&", "").rstrip(" *"))
        edit.setObjectName(f"field_{name}")
        if completions:
            completer = QCompleter(completions, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        self.inputs[name] = edit
        grid.addRow(self._label(label, edit), self._with_error(name, edit))

    def _fill(self, form: ApplicationForm) -> None:
        for name in (*TEXT_FIELDS, "salary_expected"):
            self.inputs[name].setText(getattr(form, name))
        self.account.setCurrentText(form.account_type)
        self.status.setCurrentIndex(max(0, self.status.findData(form.status)))
        self.notes.setPlainText(form.notes)

    # -- validation ----------------------------------------------------------------------------

    def _show_error(self, name: str, message: str) -> None:
        label = self.errors[name]
        label.setText(message)
        label.setVisible(bool(message))

    def _check_date(self, text: str) -> None:
        try:
            value = parse_date(text, today=self._today, allow_future=False)
        except ValidationError as exc:
            self.date_hint.setText("")
            self.date_hint.hide()
            self._show_error("applied_on", str(exc))
            return
        self._show_error("applied_on", "")
        self.date_hint.setText(f"→ {value:%A}, {value.day} {value:%B %Y}" if value else "")
        self.date_hint.setVisible(value is not None)

    def _check_salary(self, text: str) -> None:
        try:
            parse_amount(text)
        except ValidationError as exc:
            self._show_error("salary_expected", str(exc))
        else:
            self._show_error("salary_expected", "")

    def typed(self) -> bool:
        """Whether anything differs from what the dialog opened with."""
        return self.form() != self._opened_with

    def form(self) -> ApplicationForm:
        values = {name: self.inputs[name].text() for name in (*TEXT_FIELDS, "salary_expected")}
        return ApplicationForm(
            **values,
            account_type=self.account.currentText(),
            status=str(self.status.currentData()),
            notes=self.notes.toPlainText(),
        )

    def accept(self) -> None:
        _values, problems = validate(self.form(), self._today)
        for name in self.errors:
            self._show_error(name, problems.by_field.get(name, ""))
        if problems:
            first = next(iter(problems.by_field))
            widget = self.inputs.get(first)
            if widget is not None:
                widget.setFocus()
                widget.selectAll()
            return
        super().accept()
