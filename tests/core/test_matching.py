"""core/matching.py: match quality, and phone numbers compared by their digits."""

from __future__ import annotations

import pytest

from nextcall.core.matching import (
    EXACT,
    INSIDE,
    PREFIX,
    WORD,
    phone_digits,
    phone_quality,
    quality,
)


def test_phone_digits() -> None:
    assert phone_digits("+63 917-555-1234") == "9175551234"  # the country code does not count
    assert phone_digits("0917 555 1234") == "9175551234"  # nor the trunk zero
    assert phone_digits("917 555") == "917555"
    assert phone_digits("(0917) 555\u20111234") == "9175551234"  # a non-breaking hyphen
    assert phone_digits("maria 917") == ""  # letters: a name, not a number
    assert phone_digits("12") == ""


@pytest.mark.parametrize(
    ("phone", "wanted", "expected"),
    [
        ("0917 555 1234", "9175551234", EXACT),  # the whole number
        ("+63 917-555-1234", "9175551234", EXACT),
        ("+63 917-555-1234", "5551234", EXACT),  # its last seven digits
        ("+63 917-555-1234", "1234", PREFIX),  # how it ends
        ("+63 917-555-1234", "917555", INSIDE),
        ("+63 917-555-1234", "9999", None),
        ("", "917", None),
    ],
)
def test_phone_quality(phone: str, wanted: str, expected: int | None) -> None:
    assert phone_quality(phone, wanted) == expected


@pytest.mark.parametrize(
    ("field", "wanted", "expected"),
    [
        ("Agent", "agent", EXACT),
        ("  AGENT  ", "agent", EXACT),  # case and outer spaces folded
        ("Agent Works", "agent", PREFIX),
        ("Chat support agent", "agent", WORD),
        ("Superagent Hub", "agent", INSIDE),
        ("Élan Contact", "élan", PREFIX),  # Unicode case folding
        ("Bluewave", "agent", None),
        ("Bluewave", "", None),
    ],
)
def test_quality(field: str, wanted: str, expected: int | None) -> None:
    assert quality(field, wanted) == expected
