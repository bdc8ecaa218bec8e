"""Running `nextcall` in-process from tests, and checking its one-line error messages."""

from __future__ import annotations

import pytest

from nextcall.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``nextcall argv...`` in-process: (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --version, usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_error(err: str) -> str:
    """The single stderr line of a clean error (no traceback); returned for more checks."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("nextcall: error: ")
    assert "Traceback" not in err
    return lines[0]
