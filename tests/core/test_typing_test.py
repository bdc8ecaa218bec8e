"""core/typing_test.py: words a minute, accuracy and errors in place, measured on known
keystrokes with a fixed time; and the bundled passages, checked like the playbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextcall.core import typing_test as tt
from nextcall.core.playbook_schema import PlaybookError

PASSAGE = "Thank you for waiting. I have sent the reset link to your email."


def test_a_perfect_minute() -> None:
    typed = PASSAGE[:50]
    result = tt.score(PASSAGE, typed, 60)
    assert result.gross_wpm == pytest.approx(10.0)  # 50 characters = 10 words in a minute
    assert result.net_wpm == pytest.approx(10.0)
    assert result.accuracy == 1.0
    assert result.errors == 0
    assert [s.mark for s in result.segments] == ["ok"]
    assert result.reached == 50  # the rest of the passage was never reached: no error


def test_a_corrected_mistake_is_no_error() -> None:
    # "Thnk" then two backspaces and "ank": what is left is what counts.
    keys = list("Thnk")
    keys = keys[:-2] + list("ank you")
    assert "".join(keys) == "Thank you"
    result = tt.score(PASSAGE, "".join(keys), 30)
    assert result.errors == 0
    assert result.gross_wpm == pytest.approx(9 / 5 / 0.5)


def test_one_wrong_character_is_one_error_in_place() -> None:
    typed = "Thank yuu for waiting."
    result = tt.score(PASSAGE, typed, 30)
    assert (result.wrong, result.extra, result.missing) == (1, 0, 0)
    assert result.correct == len(typed) - 1
    wrong = [s for s in result.segments if s.mark == "wrong"]
    assert wrong == [tt.Segment("wrong", "o", "u")]
    # 22 characters in half a minute: 8.8 gross; 1 error in half a minute: 2 less
    assert result.gross_wpm == pytest.approx(8.8)
    assert result.net_wpm == pytest.approx(6.8)
    assert result.accuracy == pytest.approx(21 / 22)


def test_a_missing_character_does_not_make_the_rest_wrong() -> None:
    typed = "Thank you for waitng. I have sent the reset link"
    result = tt.score(PASSAGE, typed, 60)
    assert (result.wrong, result.extra, result.missing) == (0, 0, 1)
    assert tt.Segment("missing", "i") in result.segments
    assert result.correct == len(typed)
    assert result.accuracy == pytest.approx(len(typed) / (len(typed) + 1))


def test_an_extra_character_does_not_make_the_rest_wrong() -> None:
    typed = "Thank you forr waiting. I have sent the reset link"
    result = tt.score(PASSAGE, typed, 60)
    assert (result.wrong, result.extra, result.missing) == (0, 1, 0)
    assert [s for s in result.segments if s.mark == "extra"] == [tt.Segment("extra", "r")]
    assert result.correct == len(typed) - 1
    # errors in place: the segments rebuild the typed text and the reached passage
    rebuilt = "".join(s.typed or s.text for s in result.segments if s.mark != "missing")
    assert rebuilt == typed


def test_mixed_errors_and_the_net_floor() -> None:
    typed = "Thxnk you foor wating."  # 1 wrong, 1 extra, 1 missing
    result = tt.score(PASSAGE, typed, 12)
    assert (result.wrong, result.extra, result.missing) == (1, 1, 1)
    minutes = 12 / 60
    gross = len(typed) / 5 / minutes
    assert result.gross_wpm == pytest.approx(gross)
    assert result.net_wpm == pytest.approx(max(0.0, gross - 3 / minutes))
    garbage = tt.score(PASSAGE, "zzzzzzzzzzzz", 60)
    assert garbage.net_wpm == 0.0  # never below zero
    assert garbage.accuracy < 0.2


def test_nothing_typed_or_no_time() -> None:
    assert tt.score(PASSAGE, "", 60).gross_wpm == 0.0
    assert tt.score(PASSAGE, "", 60).accuracy == 0.0
    assert tt.score(PASSAGE, "Thank", 0).net_wpm == 0.0


def test_wrong_at_the_very_end_counts_only_what_was_typed() -> None:
    result = tt.score(PASSAGE, "Thank yoX", 60)
    assert (result.wrong, result.extra, result.missing) == (1, 0, 0)
    assert result.reached == 9


def test_details_for_the_saved_score() -> None:
    result = tt.score(PASSAGE, "Thank yuu for waiting.", 30)
    assert result.details("own") == {
        "gross_wpm": 8.8,
        "net_wpm": 6.8,
        "accuracy": round(21 / 22, 4),
        "seconds": 30.0,
        "passage": "own",
    }


def test_own_passages_become_one_line() -> None:
    assert tt.clean_own("  Hello,\r\n  how can\tI help?\n") == "Hello, how can I help?"


def test_the_bundled_passages_load() -> None:
    passages = tt.load_passages()
    assert len(passages) >= 12
    assert {p.kind for p in passages} == {"email", "chat", "note"}
    assert len({p.key for p in passages}) == len(passages)
    for p in passages:
        assert tt.PASSAGE_MIN <= len(p.text) <= tt.PASSAGE_MAX and "\n" not in p.text


@pytest.mark.parametrize("seconds", tt.DURATIONS)
def test_the_test_text_is_long_enough_for_a_fast_typist(seconds: int) -> None:
    passages = tt.load_passages()
    key, text = tt.text_for_test(passages, 3, seconds)
    assert key == passages[3].key
    assert text.startswith(passages[3].text)
    assert len(text) >= min(500 * seconds / 60, sum(len(p.text) for p in passages))


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / tt.PASSAGES_FILE).write_text(body, encoding="utf-8")
    return tmp_path


def _passage(key: str, kind: str = "chat", text: str = "") -> str:
    text = text or f"{key} " + "a passage in plain words for practice. " * 8
    return f'[[passages]]\nkey = "{key}"\nkind = "{kind}"\ntitle = "T"\ntext = "{text}"\n'


def test_a_broken_passage_file_names_the_problem(tmp_path: Path) -> None:
    good = "".join(_passage(f"p-{i}") for i in range(12))
    assert len(tt.load_passages_from(_write(tmp_path, good))) == 12
    with pytest.raises(PlaybookError, match=r"passages: expected 12\+ items, got 2"):
        tt.load_passages_from(_write(tmp_path, _passage("a") + _passage("b")))
    bad_kind = good + _passage("p-x", kind="letter")
    with pytest.raises(PlaybookError, match=r"passages\[12\]\.kind: 'letter' is not one of"):
        tt.load_passages_from(_write(tmp_path, bad_kind))
    short = good + _passage("p-y", text="Too short.")
    with pytest.raises(PlaybookError, match=r"passages\[12\]\.text: 10 characters"):
        tt.load_passages_from(_write(tmp_path, short))
    typo = good.replace('title = "T"', 'titel = "T"', 1)
    with pytest.raises(PlaybookError, match=r"missing|unknown key"):
        tt.load_passages_from(_write(tmp_path, typo))
    with pytest.raises(PlaybookError, match="TOML syntax error"):
        tt.load_passages_from(_write(tmp_path, "[[passages]\n"))
