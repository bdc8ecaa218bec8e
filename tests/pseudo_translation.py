"""Pseudo-translation: every string that goes through tr() comes back accented and 40% longer,
so layouts that would clip a real translation show it, and strings that skip tr() stand out
(they stay plain ASCII).

    python tests/pseudo_translation.py OUT_DIR   # renders the main window and dialogs
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

STRETCH = 0.4
SETTLE_SECONDS = 0.5
ACCENTS = str.maketrans(
    "aceinousyACEINOUSY",
    "àçéîñøüšýÀÇÉÎÑØÜŠÝ",
)
# Left as they are: placeholders ({name}, %1, %n), HTML tags and entities, &-mnemonics' "&".
KEEP = re.compile(r"(\{[^{}]*\}|%\d+|%n|<[^>]+>|&[a-zA-Z#0-9]+;|&&)")


def pseudo(text: str) -> str:
    """``text`` accented and padded to 140% of its length, inside ⟦ ⟧ markers."""
    if not text.strip():
        return text
    parts = KEEP.split(text)
    out = "".join(part if KEEP.fullmatch(part) else part.translate(ACCENTS) for part in parts)
    visible = len(KEEP.sub("", text))
    padding = "·" * max(1, round(visible * STRETCH) - 2)
    return f"⟦{out}{padding}⟧"


class PseudoTranslator(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


def install() -> PseudoTranslator:
    translator = PseudoTranslator(QCoreApplication.instance())
    QCoreApplication.installTranslator(translator)
    return translator


def render(out: Path, scheme: str = "light") -> list[Path]:
    """The main window's tabs (with the sample data) and the main dialogs, saved as PNGs in
    ``out`` (pseudo-translated once ``install()`` ran); uses the profile NEXTCALL_DATA_DIR
    points at."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from nextcall.core.paths import resolve
    from nextcall.services.database import Database
    from nextcall.services.demo import fill_demo
    from nextcall.ui.common.theme import apply_theme
    from nextcall.ui.shell.main_window import MainWindow
    from nextcall.ui.shell.settings_dialog import SettingsDialog
    from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, scheme)
    out.mkdir(parents=True, exist_ok=True)
    db = Database.open(resolve())
    saved: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        deadline = time.monotonic() + SETTLE_SECONDS  # background loads finish (Practice)
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        path = out / f"pseudo-{name}-{scheme}.png"
        widget.grab().save(str(path))
        saved.append(path)

    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    window = MainWindow(db, settings)
    window.resize(1180, 720)
    window.show()
    save(window, "welcome")
    if window.applications.model.total == 0:
        fill_demo(db)
        window.applications.reload()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        save(window, f"tab{index + 1}")
    for name, dialog in (
        ("settings", SettingsDialog(db, "system", lambda _n: None, window)),
        ("shortcuts", ShortcutsDialog(window, window)),
    ):
        dialog.show()
        save(dialog, name)
        dialog.close()
    window.close()  # stops the background work, as when the user quits
    window.deleteLater()
    app.processEvents()
    db.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    import os

    from PySide6.QtWidgets import QApplication

    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    out = Path(args[0] if args else ".")
    install()
    for scheme in ("light", "dark"):
        for path in render(out, scheme):
            print(path)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
