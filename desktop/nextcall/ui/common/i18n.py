"""Marking text for translation where it is defined, away from any widget."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for the translators under ``context`` and returns it unchanged; the
    widget that shows it translates it with ``tr()`` / ``QCoreApplication.translate`` and the
    same context. (Qt's own function is typed as returning ``object``.)"""
    return text
