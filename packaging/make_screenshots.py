"""Regenerate the screenshots in packaging/screenshots/ from the real app with sample data.

    python packaging/make_screenshots.py

Renders offscreen (no display needed) into a throwaway profile filled by `nextcall demo`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nextcall.core.paths import resolve  # noqa: E402
from nextcall.services.database import Database  # noqa: E402
from nextcall.services.demo import fill_demo  # noqa: E402
from nextcall.ui.shell.main_window import MainWindow  # noqa: E402
from nextcall.ui.common.theme import apply_theme  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshots"
SHOTS = (  # file, theme, tab, tracker view (0 application, 1 board, 2 funnel)
    ("main-window.png", "light", 0, 0),
    ("main-window-dark.png", "dark", 0, 0),
    ("tracker-tab.png", "light", 1, 0),
    ("tracker-tab-dark.png", "dark", 1, 0),
    ("tracker-board.png", "light", 1, 1),
    ("tracker-funnel.png", "light", 1, 2),
    ("tracker-funnel-dark.png", "dark", 1, 2),
    ("notes-tab.png", "light", 2, 0),
    ("practice-tab.png", "light", 3, 0),
    ("export-tab.png", "light", 4, 0),
)


def wait_for_preview(app: QApplication, window: MainWindow) -> None:
    """The Export tab renders its PDF, then the view draws its pages, in the background."""
    deadline = time.monotonic() + 20
    while window.export.current() is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(40):
        app.processEvents()
        time.sleep(0.02)


def pdf_pages(db: Database, folder: str) -> None:
    """The first pages of the prep packet, as the PDF viewer would show them."""
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    from nextcall.services.documents import default_packet_target, write_packet

    target = default_packet_target(db)
    assert target is not None
    pdf = Path(folder) / "packet.pdf"
    write_packet(db, target, pdf)
    document = QPdfDocument()
    document.load(str(pdf))
    for page in (0, 1):
        size = document.pagePointSize(page).toSize() * 1.5
        rendered = document.render(page, QSize(size.width(), size.height()))
        image = QImage(rendered.size(), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)  # pages render on a transparent background
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        out = OUT / f"packet-page-{page + 1}.png"
        image.save(str(out))
        print(out)


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        paths = resolve(folder)
        db = Database.open(paths)
        fill_demo(db)
        for name, theme, tab, view in SHOTS:
            apply_theme(app, theme)
            window = MainWindow(db, QSettings(str(paths.settings), QSettings.Format.IniFormat))
            window.resize(1280, 760)
            window.tabs.setCurrentIndex(tab)
            window.tracker.set_mode(view)
            window.show()
            for _ in range(5):
                app.processEvents()
            if tab == 3:
                window.practice.suggestions.wait()
                for _ in range(5):
                    app.processEvents()
            if tab == 4:
                wait_for_preview(app, window)
            window.grab().save(str(OUT / name))
            window.close()
            print(OUT / name)
        pdf_pages(db, folder)
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
