"""core/drills.py: the bundled bank is checked on load (a broken file names its file, item and
field), sets put missed items first and never repeat one, and a set is scored."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nextcall.core import drills
from nextcall.core.drills import DrillBankError, DrillItem, ItemStat
from nextcall.core.resources import resource

NOW = datetime(2026, 11, 20, 10, 0)
GOOD_ITEM = """
[[items]]
key = "tense-01"
kind = "grammar"
prompt = "Yesterday she ___ twice."
choices = ["call", "called", "calls"]
answer = "called"
explanation = "A finished past time takes the simple past."
"""


# -- the real bank --------------------------------------------------------------------------


def test_the_bundled_bank_loads_with_enough_items_of_every_kind() -> None:
    bank = drills.load_drills()
    counts = bank.counts()
    assert len(bank.items) >= 150
    assert counts["grammar"] >= 40 and counts["vocabulary"] >= 25
    assert counts["reading"] >= 15 and counts["numbers"] >= 20 and counts["logic"] >= 20
    assert len({i.key for i in bank.items}) == len(bank.items)
    for item in bank.items:
        assert item.answer in item.choices, item.key
        assert 3 <= len(item.choices) <= 4, item.key
        assert len(set(item.choices)) == len(item.choices), item.key
        assert item.explanation and "\n" not in item.explanation, item.key
        assert (item.passage is not None) == (item.kind == "reading"), item.key
    # Every passage is asked about 2 to 4 times; no passage is left without questions.
    for key in bank.passages:
        assert 2 <= sum(1 for i in bank.items if i.passage == key) <= 4
    # Enough of each kind for the longest set, so a 20-item set never runs short.
    assert min(counts.values()) >= max(drills.SET_SIZES)


def test_answers_are_not_always_in_the_same_place() -> None:
    """A bank whose answer is mostly the first choice could be gamed without reading."""
    places = [i.choices.index(i.answer) for i in drills.load_drills().items]
    most = max(places.count(p) for p in set(places))
    assert most / len(places) < 0.5


# -- broken files ---------------------------------------------------------------------------


def write(folder: Path, text: str, name: str = "grammar.toml") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (('answer = "called"', 'answer = "calling"'), "items[0] (tense-01).answer", "not one of"),
        (
            ('explanation = "A finished past time takes the simple past."\n', ""),
            "items[0] (tense-01).explanation",
            "missing",
        ),
        (
            ('explanation = "A finished', 'explanation = "   "\n#'),
            "items[0] (tense-01).explanation",
            "empty",
        ),
        (
            ('choices = ["call", "called", "calls"]', 'choices = ["call", "called"]'),
            "items[0] (tense-01).choices",
            "expected 3 to 4 items",
        ),
        (
            ('choices = ["call", "called", "calls"]', 'choices = ["call", "called", "Call"]'),
            "items[0] (tense-01).choices[2]",
            "listed twice",
        ),
        (('kind = "grammar"', 'kind = "spelling"'), "items[0] (tense-01).kind", "not one of"),
        (
            ('prompt = "Yesterday she ___ twice."', f'prompt = "{"x" * 301}"'),
            "items[0] (tense-01).prompt",
            "too long",
        ),
        (
            ('kind = "grammar"', 'kind = "grammar"\npassage = "memo"'),
            "items[0] (tense-01).passage",
            "only reading",
        ),
        (
            ('kind = "grammar"', 'kind = "grammar"\nhint = "past"'),
            "items[0] (tense-01).hint",
            "unknown key",
        ),
    ],
)
def test_a_broken_item_is_refused_naming_file_item_and_field(
    tmp_path: Path, change: tuple[str, str], where: str, problem: str
) -> None:
    assert change[0] in GOOD_ITEM
    folder = write(tmp_path / "drills", GOOD_ITEM.replace(*change))
    with pytest.raises(DrillBankError) as caught:
        drills.load_drills_from(folder)
    assert caught.value.file == "grammar.toml"
    assert caught.value.path == where
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"grammar.toml: {where}: ")


def test_a_key_used_twice_is_refused_even_across_files(tmp_path: Path) -> None:
    folder = write(tmp_path / "drills", GOOD_ITEM)
    write(folder, GOOD_ITEM.replace('kind = "grammar"', 'kind = "logic"'), "logic.toml")
    with pytest.raises(DrillBankError, match=r"logic\.toml: items\[0\]\.key: duplicate key"):
        drills.load_drills_from(folder)


def test_reading_questions_need_a_known_passage_with_two_to_four_questions(
    tmp_path: Path,
) -> None:
    passage = '[[passages]]\nkey = "memo"\ntitle = "A memo"\ntext = "Shift starts at five."\n'
    question = GOOD_ITEM.replace('kind = "grammar"', 'kind = "reading"\npassage = "memo"')
    folder = write(tmp_path / "drills", passage + question.replace("tense-01", "r-1"), "r.toml")
    with pytest.raises(DrillBankError, match=r"r\.toml: passages \(memo\): has 1 questions"):
        drills.load_drills_from(folder)
    write(folder, passage + question.replace('"memo"\n', '"notice"\n', 1), "r.toml")
    with pytest.raises(DrillBankError, match=r"items\[0\] \(tense-01\)\.passage: unknown"):
        drills.load_drills_from(folder)
    lacking = GOOD_ITEM.replace('kind = "grammar"', 'kind = "reading"')
    write(folder, lacking, "r.toml")
    with pytest.raises(DrillBankError, match=r"\.passage: missing"):
        drills.load_drills_from(folder)


def test_bad_toml_and_an_empty_folder_name_the_file(tmp_path: Path) -> None:
    folder = write(tmp_path / "drills", "[[items]\nkey = 1")
    with pytest.raises(DrillBankError, match=r"^grammar\.toml: TOML syntax error"):
        drills.load_drills_from(folder)
    empty = tmp_path / "none"
    empty.mkdir()
    with pytest.raises(DrillBankError, match="no drill files found"):
        drills.load_drills_from(empty)


def test_the_shipped_folder_is_read_through_the_resources_package() -> None:
    names = {entry.name for entry in resource("drills").iterdir()}
    assert {"grammar.toml", "reading.toml", "numbers.toml", "logic.toml"} <= names


# -- picking a set --------------------------------------------------------------------------


def bank_items(count: int = 30) -> list[DrillItem]:
    return [
        DrillItem(f"i{n:02d}", "grammar", f"Q{n}", ("a", "b", "c"), "a", "because")
        for n in range(count)
    ]


def test_a_set_has_the_size_asked_and_no_item_twice() -> None:
    items = bank_items()
    for size in drills.SET_SIZES:
        chosen = drills.pick_set(items + items[:5], {}, size, NOW, random.Random(1))
        assert len(chosen) == size
        assert len({i.key for i in chosen}) == size
    assert len(drills.pick_set(items[:7], {}, 10, NOW)) == 7  # a small bank gives what it has
    assert drills.pick_set(items, {}, 0, NOW) == []


def test_missed_items_come_first_heaviest_first_then_unseen_then_the_rest() -> None:
    items = bank_items(30)
    seen = {f"i{n:02d}": ItemStat(seen=1, last_seen=NOW - timedelta(days=1)) for n in range(20)}
    stats = {
        **seen,
        "i05": ItemStat(seen=3, missed=1, last_seen=NOW, last_missed=NOW - timedelta(days=1)),
        "i07": ItemStat(seen=3, missed=3, last_seen=NOW, last_missed=NOW - timedelta(days=1)),
        "i09": ItemStat(seen=3, missed=3, last_seen=NOW, last_missed=NOW - timedelta(days=60)),
    }
    chosen = [i.key for i in drills.pick_set(items, stats, 10, NOW, random.Random(3))]
    assert chosen[:3] == ["i07", "i05", "i09"]  # more misses first; an old miss weighs less
    assert set(chosen[3:]) <= {f"i{n}" for n in range(20, 30)}  # then the ten never seen


def test_the_rest_come_least_recently_seen_first() -> None:
    items = bank_items(12)
    stats = {
        i.key: ItemStat(seen=1, last_seen=NOW - timedelta(hours=n)) for n, i in enumerate(items)
    }
    chosen = [i.key for i in drills.pick_set(items, stats, 3, NOW, random.Random(0))]
    assert chosen == ["i11", "i10", "i09"]


def test_an_item_answered_right_since_its_miss_weighs_less() -> None:
    earlier = NOW - timedelta(days=2)
    missed_last = ItemStat(seen=2, missed=1, last_seen=earlier, last_missed=earlier)
    right_since = ItemStat(seen=2, missed=1, last_seen=NOW, last_missed=earlier)
    assert drills.miss_weight(right_since, NOW) < drills.miss_weight(missed_last, NOW)
    assert drills.miss_weight(ItemStat(seen=4), NOW) == 0
    assert drills.miss_weight(None, NOW) == 0


def test_questions_on_one_passage_are_kept_together() -> None:
    bank = drills.load_drills()
    chosen = drills.pick_set(bank.of_kind("reading"), {}, 10, NOW, random.Random(5))
    passages = [i.passage for i in chosen]
    runs = [p for n, p in enumerate(passages) if n == 0 or passages[n - 1] != p]
    assert len(runs) == len(set(runs))  # each passage appears as one run


def test_a_mixed_set_draws_from_every_kind() -> None:
    bank = drills.load_drills()
    chosen = drills.pick_set(bank.of_kind(drills.MIXED), {}, 20, NOW, random.Random(2))
    assert len({i.kind for i in chosen}) >= 3


# -- scoring --------------------------------------------------------------------------------


def test_a_set_is_scored_with_unanswered_and_foreign_answers_wrong() -> None:
    items = bank_items(4)
    score = drills.score_set(items, {"i00": "a", "i01": "b", "i02": None, "i03": "zzz"})
    assert (score.correct, score.total, score.answered, score.percent) == (1, 4, 3, 25.0)
    assert [m.correct for m in score.marked] == [True, False, False, False]
    assert drills.score_set(bank_items(3), {"i00": "a"}).percent == 33.3
    assert drills.time_limit(10) == 10 * drills.SECONDS_PER_ITEM
