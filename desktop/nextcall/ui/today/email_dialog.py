"""Write the email that goes with a follow-up: edit the drafted To, Subject and Body, then open
it in the mail app (a mailto: link) or copy it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.playbook import load_playbook
from nextcall.services import messages
from nextcall.services.database import Database
from nextcall.services.messages import EmailDraft
from nextcall.ui.common import theme
from nextcall.ui.common.operations import Change, run_op
from nextcall.ui.common.theme import status_color
from nextcall.ui.today.template_dialog import TemplateDialog


class EmailDialog(QDialog):
    marked_done = Signal()  # "Mark done" pressed: the caller marks the follow-up done

    def __init__(
        self,
        db: Database,
        draft: EmailDraft,
        *,
        follow_up_id: int | None = None,
        application_id: int | None = None,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.draft = draft
        self.follow_up_id = follow_up_id
        self.application_id = application_id
        self.event_id = event_id
        template = load_playbook().template(draft.template_key)
        self.setWindowTitle(self.tr("{title} — NextCall").format(title=template.title))
        self.setMinimumSize(560, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(template.title)
        theme.heading(heading, 2)
        layout.addWidget(heading)
        when = QLabel(" ".join(template.when.split()))
        when.setWordWrap(True)
        theme.muted(when)
        layout.addWidget(when)
        layout.addSpacing(4)

        form = QFormLayout()
        self.to = QLineEdit(draft.to)
        self.to.setPlaceholderText(self.tr("their email address"))
        self.to.setAccessibleName(self.tr("To"))
        if draft.to_name:
            self.to.setToolTip(self.tr("{to_name}'s email address").format(to_name=draft.to_name))
        form.addRow(self.tr("&To"), self.to)
        self.subject = QLineEdit(draft.subject)
        self.subject.setAccessibleName(self.tr("Subject"))
        form.addRow(self.tr("&Subject"), self.subject)
        self.name: QLineEdit | None = None
        if messages.GAP_NAME in draft.gaps:
            self.name = QLineEdit()
            self.name.setPlaceholderText(self.tr("how you sign your emails; saved for next time"))
            self.name.setAccessibleName(self.tr("Your name"))
            self.name.editingFinished.connect(self._save_name)
            form.addRow(self.tr("Your &name"), self.name)
        layout.addLayout(form)

        self.body = QPlainTextEdit(draft.body)
        self.body.setAccessibleName(self.tr("Email text"))
        self.body.setTabChangesFocus(True)
        layout.addWidget(self.body, 1)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.hint)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.edit_template = QPushButton(self.tr("Edit template…"))
        self.edit_template.setToolTip(
            self.tr("Change the wording NextCall starts from, for every email")
        )
        self.edit_template.clicked.connect(self._edit_template)
        buttons.addWidget(self.edit_template)
        buttons.addStretch(1)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy the subject and the text, to paste into webmail"))
        self.copy_button.clicked.connect(self.copy)
        buttons.addWidget(self.copy_button)
        self.open_button = QPushButton(self.tr("&Open in mail app"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_in_mail_app)
        buttons.addWidget(self.open_button)
        self.done_button = QPushButton(self.tr("Sent — &mark done"))
        self.done_button.setToolTip(self.tr("Mark the follow-up done and close"))
        self.done_button.clicked.connect(self._mark_done)
        self.done_button.setVisible(follow_up_id is not None)
        buttons.addWidget(self.done_button)
        close = QPushButton(self.tr("Close"))
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.subject.textChanged.connect(self._update_hint)
        self.body.textChanged.connect(self._update_hint)
        self._update_hint()

    # -- what to fill in -----------------------------------------------------------------------

    def _update_hint(self) -> None:
        text = self.subject.text() + self.body.toPlainText()
        left = [
            gap for gap in (messages.GAP_NAME, messages.GAP_HOOK, messages.GAP_DATE) if gap in text
        ]
        lines = []
        if left:
            color = status_color("rejected").name()
            lines.append(
                f"<span style='color:{color}'>Before sending, replace "
                + ", ".join(f"<b>{escape(g)}</b>" for g in left)
                + ".</span>"
            )
        if self.draft.memory_hook:
            who = escape(self.draft.to_name or "them")
            lines.append(
                f"Your note about {who}, used above; check the sentence reads well: "
                f"<i>{escape(self.draft.memory_hook)}</i>"
            )
        self.hint.setText("<br>".join(lines))
        self.hint.setVisible(bool(lines))

    def _save_name(self) -> None:
        if self.name is None:
            return
        name = " ".join(self.name.text().split())
        if not name:
            return
        done = run_op(
            self,
            self.db,
            lambda: messages.set_applicant_name(self.db, name),
            {Change.SETTINGS},
            self.tr("Name not saved"),
        )
        if done is None:
            return
        body = self.body.toPlainText()
        if messages.GAP_NAME in body:
            self.body.setPlainText(body.replace(messages.GAP_NAME, name))
        self._say(self.tr("Saved your name as “{name}”.").format(name=name))

    # -- sending -------------------------------------------------------------------------------

    def mailto(self) -> str:
        return messages.mailto_url(self.to.text(), self.subject.text(), self.body.toPlainText())

    def open_in_mail_app(self) -> bool:
        self._save_name()
        url = QUrl.fromEncoded(self.mailto().encode("ascii"))
        if QDesktopServices.openUrl(url):
            self._say(self.tr("Opened in your mail app. Check it there and press Send."))
            self.done_button.setDefault(True)
            return True
        self._say(
            self.tr("No mail app opened. Press Copy and paste the email into your mail instead."),
            error=True,
        )
        return False

    def copy(self) -> None:
        text = f"Subject: {self.subject.text()}\n\n{self.body.toPlainText()}"
        QGuiApplication.clipboard().setText(text)
        self._say(self.tr("Copied the subject and the email. Paste them into your mail."))

    def _mark_done(self) -> None:
        self.marked_done.emit()
        self.accept()

    def _say(self, text: str, *, error: bool = False) -> None:
        theme.tone(self.status, "danger" if error else None)
        self.status.setText(text)
        self.status.show()

    # -- the template behind it ----------------------------------------------------------------

    def _edit_template(self) -> None:
        dialog = TemplateDialog(self.db, self.draft.template_key, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        edited = self.body.toPlainText() != self.draft.body or (
            self.subject.text() != self.draft.subject
        )
        if edited and not self.confirm_replace():
            return
        follow_up_id, application_id = self.follow_up_id, self.application_id
        key, event_id = self.draft.template_key, self.event_id
        if follow_up_id is None and application_id is None:
            return

        def redraft() -> messages.EmailDraft:
            if follow_up_id is not None:
                return messages.draft_for_follow_up(self.db, follow_up_id)
            assert application_id is not None
            return messages.draft_email(self.db, application_id, key, event_id)

        done = run_op(self, self.db, redraft, (), self.tr("Not redrafted"))
        if done is None:
            return
        draft = done.value
        self.draft = draft
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        self._say(self.tr("Redrafted from your template."))

    def confirm_replace(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace your changes?"),
            self.tr(
                "You changed this email. Redraft it from the new template and lose those changes?"
            ),
        )
        return answer == QMessageBox.StandardButton.Yes
