"""A lighter answer to the question PySide6 asks about every module imported after it.

PySide6 (6.4 and later) hooks ``import``: for each new module it asks whether the module's source
mentions "PySide6" (to know which modules may switch its optional ``__feature__`` modes). It
reads the source with ``inspect.getsource``, which keeps every line of every module in
``linecache`` for the rest of the run: about 21 MB for the ~550 modules NextCall loads, a seventh
of the window's memory (measured). Reading the file's bytes gives the same answer and keeps
nothing. NextCall uses no ``__feature__`` mode; the answer is kept the same anyway.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
HOOK = "_mod_uses_pyside"


def _mentions_pyside(fallback: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return fallback(module)  # built in, compiled, frozen: PySide's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # as PySide answers for a module whose source cannot be read

    uses_pyside.nextcall_light = True  # type: ignore[attr-defined]
    return uses_pyside


def lighten_feature_check() -> bool:
    """Replace PySide's source check with one that keeps nothing in memory. Call it before
    most modules are imported (ui/__init__.py does). True when the check was replaced (or
    already was); False when this PySide has no such check."""
    import shiboken6  # noqa: F401  (loads PySide's support modules, the hook among them)

    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, HOOK, None)
    if feature is None or not callable(check):
        return False
    if not getattr(check, "nextcall_light", False):
        setattr(feature, HOOK, _mentions_pyside(check))
    return True
