"""core/validation.py: lenient parsing that is never silently wrong."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextcall.core.errors import ValidationError
from nextcall.core.validation import AMOUNT_EXAMPLES, clean_text, parse_amount, parse_date

TODAY = date(2026, 11, 20)


def d(text: str, **kwargs: object) -> date | None:
    return parse_date(text, today=TODAY, **kwargs)  # type: ignore[arg-type]


# -- parse_date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03", date(2026, 11, 3)),
        (" 2026-11-03 ", date(2026, 11, 3)),
        ("2026/1/9", date(2026, 1, 9)),
        ("3 Nov 2026", date(2026, 11, 3)),
        ("3rd November 2026", date(2026, 11, 3)),
        ("Nov 3, 2026", date(2026, 11, 3)),
        ("Nov 3", date(2026, 11, 3)),
        ("3 nov", date(2026, 11, 3)),
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", date(2026, 11, 19)),
        ("25/11/2026", date(2026, 11, 25)),  # 25 cannot be a month: day first
        ("11/25/2026", date(2026, 11, 25)),  # nor here: month first
        ("04/04/2026", date(2026, 4, 4)),  # both readings agree
    ],
)
def test_dates_people_type(text: str, expected: date) -> None:
    assert d(text) == expected


def test_a_month_without_a_year_far_ahead_means_last_year() -> None:
    assert d("Dec 30") == date(2025, 12, 30)
    assert d("Dec 15") == date(2026, 12, 15)  # within a month ahead: this year


def test_an_ambiguous_day_month_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="day/month") as caught:
        d("03/04/2026", field="applied_on")
    assert caught.value.field == "applied_on"
    assert "2026-MM-DD" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["31 Feb 2026", "2026-02-30", "2026-13-01", "31/04/2026", "1/0/2026", "0/5/2026"]
)
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="not a real date"):
        d(text)


@pytest.mark.parametrize("text", ["soon", "3 Novembre 2026", "2026-11", "11/2026", "32 Nov"])
def test_unreadable_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        d(text)


def test_the_future_is_refused_only_when_asked() -> None:
    assert d("2026-11-21") == date(2026, 11, 21)
    assert d("2026-11-20", allow_future=False) == TODAY
    with pytest.raises(ValidationError, match="future") as caught:
        d("2026-11-21", allow_future=False, field="applied_on")
    assert caught.value.field == "applied_on"


def test_the_distant_past_is_refused() -> None:
    with pytest.raises(ValidationError, match="past"):
        d("1899-01-01")


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_an_empty_date_is_none(text: str) -> None:
    assert d(text) is None


DATE_LIKE = st.one_of(
    st.from_regex(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}", fullmatch=True),
    st.from_regex(r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}", fullmatch=True),
    st.from_regex(r"[0-9]{1,2}(st|nd|th)? [A-Za-z]{3,9},?( [0-9]{4})?", fullmatch=True),
    st.from_regex(r"[A-Za-z]{3,9} [0-9]{1,2},?( [0-9]{4})?", fullmatch=True),
)


@given(st.one_of(st.text(max_size=40), DATE_LIKE))
def test_parse_date_only_ever_raises_validation_error(text: str) -> None:
    try:
        result = parse_date(text, today=TODAY, allow_future=False)
    except ValidationError:
        return
    assert result is None or isinstance(result, date)
    if result is not None:
        assert date(1990, 1, 1) <= result <= TODAY


@given(st.from_regex(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}", fullmatch=True))
def test_numeric_dates_never_guess_between_two_readings(text: str) -> None:
    try:
        result = parse_date(text, today=TODAY)
    except ValidationError:
        return
    first, second = (int(part) for part in text.replace("/", "-").replace(".", "-").split("-")[:2])
    if first <= 12 and second <= 12:
        assert first == second  # two different readings were possible: it must have refused
    assert result is not None
    assert {result.day, result.month} == {first, second}


# -- parse_amount ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25000", 25000.0),
        ("25,000", 25000.0),
        ("25 000.50", 25000.5),
        ("25k", 25000.0),
        ("25K", 25000.0),
        ("18.5k", 18500.0),
        ("₱ 18000", 18000.0),
        ("PHP 18,000", 18000.0),
        ("$18000", 18000.0),
        ("0", 0.0),
        ("", None),
        ("  ", None),
    ],
)
def test_amounts_people_type(text: str, expected: float | None) -> None:
    assert parse_amount(text) == expected


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(ValidationError, match="negative") as caught:
        parse_amount("-5", field="salary_expected")
    assert caught.value.field == "salary_expected"


@pytest.mark.parametrize(
    "text", ["abc", "nan", "NaN", "inf", "-inf", "+nan", "1e999", "12.5.1", "k", "1e15"]
)
def test_non_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_amount(text)


# -- clean_text ------------------------------------------------------------------------------


def test_text_is_trimmed_and_line_endings_normalised() -> None:
    assert clean_text("  Acme \r\nline two\rthree  ", field="notes", max_length=100) == (
        "Acme \nline two\nthree"
    )
    assert clean_text("tab\tkept", field="notes", max_length=100) == "tab\tkept"


def test_required_text_may_not_be_blank() -> None:
    assert clean_text("   ", field="company", max_length=10) == ""
    with pytest.raises(ValidationError, match="Company is required") as caught:
        clean_text("  \r\n ", field="company", max_length=10, required=True)
    assert caught.value.field == "company"


def test_text_too_long_is_refused() -> None:
    assert clean_text("x" * 10, field="site", max_length=10) == "x" * 10
    with pytest.raises(ValidationError, match="11 characters") as caught:
        clean_text("x" * 11, field="site", max_length=10)
    assert caught.value.field == "site"


def test_crlf_counts_as_one_character_towards_the_limit() -> None:
    assert clean_text("a\r\nb", field="notes", max_length=3) == "a\nb"


@pytest.mark.parametrize("text", ["a\x00b", "a\x07b", "a\x1bb", "a\x7fb", "a\x0bb"])
def test_control_characters_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="control characters"):
        clean_text(text, field="notes", max_length=100)


def test_the_hint_for_a_wrong_amount_is_true_to_its_examples() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_amount("lots")
    message = str(caught.value)
    assert "digits only" not in message  # "18k" is not digits only
    examples = message.split("e.g.", 1)[1].rstrip(".").replace(" or ", ", ").split(", ")
    assert [e.strip() for e in examples if e.strip()] == list(AMOUNT_EXAMPLES)
    for example in AMOUNT_EXAMPLES:
        assert parse_amount(example) == 18000.0
