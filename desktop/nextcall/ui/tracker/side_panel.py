"""Beside the milestone: the four things a panel weighs (the applicant's answers for this
company, saved as typed), the job offer's details, and the stage history."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import Outcome
from nextcall.services import application_detail as detail_service
from nextcall.services import stages
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import Autosave, Saved, joined
from nextcall.ui.common.screen_fit import fit_dialog
from nextcall.ui.practice.suggestions import SuggestionsPanel


def save_answers(db: Database, application_id: int, fields: dict[str, Any]) -> Saved:
    """The autosave's save (on the background thread): the panel answers typed since the last
    save, usually the one being typed."""
    at = None
    for key, text in sorted(fields.items()):
        at = detail_service.save_answer(db, application_id, key, joined(text))
    assert at is not None
    return Saved(application_id, at)


class SidePanel(QWidget):
    offer_saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.application_id: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        outer.addWidget(self.tabs)
        plan = QWidget()
        layout = QVBoxLayout(plan)
        layout.setContentsMargins(0, 6, 0, 0)

        weighs = QGroupBox(self.tr("How you will show the panel"))
        weighs.setToolTip(
            self.tr(
                "When several candidates qualify, a panel weighs these four things. "
                "Your one-line answer for this company is printed in the prep packet."
            )
        )
        form = QFormLayout(weighs)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.answers: dict[str, QLineEdit] = {}
        for factor in load_playbook().panel_factors:
            edit = QLineEdit()
            edit.setPlaceholderText(factor.prompt)
            edit.setToolTip(factor.text)
            edit.setAccessibleName(factor.label)
            form.addRow(factor.label, edit)
            self.answers[factor.key] = edit
        self.saved = QLabel("")
        self.saved.setAccessibleName(self.tr("Save status"))
        self.saved.setWordWrap(True)
        theme.muted(self.saved, small=True)
        form.addRow("", self.saved)
        self.autosave = Autosave(
            partial(save_answers, db),
            {key: edit.text for key, edit in self.answers.items()},
            self,
            name="nextcall-panel-answers-save",
        )
        self.autosave.status_changed.connect(self.saved.setText)
        for key, edit in self.answers.items():
            edit.textEdited.connect(lambda _t, k=key: self.autosave.mark(k))
            edit.editingFinished.connect(self.autosave.save_now)
        layout.addWidget(weighs)

        self.offer_box = QGroupBox(self.tr("The offer"))
        offer = QFormLayout(self.offer_box)
        self.offer_fields: dict[str, QLineEdit] = {}
        for key, label, hint in (
            ("pay", "Pay", "e.g. 22,000 a month + night differential"),
            ("shift", "Shift", "e.g. Night shift, weekends off"),
            ("site", "Site", "e.g. Ortigas"),
            ("start_on", "Start date", "e.g. 1 Dec"),
        ):
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(self.tr("Offer {label}").format(label=label.lower()))
            offer.addRow(label, edit)
            self.offer_fields[key] = edit
        self.offer_notes = QPlainTextEdit()
        self.offer_notes.setPlaceholderText(
            self.tr("Key points of the contract, and questions to raise")
        )
        self.offer_notes.setFixedHeight(70)
        self.offer_notes.setTabChangesFocus(True)
        self.offer_notes.setAccessibleName(self.tr("Offer notes"))
        offer.addRow(self.tr("Notes"), self.offer_notes)
        self.offer_save = QPushButton(self.tr("Save offer details"))
        self.offer_save.clicked.connect(self.save_offer)
        self.compare = QPushButton(self.tr("Compare open offers…"))
        self.compare.clicked.connect(self.compare_offers)
        offer.addRow(self.offer_save, self.compare)
        self.offer_error = QLabel()
        theme.error_text(self.offer_error)
        self.offer_error.setWordWrap(True)
        self.offer_error.hide()
        offer.addRow(self.offer_error)
        layout.addWidget(self.offer_box)
        # What to practise for the milestone shown (the tracker tells it which one).
        self.practice = SuggestionsPanel(db, count=2, compact=True)
        layout.addWidget(self.practice)
        layout.addStretch(1)
        self.tabs.addTab(plan, self.tr("Plan"))

        from nextcall.ui.interview.scripts import ScriptsPanel

        self.scripts = ScriptsPanel(db)
        self.tabs.addTab(self.scripts, self.tr("What to say"))

        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Stage history"))
        self.tabs.addTab(self.history, self.tr("History"))

    # -- showing -------------------------------------------------------------------------------

    def show_application(self, application_id: int) -> None:
        self.flush()
        self.application_id = application_id
        detail = detail_service.get_detail(self.db, application_id)
        for key, edit in self.answers.items():
            edit.setText(detail.answers.get(key, ""))
        self.autosave.follow(application_id)
        self.saved.setText("")
        self.offer_fields["pay"].setText(detail.offer_pay)
        self.offer_fields["shift"].setText(detail.offer_shift)
        self.offer_fields["site"].setText(detail.offer_site)
        start = detail.offer_start_on
        self.offer_fields["start_on"].setText(start.isoformat() if start else "")
        self.offer_notes.setPlainText(detail.offer_notes)
        self.offer_error.hide()
        states = stages.stage_states(self.db, application_id)
        has_offer = any(
            st.stage.key == "job-offer" and st.outcome is not None for st in states
        ) or detail.status in ("offer", "accepted")
        self.offer_box.setVisible(has_offer)
        self.refresh_history()
        self.scripts.show_application(application_id)

    def refresh_history(self) -> None:
        self.history.clear()
        if self.application_id is None:
            return
        for item in stages.history(self.db, self.application_id):
            when = item.changed_at
            label = Outcome(item.outcome).label.lower()
            self.history.addItem(f"{when.day} {when:%b %Y, %H:%M}  ·  {item.stage_name}: {label}")
        if not self.history.count():
            self.history.addItem(self.tr("Nothing recorded yet."))

    # -- saving --------------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save the answers being typed now (before another application, and on closing)."""
        return self.autosave.flush()

    def shutdown(self) -> None:
        self.autosave.flush()
        self.autosave.shutdown()

    def save_offer(self) -> None:
        if self.application_id is None:
            return
        form = detail_service.OfferForm(
            pay=self.offer_fields["pay"].text(),
            shift=self.offer_fields["shift"].text(),
            site=self.offer_fields["site"].text(),
            start_on=self.offer_fields["start_on"].text(),
            notes=self.offer_notes.toPlainText(),
        )
        try:
            detail_service.save_offer(self.db, self.application_id, form)
        except NextCallError as exc:
            self.offer_error.setText(str(exc))
            self.offer_error.show()
            return
        self.offer_error.hide()
        self.offer_saved.emit()

    def compare_offers(self) -> None:
        OfferComparison(self.db, self).exec()


