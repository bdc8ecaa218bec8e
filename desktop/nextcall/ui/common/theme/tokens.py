"""Design tokens: every colour, type size, spacing step and corner radius the app uses.

The only place colour values are written down (a test fails on a colour literal anywhere else
in ui/). Plain data, no Qt: ``theme`` turns these into a QPalette, the app-wide style sheet and
QColor values, for the scheme in use.
"""

from __future__ import annotations

from typing import Final

SCHEMES: Final = ("light", "dark")

# -- type scale (points) ---------------------------------------------------------------------
# Body text keeps the system size, so the user's font setting still applies. Five steps above
# and below it, each with one job:
CAPTION_PT: Final = 9.0  # hints under fields, counts, time stamps, chips
LEAD_PT: Final = 11.0  # a paragraph that introduces a screen or an empty state
HEADING_PT: Final = 12.0  # a section heading inside a page, the side panels' titles
TITLE_PT: Final = 15.0  # the heading of a page or dialog ("40 applications")
DISPLAY_PT: Final = 20.0  # a figure to read across the room (a timer, a score)
TYPE_SCALE: Final = {
    "caption": CAPTION_PT,
    "lead": LEAD_PT,
    "heading": HEADING_PT,
    "title": TITLE_PT,
    "display": DISPLAY_PT,
}
FIGURE_PT: Final = DISPLAY_PT  # older name
WEIGHT_STRONG: Final = 600

# -- spacing (pixels): multiples of a 6 px unit, as in GNOME's HIG ------------------------------
SPACING: Final = 6
SPACE_XS: Final = 3
SPACE_S: Final = 6
SPACE_M: Final = 12
SPACE_L: Final = 18
SPACE_XL: Final = 24

# -- corner radii (pixels) -------------------------------------------------------------------
RADIUS_S: Final = 3  # buttons, fields
RADIUS_M: Final = 6  # cards, banners
RADIUS_L: Final = 10  # chips (a pill)

# -- colours -----------------------------------------------------------------------------------
# Surfaces and text first; the named accents after. Each text colour reads at WCAG AA (4.5:1)
# on "window", "base" and "alternate_base" of its own scheme (tests/ui/common/test_theme.py).
COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {
        # surfaces
        "window": "#f4f5f7",
        "base": "#ffffff",
        "alternate_base": "#f0f2f5",
        "raised": "#ffffff",  # cards on the window
        "button": "#eceef1",
        "tooltip": "#ffffe1",
        "border": "#c4c9d0",
        "border_strong": "#8b919a",
        "separator": "#dde0e5",
        "light": "#ffffff",
        "midlight": "#e3e6ea",
        "mid": "#b8bdc4",
        "dark": "#9ea3ab",
        "shadow": "#6b6f76",
        # text
        "text": "#1b1e23",
        "muted": "#565c66",
        "disabled": "#8e939b",
        "on_accent": "#ffffff",
        # accents
        "accent": "#2f6fdf",
        "accent_hover": "#2a63c8",
        "accent_pressed": "#2456ad",
        "link": "#1f5fbf",
        "link_visited": "#6a3fb5",
        "success": "#1b7f3b",
        "warning": "#8a5a00",
        "danger": "#b3261e",
        "info": "#1f5fbf",
        "highlight": "#2f6fdf",
        "highlighted_text": "#ffffff",
        "bright_text": "#ffffff",
        # a searched word marked in a note
        "match_bg": "#ffd54f",
        "match_fg": "#1a1a1a",
        # a blank to fill in a script
        "blank_bg": "#f6d365",
        "blank_fg": "#3b2f00",
    },
    "dark": {
        "window": "#1f2227",
        "base": "#16181c",
        "alternate_base": "#23262c",
        "raised": "#2a2e35",
        "button": "#2a2e35",
        "tooltip": "#2b2f36",
        "border": "#3e434c",
        "border_strong": "#6b717b",
        "separator": "#33373e",
        "light": "#3a3f47",
        "midlight": "#32363e",
        "mid": "#2a2e35",
        "dark": "#121417",
        "shadow": "#000000",
        "text": "#e6e8eb",
        "muted": "#a3a9b1",
        "disabled": "#7d828a",
        "on_accent": "#ffffff",
        "accent": "#3d6fd1",
        "accent_hover": "#4a7be0",
        "accent_pressed": "#335fb5",
        "link": "#8ab4ff",
        "link_visited": "#c3a6ff",
        "success": "#7dd99a",
        "warning": "#e8b44a",
        "danger": "#ff8a80",
        "info": "#8ab4ff",
        "highlight": "#3d6fd1",
        "highlighted_text": "#ffffff",
        "bright_text": "#ff6b6b",
        "match_bg": "#ffd54f",
        "match_fg": "#1a1a1a",
        "blank_bg": "#6b5514",
        "blank_fg": "#fff3c4",
    },
}

