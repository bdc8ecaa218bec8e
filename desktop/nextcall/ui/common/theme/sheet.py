"""The app-wide style sheet, made from the tokens for one scheme.

Every rule selects on a dynamic property set by theme/roles.py, so widgets without a role
look as Fusion draws them. ``apply_theme`` sets this sheet on the application; setting it
again on a switch makes Qt re-polish every widget with the new colours.
"""

from __future__ import annotations

from nextcall.ui.common.theme import tokens as t

PRIMARY = 'QPushButton[nc_role="primary"], QPushButton:default'
DIALOG_BUTTON = "QDialog QPushButton"
BUTTON_PADDING = f"5px {t.SPACE_S + 4}px"  # near Fusion's own margins: dialogs keep their widths
PRIMARY_PADDING = f"5px {t.SPACE_M + 4}px"  # the screen's main action: room around its text


def _states(selectors: str, state: str) -> str:
    return ", ".join(f"{part.strip()}{state}" for part in selectors.split(","))


def _rule(selector: str, **props: str) -> str:
    body = " ".join(f"{name.replace('_', '-')}: {value};" for name, value in props.items())
    return f"{selector} {{ {body} }}"


def app_style_sheet(scheme: str) -> str:
    c = t.COLORS[scheme]
    status = t.STATUS_COLORS[scheme]
    bold = str(t.WEIGHT_STRONG)
    rules = [
        # -- type scale ------------------------------------------------------------------------
        _rule('*[nc_type="display"]', font_size=f"{t.DISPLAY_PT:g}pt", font_weight=bold),
        _rule('*[nc_type="title"]', font_size=f"{t.TITLE_PT:g}pt", font_weight=bold),
        _rule('*[nc_type="heading"]', font_size=f"{t.HEADING_PT:g}pt", font_weight=bold),
        _rule('*[nc_type="lead"]', font_size=f"{t.LEAD_PT:g}pt"),
        _rule('*[nc_type="caption"]', font_size=f"{t.CAPTION_PT:g}pt"),
        _rule('*[nc_type="strong"]', font_weight=bold),
        _rule('*[nc_strong="true"]', font_weight=bold),
        # -- tones -----------------------------------------------------------------------------
        _rule('*[nc_tone="muted"]', color=c["muted"]),
        _rule('*[nc_tone="danger"]', color=c["danger"]),
        _rule('*[nc_tone="success"]', color=c["success"]),
        _rule('*[nc_tone="warning"]', color=c["warning"]),
        _rule('*[nc_tone="info"]', color=c["info"]),
        _rule('*[nc_tone="accent"]', color=c["link"]),
        *(_rule(f'*[nc_tone="status-{name}"]', color=value) for name, value in status.items()),
        # -- surfaces --------------------------------------------------------------------------
        _rule(
            '*[nc_surface="card"]',
            background=c["raised"],
            border=f"1px solid {c['border']}",
            border_radius=f"{t.RADIUS_M}px",
        ),
        _rule(
            '*[nc_surface="banner"]',
            background=c["base"],
            border="none",
            border_left=f"3px solid {c['accent']}",
        ),
        _rule(
            '*[nc_surface="quote"]',
            background=c["base"],
            border="none",
            border_left=f"3px solid {c['accent']}",
            padding=f"{t.SPACE_M - 2}px {t.SPACE_M + 2}px",
        ),
        _rule(
            '*[nc_surface="option"]',
            border=f"1px solid {c['border']}",
            border_radius=f"{t.RADIUS_M}px",
        ),
        _rule(
            '*[nc_surface="option"]:hover, *[nc_surface="option"]:focus',
            border=f"1px solid {c['accent']}",
        ),
        _rule(
            '*[nc_surface="field"]',
            background=c["base"],
            border=f"1px solid {c['border']}",
            border_radius=f"{t.RADIUS_S + 1}px",
        ),
        _rule(
            '*[nc_surface="outline"]',
            border=f"1px solid {c['border']}",
            border_radius=f"{t.RADIUS_S + 1}px",
        ),
        _rule(
            '*[nc_surface="invalid"]',
            border=f"1px solid {c['danger']}",
            border_radius=f"{t.RADIUS_S + 1}px",
        ),
        _rule('*[nc_surface="content"]', background=c["base"]),
        _rule(
            '*[nc_surface="notice"]',
            background=c["alternate_base"],
            border=f"1px solid {c['border']}",
            border_radius=f"{t.RADIUS_M}px",
            padding=f"{t.SPACE_XS + 1}px {t.SPACE_S + 2}px",
        ),
        _rule(
            '*[nc_surface="empty"]',
            background=c["base"],
            color=c["muted"],
            border=f"1px dashed {c['border_strong']}",
            border_radius=f"{t.RADIUS_M}px",
            padding=f"{t.SPACE_M}px",
        ),
        _rule(
            '*[nc_surface="footer"]',
            background=c["window"],
            border="none",
            border_top=f"1px solid {c['border']}",
        ),
        _rule('*[nc_surface="frame"]', border=f"1px solid {c['border']}"),
        _rule('*[nc_surface="sunken"]', background=c["mid"]),
        _rule('*[nc_surface="separator"]', background=c["separator"], border="none"),
        _rule(
            '*[nc_surface="chip"]',
            border=f"1px solid {c['border']}",
            border_radius=f"{t.RADIUS_L - 3}px",
            padding="0 6px",
            color=c["muted"],
            font_size=f"{t.CAPTION_PT - 0.5:g}pt",
        ),
        # -- tag chips (notes, debrief, interview mode): a pill, filled when checked ----------
        _rule(
            'QPushButton[chip="true"]',
            border=f"1px solid {t.CHIP_BORDER[scheme]}",
            border_radius="11px",
            padding="2px 10px",
            background=c["base"],
            color=c["text"],
        ),
        _rule('QPushButton[chip="true"]:hover', border_color=c["accent"]),
        _rule(
            'QPushButton[chip="true"]:checked',
            background=c["highlight"],
            color=c["highlighted_text"],
            border_color=c["highlight"],
        ),
        _rule('QPushButton[chip="true"]:focus', border=f"2px solid {c['highlight']}"),
        _rule('QToolButton[chip="true"]', border="none", padding="2px 6px", color=c["link"]),
        # -- buttons ---------------------------------------------------------------------------
        # A dialog's buttons all have the box its default button has (border, padding, font).
        # Which button is the default changes after the dialog is laid out (at show, and as
        # the focus moves between buttons) and Qt keeps each button's size from before: a
        # default look with more padding or bold text was cut ("…ve debri…"). So the default
        # state changes colours only.
        _rule(
            DIALOG_BUTTON,
            background=c["button"],
            color=c["text"],
            border=f"1px solid {c['border_strong']}",
            border_radius=f"{t.RADIUS_S}px",
            padding=BUTTON_PADDING,  # (no min-width: a set minimum lets layouts squeeze a
            # button below its text's width)
        ),
        _rule(_states(DIALOG_BUTTON, ":hover"), border_color=c["accent"]),
        _rule(_states(DIALOG_BUTTON, ":focus"), border_color=c["accent"]),
        _rule(_states(DIALOG_BUTTON, ":pressed"), background=c["midlight"]),
        _rule(_states(DIALOG_BUTTON, ":checked"), background=c["midlight"]),
        _rule(_states(DIALOG_BUTTON, ":disabled"), color=c["disabled"], border_color=c["border"]),
        _rule(
            _states(DIALOG_BUTTON, ":flat"),
            background="transparent",
            border_color="transparent",
        ),
        # The primary action, and a dialog's default button (Fusion tints it with the
        # highlight colour, which leaves light text at 2.7:1 on the dark palette). Bold only
        # for the primary role, which a button has from the start.
        _rule(
            f"{PRIMARY}",
            background=c["accent"],
            color=c["on_accent"],
            border=f"1px solid {c['accent']}",
            border_radius=f"{t.RADIUS_S}px",
            padding=BUTTON_PADDING,
        ),
        _rule('QPushButton[nc_role="primary"]', font_weight=bold, padding=PRIMARY_PADDING),
        _rule(_states(PRIMARY, ":hover"), background=c["accent_hover"]),
        _rule(_states(PRIMARY, ":pressed"), background=c["accent_pressed"]),
        _rule(_states(PRIMARY, ":focus"), border=f"1px solid {c['text']}"),
        _rule(
            _states(PRIMARY, ":disabled"),
            background=c["button"],
            color=c["disabled"],
            border=f"1px solid {c['border']}",
        ),
        _rule('*[nc_role="toggle"]:checked', font_weight=bold),
        _rule(
            'QPushButton[nc_role="choice"], QToolButton[nc_role="choice"]',
            border=f"1px solid {c['border_strong']}",
            border_radius=f"{t.RADIUS_S + 1}px",
            padding="4px 8px",
            background=c["button"],
            color=c["text"],
        ),
        _rule(
            'QPushButton[nc_role="choice"]:hover, QToolButton[nc_role="choice"]:hover,'
            ' QPushButton[nc_role="choice"]:focus, QToolButton[nc_role="choice"]:focus',
            border=f"1px solid {c['accent']}",
        ),
        _rule(
            'QPushButton[nc_role="choice"]:checked, QToolButton[nc_role="choice"]:checked',
            background=c["accent"],
            color=c["on_accent"],
            font_weight=bold,
            border=f"1px solid {c['accent']}",
        ),
        _rule(
            'QToolButton[nc_role="compact"], QPushButton[nc_role="compact"]',
            padding="2px 8px",
            font_size=f"{t.CAPTION_PT:g}pt",
            color=c["text"],
            background=c["button"],
            border=f"1px solid {c['border']}",
            border_radius=f"{t.RADIUS_S + 1}px",
        ),
        _rule(
            'QToolButton[nc_role="compact"]:hover, QPushButton[nc_role="compact"]:hover,'
            ' QToolButton[nc_role="compact"]:focus, QPushButton[nc_role="compact"]:focus',
            border=f"1px solid {c['accent']}",
        ),
        _rule(
            'QToolButton[nc_role="compact"]:pressed, QPushButton[nc_role="compact"]:pressed',
            background=c["midlight"],
        ),
        _rule('QToolButton[nc_role="compact"]::menu-indicator', image="none"),
    ]
    return "\n".join(rules)
