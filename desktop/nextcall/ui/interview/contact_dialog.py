"""Add, edit or delete one interviewer or recruiter; and a small list of a company's contacts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.services import contacts as service
from nextcall.services.contacts import ContactForm, ContactUsage
from nextcall.services.database import Database
from nextcall.ui.common.forms import buddy_label, with_error
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, announce, run_op

FIELDS = (
    (
        "name",
        QT_TRANSLATE_NOOP("ContactDialog", "&Name *"),
        QT_TRANSLATE_NOOP("ContactDialog", "e.g. Maria Santos"),
    ),
    (
        "role",
        QT_TRANSLATE_NOOP("ContactDialog", "&Role"),
        QT_TRANSLATE_NOOP("ContactDialog", "e.g. Recruiter, team leader, account trainer"),
    ),
    (
        "email",
        QT_TRANSLATE_NOOP("ContactDialog", "&Email"),
        QT_TRANSLATE_NOOP("ContactDialog", "e.g. maria@company.com"),
    ),
    (
        "phone",
        QT_TRANSLATE_NOOP("ContactDialog", "&Phone"),
        QT_TRANSLATE_NOOP("ContactDialog", "any form, e.g. 0917 555 0101, after 2 pm"),
    ),
)


class ContactDialog(QDialog):
    """``ContactDialog(db, company_id=…)`` or ``(db, application_id=…)`` adds a contact;
    with ``contact_id`` it edits (and can delete) that one. ``contact_id`` holds the saved id."""

    saved = Signal(int)
    deleted = Signal(int)

    def __init__(
        self,
        db: Database,
        *,
        company_id: int | None = None,
        application_id: int | None = None,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.contact_id = contact_id
        existing = service.get_contact(db, contact_id) if contact_id is not None else None
        if existing is not None:
            company_id = existing.company_id
        elif company_id is None and application_id is not None:
            company_id = service.company_of(db, application_id)
        if company_id is None:
            raise ValueError("ContactDialog needs a company_id, an application_id or a contact_id")
        self.company_id = company_id
        company = service.company_name(db, company_id)
        self.setWindowTitle(f"Edit {existing.name}" if existing else f"New contact at {company}")
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Someone you met at <b>{value1}</b>. Only the name is "
                "required; the memory hook helps them place you when you "
                "call back."
            ).format(value1=_escape(company))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for name, source, hint in FIELDS:
            label = self.tr(source)
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr(hint))
            edit.setAccessibleName(label.replace("&", "").rstrip(" *"))
            self.inputs[name] = edit
            form.addRow(self._label(label, edit), self._with_error(name, edit))
        self.hook = QPlainTextEdit()
        self.hook.setPlaceholderText(
            self.tr(
                "What you talked about, so they can place you later, e.g. the long commute "
                "from Iloilo, or my basketball league"
            )
        )
        self.hook.setTabChangesFocus(True)
        self.hook.setFixedHeight(76)
        self.hook.setAccessibleName(self.tr("Memory hook"))
        hook_box = self._with_error("memory_hook", self.hook)
        form.addRow(self._label("&Memory hook", self.hook), hook_box)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save changes" if existing else "Add contact")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.delete_button: QPushButton | None = None
        if existing is not None:
            self.delete_button = buttons.addButton(
                "&Delete contact…", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self.delete)
        layout.addWidget(buttons)

        self.inputs["email"].editingFinished.connect(self._check_email)
        self.inputs["email"].textEdited.connect(lambda _t: self._show_error("email", ""))
        self.inputs["name"].textEdited.connect(lambda _t: self._show_error("name", ""))
        if existing is not None:
            for name in ("name", "role", "email", "phone"):
                self.inputs[name].setText(getattr(existing, name))
            self.hook.setPlainText(existing.memory_hook)
        self.inputs["name"].setFocus()

    # -- building ------------------------------------------------------------------------------

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        return buddy_label(text, buddy)

    def _with_error(self, name: str, field: QWidget) -> QWidget:
        box, self.errors[name], _column = with_error(field)
        return box

    def _show_error(self, name: str, message: str) -> None:
        self.errors[name].setText(message)
        self.errors[name].setVisible(bool(message))

    def _check_email(self) -> None:
        self._show_error("email", service.email_problem(self.inputs["email"].text()))

    # -- saving --------------------------------------------------------------------------------

    def form(self) -> ContactForm:
        return ContactForm(
            name=self.inputs["name"].text(),
            role=self.inputs["role"].text(),
            email=self.inputs["email"].text(),
            phone=self.inputs["phone"].text(),
            memory_hook=self.hook.toPlainText(),
        )

    def accept(self) -> None:
        form = self.form()
        _clean, problems = service.check_contact(form)
        for name in self.errors:
            self._show_error(name, problems.get(name, ""))
        if problems:
            first = next(iter(problems))
            widget = self.inputs.get(first, self.hook)
            widget.setFocus()
            return
        try:
            if self.contact_id is None:
                self.contact_id = service.add_contact(self.db, form, company_id=self.company_id)
            else:
                service.update_contact(self.db, self.contact_id, form)
        except NextCallError as exc:  # the form's own checks: shown beside the field
            field = getattr(exc, "field", None) or "name"
            self._show_error(field if field in self.errors else "name", str(exc))
            return
        announce(self.db, {Change.CONTACTS}, self)
        self.saved.emit(self.contact_id)
        super().accept()

    def confirm_delete(self, name: str, usage: ContactUsage) -> bool:
        """Asks first; tests replace it."""
        kept = []
        if usage.notes:
            kept.append(
                (self.tr("{n} note") if usage.notes == 1 else self.tr("{n} notes")).format(
                    n=usage.notes
                )
            )
        if usage.events:
            kept.append(
                (
                    self.tr("{n} milestone") if usage.events == 1 else self.tr("{n} milestones")
                ).format(n=usage.events)
            )
        detail = (
            f" {' and '.join(kept)} mention them: they keep their text, only the link goes."
            if kept
            else ""
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete contact"),
            self.tr("Delete {name} from your contacts?{detail}").format(name=name, detail=detail),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        if self.contact_id is None:
            return
        usage = service.contact_usage(self.db, self.contact_id)
        if not self.confirm_delete(self.inputs["name"].text().strip() or "this contact", usage):
            return
        contact_id = self.contact_id
        done = run_op(
            self,
            self.db,
            lambda: service.delete_contact(self.db, contact_id),
            {Change.CONTACTS, Change.NOTES, Change.STAGES},  # notes and milestones lose the link
            self.tr("Not deleted"),
        )
        if done is None:
            return
        self.deleted.emit(self.contact_id)
        self.done(QDialog.DialogCode.Rejected)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ContactsBox(QWidget):
    """The contacts of one application's company: double-click or Enter to edit."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.application_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Contacts at this company"))
        self.list.itemActivated.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add contact…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_application(self, application_id: int) -> None:
        self.application_id = application_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.application_id is None:
            return
        people = service.list_contacts(self.db, application_id=self.application_id)
        for person in people:
            item = QListWidgetItem(person.label)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setToolTip(person.memory_hook or "No memory hook yet")
            self.list.addItem(item)
        if not people:
            item = QListWidgetItem("No contacts yet. Add the people you meet here.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.edit_button.setEnabled(bool(people))

    def add(self) -> None:
        if self.application_id is None:
            return
        dialog = ContactDialog(self.db, application_id=self.application_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()

    def edit_selected(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        contact_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if contact_id is None:
            return
        dialog = ContactDialog(self.db, contact_id=int(contact_id), parent=self)
        dialog.exec()
        self.refresh()
        self.changed.emit()