class OfferComparison(QDialog):
    """Open offers side by side: one column an offer."""

    ROWS = (
        ("Position", lambda d: d.position),
        ("Account", lambda d: d.account_type),
        ("Pay", lambda d: d.offer_pay),
        ("Expected", lambda d: f"{d.salary_expected:,.0f}" if d.salary_expected else ""),
        ("Shift", lambda d: d.offer_shift),
        ("Site", lambda d: d.offer_site),
        ("Start", lambda d: f"{d.offer_start_on:%d %b %Y}" if d.offer_start_on else ""),
        ("Notes", lambda d: d.offer_notes),
    )

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open offers side by side"))
        fit_dialog(self, QSize(760, 420))  # within 90 % of the screen
        offers = detail_service.open_offers(db)
        layout = QVBoxLayout(self)
        if len(offers) < 2:
            layout.addWidget(
                QLabel(
                    self.tr(
                        "You have {value1} open offer(s). With two or more, they "
                        "show here side by side."
                    ).format(value1=len(offers))
                )
            )
        self.table = QTableWidget(len(self.ROWS), len(offers))
        self.table.setHorizontalHeaderLabels([d.company for d in offers])
        self.table.setAccessibleName(self.tr("Open offers side by side"))
        self.table.setVerticalHeaderLabels([label for label, _ in self.ROWS])
        for column, offer in enumerate(offers):
            for row, (_label, value) in enumerate(self.ROWS):
                self.table.setItem(row, column, QTableWidgetItem(value(offer)))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
