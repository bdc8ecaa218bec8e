"""nextcall.ui.startup.xcb_check: say which packages to install when Qt's xcb plugin cannot load."""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable

import pytest

from nextcall.ui.startup import xcb_check
from nextcall.ui.startup.xcb_check import XCB_LIBRARIES, missing_xcb_libraries, xcb_problem

X11_SESSION = {"DISPLAY": ":0"}


def fake_loader(missing: Iterable[str] = ()) -> Callable[[str], object]:
    """A stand-in for ctypes.CDLL that fails, like dlopen would, for the given sonames."""
    absent = set(missing)
    for soname in absent:
        assert soname in XCB_LIBRARIES, soname

    def load(soname: str) -> object:
        if soname in absent:
            raise OSError(f"{soname}: cannot open shared object file: No such file or directory")
        return object()

    return load


def test_nothing_missing_means_no_problem() -> None:
    assert missing_xcb_libraries(fake_loader()) == []
    assert xcb_problem(X11_SESSION, "linux", fake_loader()) is None


def test_missing_cursor_library_names_the_package_to_install() -> None:
    loader = fake_loader(["libxcb-cursor.so.0"])
    assert missing_xcb_libraries(loader) == ["libxcb-cursor.so.0"]

    message = xcb_problem(X11_SESSION, "linux", loader)

    assert message is not None
    assert "libxcb-cursor.so.0" in message
    assert "sudo apt install libxcb-cursor0" in message
    assert "sudo dnf install xcb-util-cursor" in message
    assert "nextcall" in message
    assert len(message.splitlines()) > 3


def test_several_missing_libraries_list_each_package_once() -> None:
    loader = fake_loader(["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-shape.so.0"])

    message = xcb_problem({}, "linux", loader)

    assert message is not None
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-shape0" in message
    assert "sudo dnf install xcb-util-cursor xcb-util-wm libxcb" in message


@pytest.mark.parametrize("value", ["xcb", "xcb;wayland", "xcb:foo=bar", ""])
def test_xcb_platform_is_checked(value: str) -> None:
    loader = fake_loader(["libxcb-cursor.so.0"])
    environ = {"QT_QPA_PLATFORM": value, "WAYLAND_DISPLAY": "wayland-0"} if value else {}
    assert xcb_problem(environ, "linux", loader) is not None


@pytest.mark.parametrize("value", ["offscreen", "minimal", "wayland", "wayland;xcb"])
def test_other_qt_platforms_are_left_alone(value: str) -> None:
    loader = fake_loader(["libxcb-cursor.so.0"])
    assert xcb_problem({"QT_QPA_PLATFORM": value}, "linux", loader) is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_operating_systems_are_left_alone(platform: str) -> None:
    def loader(soname: str) -> object:
        raise AssertionError("no library should be looked up off Linux")

    assert xcb_problem(X11_SESSION, platform, loader) is None


def test_wayland_session_is_left_alone() -> None:
    loader = fake_loader(["libxcb-cursor.so.0"])
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert xcb_problem(wayland, "linux", loader) is None
    # An explicit xcb choice still needs the libraries, even in a Wayland session.
    assert xcb_problem({**wayland, "QT_QPA_PLATFORM": "xcb"}, "linux", loader) is not None


def test_defaults_read_the_real_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert xcb_problem(loader=fake_loader(["libxcb-cursor.so.0"])) is None


def test_module_imports_neither_qt_nor_subprocess() -> None:
    """It runs before QApplication exists and must stay cheap."""
    with open(xcb_check.__file__, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported.isdisjoint({"PySide6", "shiboken6", "subprocess"}), imported


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks this Linux machine")
def test_real_loader_finds_every_library_here() -> None:
    """The machines that run this suite (developers' and CI's) have Qt's xcb libraries."""
    missing = missing_xcb_libraries()
    assert missing == [], xcb_problem({}, sys.platform)
    assert xcb_problem({"QT_QPA_PLATFORM": "xcb"}, sys.platform) is None