# An application's status (the table, the tracker heading, the board).
STATUS_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {
        "active": "#1f5fbf",
        "offer": "#1b7f3b",
        "accepted": "#1b7f3b",
        "rejected": "#b3261e",
        "withdrawn": "#5f646b",
        "ghosted": "#5f646b",
    },
    "dark": {
        "active": "#8ab4ff",
        "offer": "#7dd99a",
        "accepted": "#7dd99a",
        "rejected": "#ff8a80",
        "withdrawn": "#a0a4ab",
        "ghosted": "#a0a4ab",
    },
}

# A milestone's outcome on the tracker's stepper (None: not reached yet).
OUTCOME_COLORS: Final[dict[str, dict[str | None, str]]] = {
    "light": {
        "passed": "#1b8a3f",
        "failed": "#c62828",
        "no-show": "#c62828",
        "scheduled": "#1f5fbf",
        "pending": "#c77700",
        "skipped": "#9aa0a6",
        None: "#b8bdc4",
        "symbol": "#ffffff",  # the tick or cross inside a filled dot
    },
    "dark": {
        "passed": "#5cc983",
        "failed": "#ff7b72",
        "no-show": "#ff7b72",
        "scheduled": "#7aa7ff",
        "pending": "#f0b04a",
        "skipped": "#80868b",
        None: "#5f6670",
        "symbol": "#16181c",
    },
}

# The funnel's segments: mid-tones that read on both windows and stay apart for colour-blind
# eyes (blue-green / amber / vermilion, not green / red alone); and the numbers inside them.
FUNNEL_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {"passed": "#2a8c6e", "pending": "#d89b1e", "failed": "#d4573a"},
    "dark": {"passed": "#45b896", "pending": "#e8b44a", "failed": "#f07a5c"},
}
FUNNEL_LABEL_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {"passed": "#ffffff", "pending": "#1f1a10", "failed": "#ffffff"},
    "dark": {"passed": "#0d1f19", "pending": "#1f1a10", "failed": "#1f0f0a"},
}

# The tracker board's columns and cards.
BOARD_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {
        "column": "#e8eaee",
        "card": "#ffffff",
        "border": "#d3d7de",
        "muted": "#565c66",
        "waiting": "#8a5a00",
        "warning": "#b3261e",
    },
    "dark": {
        "column": "#181a1e",
        "card": "#2a2e35",
        "border": "#3b4048",
        "muted": "#a0a6ae",
        "waiting": "#e3b341",
        "warning": "#ff8a80",
    },
}

# A note's kind, on the notes list.
NOTE_KIND_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {
        "tip": "#1f5fbf",
        "feedback": "#b3261e",
        "observation": "#5f6368",
        "debrief": "#a34a06",
        "question": "#7b3fb8",
        "answer": "#1b7f3b",
        "other": "#5f6368",
    },
    "dark": {
        "tip": "#8ab4ff",
        "feedback": "#ff8a80",
        "observation": "#b0b4ba",
        "debrief": "#f6b26b",
        "question": "#c9a6ff",
        "answer": "#7dd99a",
        "other": "#b0b4ba",
    },
}

# What happens to a line of Add several or a row of an import: new, duplicate, cooldown, invalid.
ROW_KIND_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {
        "new": "#1b7f3b",
        "duplicate": "#8f5400",
        "cooldown": "#6a3fb5",
        "invalid": "#b3261e",
    },
    "dark": {"new": "#7dd99a", "duplicate": "#f2b866", "cooldown": "#c3a6ff", "invalid": "#ff8a80"},
}

# The voice check's verdicts.
LEVEL_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {"good": "#1b7f3b", "warning": "#8a5a00", "problem": "#b3261e"},
    "dark": {"good": "#7dd99a", "warning": "#e8b44a", "problem": "#ff8a80"},
}

# Chart lines in order, and the two guide lines (target, average).
CHART_LINE_COLORS: Final[dict[str, tuple[str, ...]]] = {
    "light": ("#2f6fdf", "#2a8c6e", "#d4573a", "#b07d12", "#8e5bd6", "#6b6f76"),
    "dark": ("#8ab4ff", "#45b896", "#f07a5c", "#e8b44a", "#c3a6ff", "#a0a4ab"),
}
CHART_GUIDE_COLORS: Final[dict[str, tuple[str, ...]]] = {
    "light": ("#c98a0b", "#8a9099"),
    "dark": ("#e8b44a", "#8b9099"),
}

# Marks over text (the typing test's errors in place): foreground and background of each.
MARK_COLORS: Final[dict[str, dict[str, str]]] = {
    "light": {
        "error": "#b3261e",
        "error_bg": "#fde4e1",
        "missing": "#7a4f00",
        "missing_bg": "#fbefd2",
    },
    "dark": {
        "error": "#ffb4ab",
        "error_bg": "#4d2320",
        "missing": "#f0c66b",
        "missing_bg": "#3d3118",
    },
}

# Tag chips' border.
CHIP_BORDER: Final = {"light": "#b9bdc4", "dark": "#4a505a"}
