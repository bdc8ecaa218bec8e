"""core/bulk.py: a pasted list of companies becomes clean names, with every refusal explained."""

from __future__ import annotations

import pytest

from nextcall.core.bulk import (
    MAX_NAME_LENGTH,
    MAX_NAMES,
    clean_name,
    decode_list,
    parse_sources,
    parse_text,
    split_lines,
)
from nextcall.core.companies import company_key
from nextcall.core.errors import ValidationError


def test_one_company_per_line_trimmed_and_blank_lines_skipped() -> None:
    parsed = parse_text(
        "  Bluewave Contact Center \n\n\t\nHarborline BPO\n   \nNorthstar Support\n"
    )
    assert parsed.names == ["Bluewave Contact Center", "Harborline BPO", "Northstar Support"]
    assert [p.number for p in parsed.accepted] == [1, 4, 6]
    assert [p.where for p in parsed.accepted] == ["line 1", "line 4", "line 6"]
    assert parsed.refused == []


def test_comments_are_skipped() -> None:
    parsed = parse_text("# applied Monday\nAcme\n   # indented comment\nBeta\n")
    assert parsed.names == ["Acme", "Beta"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("- Acme", "Acme"),
        ("* Acme", "Acme"),
        ("• Acme", "Acme"),
        ("1. Acme", "Acme"),
        ("2) Acme", "Acme"),
        ("12. Acme BPO", "Acme BPO"),
        ("–  Acme", "Acme"),
        ("-\tAcme", "Acme"),
        # Not bullets: part of the name.
        ("24/7 Intouch", "24/7 Intouch"),
        ("1-800 Contacts", "1-800 Contacts"),
        ("-Acme", "-Acme"),
        ("3M Philippines", "3M Philippines"),
        ("Teleperformance 2", "Teleperformance 2"),
    ],
)
def test_bullets_and_numbering_are_removed(line: str, name: str) -> None:
    assert parse_text(line).names == [name]


def test_only_one_bullet_is_removed() -> None:
    assert parse_text("- 1. Acme").names == ["1. Acme"]


def test_a_bare_bullet_is_a_blank_line() -> None:
    assert parse_text("-\n*\n3.\nAcme").names == ["Acme"]


def test_inner_whitespace_is_collapsed() -> None:
    parsed = parse_text("Bluewave   Contact\tCenter\nNorth\u00a0 star")
    assert parsed.names == ["Bluewave Contact Center", "North star"]


def test_windows_and_old_mac_newlines_and_a_bom() -> None:
    parsed = parse_text("\ufeffAcme\r\nBeta\rGamma\r\n")
    assert parsed.names == ["Acme", "Beta", "Gamma"]
    assert [p.number for p in parsed.accepted] == [1, 2, 3]


def test_repeats_are_reported_case_insensitively() -> None:
    parsed = parse_text("Acme\nACME BPO\nacme\n- ACME\nAcme  BPO\nBeta")
    assert parsed.names == ["Acme", "ACME BPO", "Beta"]
    assert [(r.number, r.name, r.repeat_of) for r in parsed.repeats] == [
        (3, "acme", "line 1"),
        (4, "ACME", "line 1"),
        (5, "Acme BPO", "line 2"),
    ]
    assert all("repeats line" in r.problem for r in parsed.repeats)


def test_case_insensitive_key_follows_unicode() -> None:
    assert company_key("ÉLAN Contact") == company_key("élan  contact")
    assert company_key("acme") != company_key("ACME BPO")


def test_a_long_line_is_refused_with_its_number_and_the_rest_still_read() -> None:
    long = "X" * (MAX_NAME_LENGTH + 1)
    parsed = parse_text(f"Acme\n{long}\nBeta")
    assert parsed.names == ["Acme", "Beta"]
    [refused] = parsed.refused
    assert refused.number == 2
    assert str(MAX_NAME_LENGTH + 1) in refused.problem
    assert len(refused.text) <= 80  # shown shortened


def test_exactly_the_limit_is_accepted() -> None:
    name = "Y" * MAX_NAME_LENGTH
    assert parse_text(f"1. {name}").names == [name]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused(char: str) -> None:
    parsed = parse_text(f"Acme\nBad{char}Name\nBeta")
    assert parsed.names == ["Acme", "Beta"]
    [refused] = parsed.refused
    assert (refused.number, refused.problem) == (2, "contains control characters")
    assert char not in refused.text


def test_a_form_feed_does_not_shift_line_numbers() -> None:
    assert [line.number for line in split_lines("a\x0cb\nc")] == [1, 2]


def test_zero_width_characters_do_not_make_a_different_company() -> None:
    assert parse_text("Acme\u200b\nAcme").names == ["Acme"]


def test_clean_name_returns_none_for_lines_to_skip() -> None:
    assert clean_name("") is None
    assert clean_name("   ") is None
    assert clean_name("# note") is None
    with pytest.raises(ValidationError):
        clean_name("a\x00b")


def test_thirty_companies() -> None:
    text = "\n".join(f"{n}. Company {n:02d}" for n in range(1, 31))
    parsed = parse_text(text)
    assert len(parsed.names) == 30
    assert parsed.names[0] == "Company 01"


def test_too_many_names_at_once() -> None:
    text = "\n".join(f"Company {n}" for n in range(MAX_NAMES + 2))
    parsed = parse_text(text)
    assert len(parsed.names) == MAX_NAMES
    assert len(parsed.refused) == 2
    assert "another batch" in parsed.refused[0].problem


def test_arguments_then_a_file() -> None:
    parsed = parse_sources(["Acme", "  "], "Beta\n# c\nacme\n")
    assert parsed.names == ["Acme", "Beta"]
    assert [p.where for p in parsed.accepted] == ["argument 1", "line 1"]
    [repeat] = parsed.repeats
    assert (repeat.where, repeat.repeat_of) == ("line 3", "argument 1")


def test_decode_list_with_and_without_bom() -> None:
    assert decode_list("Ñandú BPO\n".encode()) == "Ñandú BPO\n"
    assert decode_list("\ufeffÑandú BPO\n".encode()) == "Ñandú BPO\n"


def test_decode_list_refuses_other_encodings_and_huge_files() -> None:
    with pytest.raises(ValidationError, match="not UTF-8"):
        decode_list("Ñandú".encode("latin-1"), source="list.txt")
    with pytest.raises(ValidationError, match="right file"):
        decode_list(b"a\n" * 600_000)


def test_joiners_that_hold_names_together_are_kept() -> None:
    family = "Team \U0001f468\u200d\U0001f469\u200d\U0001f467 BPO"  # one family emoji
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 Services"  # ZWNJ inside a word
    parsed = parse_text(f"{family}\n{persian}\n\ufeffZero\u200bWidth")
    assert [line.name for line in parsed.lines] == [family, persian, "ZeroWidth"]
