"""The Qt user interface. Before any of it loads, PySide's per-import source check is made
lighter (ui/pyside_hook.py): it would otherwise keep every imported module's source in memory."""

from nextcall.ui.pyside_hook import lighten_feature_check

lighten_feature_check()
