"""The Notes tab: interviewer tips, feedback and observations, searchable, saved as you type."""

from nextcall.ui.notes.tab import NotesTab

__all__ = ["NotesTab"]
