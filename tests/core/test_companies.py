"""core/companies.py: the one definition of "the same company"."""

from __future__ import annotations

import pytest

from nextcall.core.companies import company_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme", "ACME"),
        ("ÉLAN Contact", "élan  contact"),
        ("Straße BPO", "STRASSE bpo"),
        ("  Acme\tBPO ", "acme bpo"),
        ("ＡＣＭＥ", "acme"),  # full-width letters
        ("Ελληνική", "ΕΛΛΗΝΙΚΉ"),
        ("Café", "Cafe\u0301"),  # composed and decomposed accents
    ],
)
def test_the_same_company(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize(("a", "b"), [("Acme", "Acme BPO"), ("Acme", "Acne"), ("Café", "Cafe")])
def test_different_companies(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


def test_a_key_never_holds_a_tab_or_an_edge_space() -> None:
    # The upgrade that introduced the key marks colliding old companies with a tab (0003).
    for name in ("a\tb", " x ", "a \u00a0 b", "\u3000y"):
        key = company_key(name)
        assert "\t" not in key and key == key.strip()
