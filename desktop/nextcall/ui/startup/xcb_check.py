"""Tell the user which system packages to install when Qt's X11 (xcb) support cannot load.

On a fresh Linux install Qt's xcb platform plugin often lacks a few system libraries
(libxcb-cursor0 and friends); Qt then aborts with a bare "could not load the Qt platform
plugin" message. This module runs *before* any QApplication exists, so it imports nothing
from Qt, and it stays cheap: on the happy path it only asks the dynamic loader for a dozen
libraries that Qt is about to load anyway, and starts no subprocess.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# soname -> (Debian/Ubuntu package, Fedora package). These are the system libraries that
# PySide6's Qt/plugins/platforms/libqxcb.so, libQt6XcbQpa and libQt6Gui link against
# directly (checked with ldd); the ones on top are the ones a fresh install most often lacks.
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}

Loader = Callable[[str], object]


def missing_xcb_libraries(loader: Loader = ctypes.CDLL) -> list[str]:
    """The sonames from XCB_LIBRARIES that the dynamic loader cannot load, in table order."""
    missing: list[str] = []
    for soname in XCB_LIBRARIES:
        try:
            loader(soname)
        except OSError:
            missing.append(soname)
    return missing


def _qt_would_use_xcb(environ: Mapping[str, str]) -> bool:
    platform_name = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform_name:
        return platform_name.startswith("xcb")
    # No explicit choice: in a Wayland session Qt picks its wayland plugin, not xcb.
    return not environ.get("WAYLAND_DISPLAY", "").strip()


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def xcb_problem(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    loader: Loader = ctypes.CDLL,
) -> str | None:
    """A plain-language explanation of what to install, or None when there is nothing to say.

    None unless this is Linux, Qt would use its xcb (X11) platform plugin, and at least one of
    the libraries that plugin needs cannot be loaded.
    """
    if not platform.startswith("linux"):
        return None
    if not _qt_would_use_xcb(environ):
        return None
    missing = missing_xcb_libraries(loader)
    if not missing:
        return None
    debian = _unique([XCB_LIBRARIES[soname][0] for soname in missing])
    fedora = _unique([XCB_LIBRARIES[soname][1] for soname in missing])
    return "\n".join(
        [
            "NextCall cannot open its window: Qt's X11 support needs system libraries "
            "that are missing on this computer:",
            f"    {', '.join(missing)}",
            "",
            "Install them, then start NextCall again.",
            f"  On Debian or Ubuntu:  sudo apt install {' '.join(debian)}",
            f"  On Fedora:            sudo dnf install {' '.join(fedora)}",
            "",
            "Everything else keeps working in the meantime: the `nextcall` command-line "
            "subcommands (see `nextcall --help`) do not need a window.",
        ]
    )
