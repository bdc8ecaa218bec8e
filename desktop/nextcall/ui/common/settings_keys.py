"""Every key the app keeps in its QSettings file, declared once.

Domain settings (weekly target, follow-up timing) live in the database (services/settings.py);
these are the desktop's own: look, window layout and remembered folders.
"""

from __future__ import annotations

THEME = "theme"  # "system", "light" or "dark"
THEME_DEFAULT = "system"

WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"  # docks and toolbars
WINDOW_TAB = "window/tab"  # the tab shown last, by name (older versions: its index)
SPLITTERS_GROUP = "splitters"  # one key per splitter under it (ui/shell/window_state.py)
COLUMNS_GROUP = "columns"  # one key per table: widths, hidden columns, order, sort
APPLICATIONS_COLUMNS = "applications"  # the Applications table's key in COLUMNS_GROUP
APPLICATIONS_SORT = "applications/sort"  # "<sort key> asc|desc": the first page's order

EXPORT_FOLDER = "export/last_folder"  # where the last export (PDF or data file) was saved
IMPORT_FOLDER = "import/last_folder"  # where the last imported file came from
