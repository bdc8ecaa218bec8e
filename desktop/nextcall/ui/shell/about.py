"""Help > About: version, where the data lives, licence."""

from __future__ import annotations

from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from nextcall import __version__
from nextcall.core.paths import DataPaths


class AboutDialog(QDialog):
    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About NextCall"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        title = QLabel(
            self.tr("<b style='font-size:16pt'>NextCall</b>&nbsp;&nbsp;version {version__}").format(
                version__=__version__
            )
        )
        layout.addWidget(title)
        text = QLabel(
            self.tr(
                "Track your call-center job applications milestone by "
                "milestone, keep the tips interviewers give you, and prepare "
                "for the next interview.<br><br><b>Your data "
                "folder</b><br>{value1}<br><br>Everything stays on this "
                "computer; NextCall never sends your data "
                "anywhere.<br><br>Released under the MIT licence. Built with "
                "Qt {value2} (PySide6 {pyside_version}), SQLAlchemy and "
                "ReportLab."
            ).format(
                value1=escape(str(paths.root)), value2=qVersion(), pyside_version=pyside_version
            )
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_folder = QPushButton(self.tr("Open data folder"))
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.root)))
        )
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
