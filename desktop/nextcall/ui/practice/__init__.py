"""The Practice tab: prepared answers, mock-call drills with self-scores and a voice check,
and test scores, with suggestions connected to where applications stop."""

from nextcall.ui.practice.tab import PracticeTab

__all__ = ["PracticeTab"]
