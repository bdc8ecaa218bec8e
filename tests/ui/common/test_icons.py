"""The icon set: every name the UI asks for is shipped, every icon draws at the sizes used, in
the colours of the scheme in use, and follows a live theme switch without any refresh."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nextcall.core.resources import resource
from nextcall.ui.common.theme import apply_theme, icon, menu_icon, tokens
from nextcall.ui.common.theme.icons import icon_names

UI = Path(__file__).resolve().parents[3] / "desktop" / "nextcall" / "ui"
SIZES = (16, 24, 48)
# Where the UI names an icon: icon("…"), menu_icon("…"), IconLabel("…"), icon="…", and the
# tables of names (TAB_ICONS, KIND_ICONS, the side rail's icons=(…)).
CALLS = re.compile(r"""(?:\bicon|menu_icon|IconLabel)\(\s*"([a-z0-9-]+)\"""")
KEYWORD = re.compile(r"""\bicon="([a-z0-9-]+)\"""")
TABLES = re.compile(r"""(?:_ICONS\s*=|icons=)\s*[({]([^)}]*)[)}]""", re.S)
QUOTED = re.compile(r'"([a-z0-9-]+)"')


def names_used() -> set[str]:
    used: set[str] = set()
    for path in UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used.update(CALLS.findall(text))
        used.update(KEYWORD.findall(text))
        for table in TABLES.findall(text):
            used.update(QUOTED.findall(table))
    return used


@pytest.fixture
def scheme(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme(qapp, "light")


def ink(image: QImage) -> list[QColor]:
    """The painted pixels (alpha above half) of ``image``."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [
        image.pixelColor(x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 128
    ]


def strong(drawn: list[QColor]) -> list[QColor]:
    """The most opaque of the painted pixels (a thin stroke at 16 px has few fully opaque)."""
    top = max(c.alpha() for c in drawn)
    return [c for c in drawn if c.alpha() >= min(top, 200)]


def near(a: QColor, b: QColor) -> bool:
    """The same colour, give or take the rounding of anti-aliased edges."""
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 6


def test_every_icon_the_ui_names_is_shipped() -> None:
    used = names_used()
    shipped = set(icon_names())
    # The scan sees the tabs, the menus, the Today kinds and the empty states.
    assert {"applications", "export", "thank-you", "overdue", "empty-notes", "today"} <= used
    assert len(used) >= 30
    assert sorted(used - shipped) == []
    for name in used:
        assert resource("icons", f"{name}.svg").is_file()


def test_an_unknown_name_fails_where_it_is_asked_for() -> None:
    with pytest.raises(FileNotFoundError):
        icon("no-such-icon")


@pytest.mark.parametrize("name", icon_names())
def test_each_icon_draws_in_the_scheme_colour(qapp: QApplication, scheme: None, name: str) -> None:
    themed = icon(name)  # one icon, across both schemes
    painted: dict[str, list[QImage]] = {}
    for which in ("light", "dark"):
        apply_theme(qapp, which)
        text = QColor(tokens.COLORS[which]["text"])
        painted[which] = []
        for side in SIZES:
            image = themed.pixmap(QSize(side, side)).toImage()
            assert image.width() == side
            drawn = ink(image)
            assert len(drawn) >= side  # not empty: at least a stroke's worth
            # The strokes are in the text colour of the scheme.
            assert all(near(c, text) for c in strong(drawn)), (name, side, which)
            painted[which].append(image)
    for light, dark in zip(painted["light"], painted["dark"], strict=True):
        assert light != dark  # the same QIcon repainted in the other scheme's colour


def test_crisp_at_200_percent(qapp: QApplication, scheme: None) -> None:
    apply_theme(qapp, "light")
    pixmap = icon("applications").pixmap(QSize(24, 24), 2.0)
    assert pixmap.devicePixelRatio() == 2.0
    assert (pixmap.width(), pixmap.height()) == (48, 48)  # drawn at 48 px, not scaled up
    # Drawn at the device size: a 1.75 px stroke is 3.5 device pixels wide, so there are
    # fully opaque pixels (a 24 px image scaled up would have blurred, half-opaque edges).
    assert len([c for c in ink(pixmap.toImage()) if c.alpha() == 255]) > 100


def test_modes_and_roles_take_their_colours(qapp: QApplication, scheme: None) -> None:
    apply_theme(qapp, "dark")
    colors = tokens.COLORS["dark"]

    def drawn_in(themed: QIcon, mode: QIcon.Mode, role: str) -> bool:
        image = themed.pixmap(QSize(24, 24), 1.0, mode).toImage()
        return all(near(c, QColor(colors[role])) for c in strong(ink(image)))

    assert drawn_in(icon("delete"), QIcon.Mode.Disabled, "disabled")
    assert drawn_in(icon("add", "on_accent"), QIcon.Mode.Normal, "on_accent")
    assert drawn_in(icon("overdue", "danger"), QIcon.Mode.Normal, "danger")
    assert not drawn_in(icon("overdue", "danger"), QIcon.Mode.Normal, "text")
    # A highlighted menu item: its icon in the highlight's text colour; a button's focus
    # (also the Active mode) keeps the icon's own colour.
    assert drawn_in(menu_icon("edit"), QIcon.Mode.Active, "highlighted_text")
    assert drawn_in(icon("edit"), QIcon.Mode.Active, "text")


def test_a_tab_keeps_its_icon_when_it_is_built(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel, QTabWidget

    from nextcall.ui.shell.lazy_tabs import LazyTabs

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    pages = LazyTabs(tabs)
    pages.add_built("first", "First", QLabel("first"))
    pages.add("notes", "Notes", lambda: QLabel("built"))
    tabs.setTabIcon(1, icon("notes"))
    built = pages.page("notes")  # swapped in for the placeholder
    assert tabs.widget(1) is built
    assert tabs.tabIcon(1).name() == "notes"
