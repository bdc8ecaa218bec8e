"""Every user-visible string in the UI goes through tr(): a literal handed straight to a widget
(a label, a button, a tooltip, a dialog title...) would stay English in every language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nextcall.ui

UI = Path(nextcall.ui.__file__).parent
# Calls whose positional string arguments are shown to the user.
SHOWN_BY = {
    *("QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox"),
    *("QAction", "QMenu", "setText", "setToolTip", "setStatusTip", "setWhatsThis"),
    *("setWindowTitle", "setPlaceholderText", "setTitle", "setSubTitle", "setLabelText"),
    *("setInformativeText", "setDetailedText", "setAccessibleName", "setAccessibleDescription"),
    *("addItem", "addItems", "addTab", "insertTab", "setTabText", "addRow", "addAction"),
    *("addMenu", "setHeaderLabels", "setHorizontalHeaderLabels", "showMessage"),
    *("information", "warning", "critical", "question", "setSuffix", "setPrefix"),
    *("getOpenFileName", "getSaveFileName", "getExistingDirectory", "setSpecialValueText"),
    # the app's own ways of saying something, and an undo step's text (QUndoCommand)
    *("_say", "show_status", "status", "setStatusText", "__init__"),
}
# Calls that take a list of texts (elsewhere a tuple is item data, not text).
LISTS = {"addItems", "setHeaderLabels", "setHorizontalHeaderLabels"}
# Receivers whose ``warning(...)`` etc. is a log line, not a message box.
LOGGERS = {"log", "logger", "logging"}
# Words that stay as they are in every language.
NOT_TEXT = {"NextCall"}
MARKUP = re.compile(r"<[^>]*>|&[a-zA-Z#0-9]+;|\{\}")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _receiver(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id
    return ""


def _visible_words(node: ast.expr) -> str:
    """The words a literal (or the literal parts of an f-string) puts on screen, once markup
    and substituted values are set aside; '' if it shows none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    else:
        return ""
    words = MARKUP.sub(" ", text).strip()
    if words in NOT_TEXT or not re.search(r"[A-Za-z]{2,}", words):
        return ""
    return words


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal shown to the user without going through tr()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _name(node.func) not in SHOWN_BY:
            continue
        if _receiver(node.func) in LOGGERS:
            continue
        for arg in node.args:
            many = isinstance(arg, ast.List | ast.Tuple) and _name(node.func) in LISTS
            items = arg.elts if many else [arg]
            for item in items:
                if words := _visible_words(item):
                    found.append((node.lineno, words))
    return found


def test_the_check_finds_a_bare_literal_and_accepts_translated_ones() -> None:
    source = (
        "label = QLabel('Company name')\n"
        "button.setToolTip(f'Delete {name} now')\n"
        "box.addItems(['First choice', self.tr('Second')])\n"
        "box.addItem(self.tr('Open'), ('active', 'offer'))\n"
        "ok = QLabel(self.tr('Company name'))\n"
        "markup = QLabel(f'<b>{escape(name)}</b>')\n"
        "log.warning('could not listen: %s', error)\n"
        "QMessageBox.warning(self, 'NextCall', self.tr('Gone'))\n"
    )
    assert [line for line, _text in untranslated(source)] == [1, 2, 3]


def test_no_user_visible_literal_skips_tr() -> None:
    problems = [
        f"{path.relative_to(UI)}:{line}: {text!r}"
        for path in sorted(UI.rglob("*.py"))
        for line, text in untranslated(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "wrap these in self.tr() / QCoreApplication.translate():\n" + "\n".join(
        problems
    )
