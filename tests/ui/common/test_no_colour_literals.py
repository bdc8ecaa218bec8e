"""One look: no colour is written down in ui/ outside the theme package (theme/tokens.py holds
them all), so a theme switch can repaint every widget from one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nextcall.ui

UI = Path(nextcall.ui.__file__).parent
THEME = UI / "common" / "theme"

HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b")
FUNCTION = re.compile(r"\b(?:rgba?|hsla?|hsva?)\s*\(", re.IGNORECASE)
NAMED = re.compile(
    r"\b(?:color|background(?:-color)?|border(?:-[a-z]+)*|fill|stroke)\s*[:=]\s*['\"]?"
    r"(?:white|black|red|green|blue|yellow|orange|gray|grey|silver|navy|maroon|purple|pink)\b",
    re.IGNORECASE,
)
GLOBAL_COLORS = {
    "white", "black", "red", "green", "blue", "cyan", "magenta", "yellow", "gray",
    "darkGray", "lightGray", "darkRed", "darkGreen", "darkBlue", "darkCyan", "darkMagenta",
    "darkYellow", "transparent", "color0", "color1",
}  # fmt: skip
COLOR_FACTORIES = {
    "fromRgb",
    "fromRgbF",
    "fromHsv",
    "fromHsvF",
    "fromHsl",
    "fromHslF",
    "fromString",
}


def literals(source: str) -> list[tuple[int, str]]:
    """(line, what) for every colour written down in ``source``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern in (HEX, FUNCTION, NAMED):
                for match in pattern.finditer(node.value):
                    found.append((node.lineno, match.group(0)))
        elif isinstance(node, ast.Attribute):
            base = node.value
            if node.attr == "GlobalColor" or (
                node.attr in GLOBAL_COLORS
                and isinstance(base, ast.Name | ast.Attribute)
                and (getattr(base, "id", None) == "Qt" or getattr(base, "attr", None) == "Qt")
            ):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
            constant_args = node.args and all(isinstance(a, ast.Constant) for a in node.args)
            if (name == "QColor" or (owner == "QColor" and name in COLOR_FACTORIES)) and (
                constant_args
            ):
                found.append((node.lineno, ast.unparse(node)))
    return found


def test_the_checker_finds_each_kind_of_colour() -> None:
    source = (
        'a = "#1f5fbf"\n'
        'b = f"QLabel {{ color: {x}; background: #fff; }}"\n'
        'c = "border: 1px solid rgba(128, 128, 128, 0.3)"\n'
        'd = "color: white; font-weight: 600"\n'
        'e = QColor("#ffffff")\n'
        "f = QColor(12, 34, 56)\n"
        "g = Qt.GlobalColor.transparent\n"
        "h = Qt.white\n"
        "i = QColor.fromRgb(1, 2, 3)\n"
        "<span style='color:#6b6f76'>\n".replace("<span", 'j = "<span').replace(">\n", '>"\n')
    )
    lines = {line for line, _what in literals(source)}
    assert lines == set(range(1, 11))


def test_the_checker_leaves_other_text_alone() -> None:
    source = (
        'a = "#previewFrame { border: 1px solid palette(mid); }"\n'
        'b = "Issue #123 and #addButton"\n'
        "c = QColor(colors[name])\n"
        'd = "Write the colour white on the card"\n'
        "e = '&#8203;'\n"
    )
    assert literals(source) == [(2, "#123")]


def test_no_colour_literal_outside_the_theme() -> None:
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        if THEME in path.parents:
            continue
        for line, what in literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(UI)}:{line}: {what}")
    assert offenders == [], "colours belong in ui/common/theme/tokens.py:\n" + "\n".join(offenders)
