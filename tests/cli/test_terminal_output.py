"""What the CLI prints of stored text never drives the terminal: control characters (but
newline and tab) are made visible, in plain and JSON output alike."""

from __future__ import annotations

import json

import pytest

from cli_helpers import run
from nextcall.cli.common import printable, say_json

HOSTILE = "esc\x1b[31mred\x07 bell\x9b2J csi\x7f"


def test_printable_shows_controls_and_keeps_lines_and_tabs() -> None:
    shown = printable("a\tb\nc\x1b[0m\x00\x7f\x9b")
    assert shown == "a\tb\nc\u241b[0m\u2400\u2421\ufffd"


def test_a_hostile_note_is_printed_harmlessly(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add", "Escape BPO")[0] == 0
    code, _out, err = run(capsys, "note", "Escape BPO", HOSTILE)
    assert code == 0, err
    code, out, _err = run(capsys, "search", "esc")
    assert code == 0
    assert "\u241b[31mred\u2407" in out
    assert not any(c in out for c in "\x1b\x07\x9b\x7f")


def test_json_output_escapes_every_control(capsys: pytest.CaptureFixture[str]) -> None:
    say_json([{"body": HOSTILE, "name": "Zoë"}])
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\x7f")
    assert "Zoë" in out  # readable text stays readable
    assert json.loads(out) == [{"body": HOSTILE, "name": "Zoë"}]  # the same data
