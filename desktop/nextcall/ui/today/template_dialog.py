"""Edit the wording an email starts from (thank-you, feedback request), with the placeholders
it may use; a placeholder NextCall cannot fill is named and nothing typed is lost."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.playbook import load_playbook
from nextcall.services import messages
from nextcall.services.database import Database
from nextcall.ui.common import theme


class TemplateDialog(QDialog):
    def __init__(self, db: Database, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.key = key
        source = messages.template_text(db, key)
        self.setWindowTitle(self.tr("Edit the {title} template").format(title=source.title.lower()))
        self.setMinimumSize(560, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "NextCall starts every email of this kind from this text. Words in braces are "
                "filled in for you:"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        names = QLabel(
            "<br>".join(
                f"<b>{{{escape(p.name)}}}</b> — {escape(p.description)}"
                for p in load_playbook().placeholders
            )
        )
        names.setTextFormat(Qt.TextFormat.RichText)
        names.setWordWrap(True)
        names.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.caption(names)
        layout.addWidget(names)

        form = QFormLayout()
        self.subject = QLineEdit(source.subject)
        self.subject.setAccessibleName(self.tr("Template subject"))
        form.addRow(self.tr("&Subject"), self.subject)
        layout.addLayout(form)
        self.body = QPlainTextEdit(source.body)
        self.body.setAccessibleName(self.tr("Template text"))
        self.body.setTabChangesFocus(True)
        layout.addWidget(self.body, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.error_text(self.error)
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        self.reset_button = QPushButton(self.tr("Back to the &original"))
        self.reset_button.setEnabled(source.edited)
        self.reset_button.setToolTip(
            self.tr("Put NextCall's own wording back (kept when you press Save)")
        )
        self.reset_button.clicked.connect(self.reset)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def save(self) -> bool:
        original = load_playbook().template(self.key)
        subject, body = self.subject.text(), self.body.toPlainText()
        try:
            if subject == (original.subject or "") and body == original.body:
                messages.reset_template(self.db, self.key)
            else:
                messages.save_template(self.db, self.key, subject, body)
        except NextCallError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True

    def reset(self) -> None:
        """Put the playbook's wording back in the fields (stored when you press Save)."""
        original = load_playbook().template(self.key)
        self.subject.setText(original.subject or "")
        self.body.setPlainText(original.body)
        self.error.hide()
