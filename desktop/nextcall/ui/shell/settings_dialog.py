"""File > Settings: theme, weekly target, ghosting threshold, follow-up timing, and where the
data and the backups are kept. Nothing is stored until OK; Cancel leaves everything as it was."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.follow_ups import FollowUpTiming
from nextcall.services import settings as prefs
from nextcall.services.database import Database
from nextcall.services.follow_up_timing import current_timing, set_timing
from nextcall.ui.common.forms import buddy_label, with_error
from nextcall.ui.common.operations import Change, announce
from nextcall.ui.common.theme import THEMES, muted

TIMING_FIELDS = ("thank_you_after_days", "feedback_after_days")
INTEGER_FIELDS = (
    "weekly_target",
    "ghost_after_days",
    "thank_you_after_days",
    "feedback_after_days",
    "typing_target",
)


class SettingsDialog(QDialog):
    """``theme`` is the current choice; ``apply_theme`` is called with the new one on OK."""

    def __init__(
        self,
        db: Database,
        theme: str,
        apply_theme: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._apply_theme = apply_theme
        self.recomputed = 0
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        look = QGroupBox(self.tr("Appearance"))
        look_form = QFormLayout(look)
        self.theme = QComboBox()
        labels = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for name in THEMES:
            self.theme.addItem(labels[name], name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        look_form.addRow(buddy_label(self.tr("&Theme"), self.theme), self.theme)
        layout.addWidget(look)

        pace = QGroupBox(self.tr("Pace and follow-ups"))
        pace_column = QVBoxLayout(pace)
        form = QFormLayout()
        pace_column.addLayout(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.spins: dict[str, QSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        texts = {
            "weekly_target": (self.tr("&Weekly application target"), self.tr(" applications")),
            "ghost_after_days": (self.tr("&Ghosted after"), self.tr(" days without contact")),
            "thank_you_after_days": (self.tr("T&hank-you email"), ""),
            "feedback_after_days": (self.tr("&Feedback call"), ""),
        }
        for name, (label, suffix) in texts.items():
            self._spin(form, name, label, suffix)
        note = QLabel(
            self.tr(
                "The thank-you email follows every interview; the feedback call follows a "
                "failed one. Changing them moves the follow-ups that are still open."
            )
        )
        note.setWordWrap(True)
        muted(note, small=True)
        pace_column.addWidget(note)  # (a wrapped label gets its full height here, not in a form)
        layout.addWidget(pace)

        practice = QGroupBox(self.tr("Practice"))
        practice_form = QFormLayout(practice)
        practice_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._spin(
            practice_form,
            "typing_target",
            self.tr("T&yping test target"),
            self.tr(" net words a minute"),
        )
        layout.addWidget(practice)

        places = QGroupBox(self.tr("Where your data is kept"))
        places_form = QFormLayout(places)
        places_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.data_folder, self.open_data = self._folder(
            places_form, self.tr("&Data folder"), db.paths.root
        )
        self.backup_folder, self.open_backups = self._folder(
            places_form, self.tr("&Backups"), db.paths.backups
        )
        layout.addWidget(places)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        chain: list[QWidget] = [self.theme, *(self.spins[n] for n in INTEGER_FIELDS)]
        chain += [self.data_folder, self.open_data, self.backup_folder, self.open_backups]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)
        self.theme.setFocus()

    def _spin(self, form: QFormLayout, name: str, label: str, suffix: str) -> None:
        default, low, high, what = prefs.INTEGER_SETTINGS[name]
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        if name in TIMING_FIELDS:
            spin.valueChanged.connect(lambda v, s=spin: s.setSuffix(self._days_after(v)))
            spin.setSuffix(self._days_after(prefs.get_int(self.db, name)))
        spin.setValue(prefs.get_int(self.db, name))
        spin.setAccessibleDescription(
            self.tr("The number of {what}, from {low} to {high}; {default} unless changed.")
            .replace("{what}", what)
            .replace("{low}", str(low))
            .replace("{high}", str(high))
            .replace("{default}", str(default))
        )
        spin.setToolTip(self.tr("From {low} to {high}").format(low=low, high=high))
        box, error, _column = with_error(spin)
        error.setWordWrap(False)  # short messages; a wrapped line gets clipped in a form row
        form.addRow(buddy_label(label, spin), box)
        self.spins[name] = spin
        self.errors[name] = error
        spin.valueChanged.connect(lambda _v: self._check())

    def _days_after(self, days: int) -> str:
        if days == 0:
            return self.tr(" days after: the same day")
        return self.tr(" day after") if days == 1 else self.tr(" days after")

    def _folder(self, form: QFormLayout, label: str, path: Path) -> tuple[QLineEdit, QPushButton]:
        field = QLineEdit(str(path))
        field.setReadOnly(True)
        field.setCursorPosition(0)
        button = QPushButton(self.tr("Open folder"))
        button.setAccessibleName(self.tr("Open folder: {path}").format(path=path))
        button.clicked.connect(lambda: self.open_folder(path))
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(button)
        form.addRow(buddy_label(label, field), row)
        return field, button

    def open_folder(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- values ---------------------------------------------------------------------------------

    def _check(self) -> bool:
        """Show each problem under its field; OK is enabled only when there is none."""
        problems: dict[str, str] = {}
        for name in INTEGER_FIELDS:
            try:
                prefs.check_int(name, self.spins[name].value())
            except NextCallError as exc:
                problems[name] = str(exc)
        timing = self.timing()
        if "feedback_after_days" not in problems and timing.feedback_days < timing.thank_you_days:
            problems["feedback_after_days"] = self.tr("Not before the thank-you email.")
        shown = {name for name, error in self.errors.items() if error.isVisibleTo(self)}
        for name, error in self.errors.items():
            error.setText(problems.get(name, ""))
            error.setVisible(name in problems)
        if shown != set(problems):
            self.adjustSize()  # room for the error lines (or give it back)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problems)
        return not problems

    def timing(self) -> FollowUpTiming:
        return FollowUpTiming(
            thank_you_days=self.spins["thank_you_after_days"].value(),
            feedback_days=self.spins["feedback_after_days"].value(),
        )

    def chosen_theme(self) -> str:
        return str(self.theme.currentData())

    def accept(self) -> None:
        if not self._check():
            return
        try:
            for name in ("weekly_target", "ghost_after_days", "typing_target"):
                if self.spins[name].value() != prefs.get_int(self.db, name):
                    prefs.set_int(self.db, name, self.spins[name].value())
            if self.timing() != current_timing(self.db):
                self.recomputed = set_timing(self.db, self.timing())
        except NextCallError as exc:  # shown beside the fields, like the checks above
            self.errors["weekly_target"].setText(str(exc))
            self.errors["weekly_target"].show()
            return
        # Targets, the ghosting threshold and follow-up dates may have moved.
        announce(self.db, {Change.SETTINGS, Change.FOLLOW_UPS}, self)
        self._apply_theme(self.chosen_theme())
        super().accept()


__all__ = ["INTEGER_FIELDS", "SettingsDialog"]
