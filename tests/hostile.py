"""Hostile values for the property-based suites (tests/services/test_hostile_*.py), and the
rule every service call must follow: succeed, or refuse with a clear NextCallError; never raise
anything else and never leave the database damaged.

``NEXTCALL_STRESS=1`` multiplies the number of examples by ten.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from nextcall.core.errors import NextCallError
from nextcall.services.database import Database

T = TypeVar("T")
STRESS = os.environ.get("NEXTCALL_STRESS") == "1"
CLEAR_MESSAGE_LIMIT = 600  # characters: a one-line message, even when the input was huge


def examples(n: int) -> settings:
    return settings(
        max_examples=n * (10 if STRESS else 1),
        deadline=None,
        derandomize=not STRESS,  # the normal suite runs the same examples every time
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


NASTY = (
    "",
    " ",
    "   padded   ",
    "\x00",
    "a\x00b",
    "\t",
    "\n",
    "\r\n",
    "line\rbreak",
    "\x1b[31mred\x1b[0m",
    "\x7f",
    "\ud800",  # a lone surrogate: cannot be encoded as UTF-8
    "ok\udfffok",
    "\ufeffBOM",
    "\ufffe\uffff",
    "\U0010ffff",
    "\u202eevil\u202c",
    "\u200f\u200e",
    "שלום עולם",
    "مرحبا بالعالم",
    "😀🎧👩🏽‍💻",
    "e\u0301",  # e + combining accent
    "İstanbul ǅ ß ﬁ",
    "' OR 1=1 --",
    'say "hi"',
    "%_\\",
    "<b>bold</b> &amp;",
    "NaN",
    "-1",
    "9" * 40,
    "x" * 201,
    "y" * 100_001,
    "Acme",
    "acme ",
    "ACME",
)

# Every code point, lone surrogates included (Hypothesis leaves them out by default).
any_char = st.characters(exclude_categories=())
text = st.one_of(
    st.sampled_from(NASTY),
    st.text(any_char, max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(any_char, max_size=8)),
)
ids = st.one_of(
    st.integers(min_value=-3, max_value=12),
    st.sampled_from([0, -1, 10**6, 2**31, 2**63 - 1, -(2**63), 2**63, 2**64, 10**30]),
)
EDGE_DATES = [date.min, date.max, date(1989, 12, 31), date(2100, 12, 31), date(2101, 1, 1)]
dates = st.one_of(
    st.sampled_from([*EDGE_DATES, date(2026, 11, 20), date(2026, 11, 21)]),
    st.dates(),  # year 1 to 9999
)
datetimes = st.one_of(
    st.sampled_from(
        [datetime.min, datetime.max, datetime(2026, 11, 20, 9, 0), datetime(2026, 12, 1, 14)]
    ),
    st.datetimes(),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -0.0, -1, 1000, 1000.0001, 1e308, 2**63, 2**64]),
)


def spoiled(
    valid: dict[str, st.SearchStrategy[Any]], hostile: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """Arguments that are all reasonable but one (or none, or all) hostile: so the interesting
    value reaches the code behind the first check instead of being refused with the others."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        values = {name: draw(strategy) for name, strategy in valid.items()}
        spoil = draw(st.sampled_from(["(none)", "(all)", *hostile]))
        for name, strategy in hostile.items():
            if spoil in (name, "(all)"):
                values[name] = draw(strategy)
        return values

    return build()


def attempt(call: Callable[[], T]) -> T | NextCallError:
    """Run a service call: its result, or the NextCallError it refused with (checked to be a
    short, readable message). Anything else propagates and fails the test."""
    try:
        return call()
    except NextCallError as exc:
        message = str(exc)
        assert message.strip(), f"{type(exc).__name__} with an empty message"
        assert len(message) <= CLEAR_MESSAGE_LIMIT, f"a {len(message)}-character message"
        assert "Traceback" not in message and "sqlalchemy" not in message.lower()
        return exc


def ok(result: Any) -> bool:
    return not isinstance(result, NextCallError)


def check_database(db: Database) -> None:
    """Nothing an example did damaged the file or broke a link between records."""
    with db.session() as s:
        connection = s.connection()
        assert connection.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
