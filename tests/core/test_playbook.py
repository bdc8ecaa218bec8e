"""The shipped playbook loads and says what it should; broken files fail with clear messages."""

from __future__ import annotations

import functools
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextcall.core import playbook as playbook_module
from nextcall.core.playbook import (
    CHECK_LABEL_MAX,
    GUIDE_KEYS,
    MILESTONE_KEYS,
    PANEL_FACTOR_KEYS,
    RUBRIC_KEYS,
    TEMPLATE_KEYS,
    Playbook,
    PlaybookError,
    TemplateError,
    load_playbook,
    load_playbook_from,
)

PLAYBOOK_DIR = Path(__file__).resolve().parents[2] / "resources" / "playbook"
FILES = (
    "milestones.toml",
    "improvement_areas.toml",
    "scenarios.toml",
    "templates.toml",
    "guides.toml",
    "questions.toml",
)


@functools.cache
def real_playbook() -> Playbook:
    return load_playbook_from(PLAYBOOK_DIR)


@pytest.fixture
def pb() -> Playbook:
    return real_playbook()


def sample_values(pb: Playbook) -> dict[str, str]:
    return {p.name: f"<{p.name}>" for p in pb.placeholders}


# --- the real playbook ---------------------------------------------------------------------


def test_the_ten_milestones_in_order(pb: Playbook) -> None:
    assert tuple(m.key for m in pb.milestones) == MILESTONE_KEYS
    assert [m.number for m in pb.milestones] == list(range(1, 11))
    dependent = {m.key for m in pb.milestones if m.account_dependent}
    assert dependent == {"sales-test", "customer-service-test", "tech-support-test"}


def test_every_milestone_is_complete(pb: Playbook) -> None:
    for m in pb.milestones:
        assert m.name and m.what_happens and m.success, m.key
        assert 1 <= len(m.short) <= 14, m.key
        assert 4 <= len(m.how_to_prepare) <= 7, m.key
        assert 4 <= len(m.checks) <= 8, m.key
        assert len({c.key for c in m.checks}) == len(m.checks), m.key


def test_every_check_has_a_short_unique_label(pb: Playbook) -> None:
    for m in pb.milestones:
        items = [*m.checks, *m.offer_checklist]
        labels = [c.label for c in items]
        assert len({label.casefold() for label in labels}) == len(labels), m.key
        for c in items:
            where = f"{m.key}.{c.key}"
            assert 1 <= len(c.label.split()) <= 4 and len(c.label) <= CHECK_LABEL_MAX, where
            # a phrase for the middle of a sentence, not a question or a sentence of its own
            assert c.label == c.label.strip() and not c.label.endswith((".", "?", "!")), where
            assert "," not in c.label, where  # the funnel's sentence separates labels by commas
            assert c.label[0].islower() or c.label.split()[0] in {"English"}, where
            assert c.label != c.text, where


def test_every_area_reference_resolves(pb: Playbook) -> None:
    refs = [c.area for m in pb.milestones for c in m.checks if c.area]
    refs += [a for s in pb.scenarios for a in s.areas]
    assert refs
    for key in refs:
        assert pb.area(key).key == key
    # every built-in area is used somewhere, so none is dead weight
    assert {a.key for a in pb.areas} == set(refs)


REQUIRED_AREAS = (
    "english-grammar",
    "pronunciation",
    "voice-volume",
    "speaking-pace",
    "confidence",
    "product-knowledge",
    "typing",
    "sales",
    "empathy",
    "punctuality",
    "appearance",
    "listening",
    "reading-comprehension",
    "computer-skills",
    "phone-manner",
    "resume",
)


def test_required_improvement_areas_exist(pb: Playbook) -> None:
    for key in REQUIRED_AREAS:
        assert pb.area(key).name


def test_lookups_fail_with_key_error(pb: Playbook) -> None:
    with pytest.raises(KeyError, match="no milestone 'nope'"):
        pb.milestone("nope")
    with pytest.raises(KeyError, match="no improvement area"):
        pb.area("nope")


def test_templates_render_with_every_placeholder(pb: Playbook) -> None:
    assert {t.key for t in pb.templates} >= set(TEMPLATE_KEYS)
    values = sample_values(pb)
    for template in pb.templates:
        rendered = template.render(**values)
        assert "{" not in rendered.text and "}" not in rendered.text, template.key
        assert (rendered.subject is not None) == (template.kind == "email"), template.key
        for name in template.placeholders:
            assert f"<{name}>" in rendered.text
    assert pb.template("thank-you-email").render(**values).text.startswith("Subject: ")


def test_render_rejects_unknown_and_missing_values(pb: Playbook) -> None:
    template = pb.template("thank-you-email")
    values = sample_values(pb)
    with pytest.raises(TemplateError, match=r"thank-you-email.*unknown placeholder.*\{nickname\}"):
        template.render(**values, nickname="x")
    del values["memory_hook"]
    with pytest.raises(TemplateError, match=r"thank-you-email.*missing.*\{memory_hook\}"):
        template.render(**values)


@given(st.text(max_size=40))
def test_render_inserts_any_text_verbatim(value: str) -> None:
    template = real_playbook().template("feedback-call")
    values = dict.fromkeys(template.placeholders, "x") | {"memory_hook": value}
    assert value in template.render(**values).body


def test_guides_and_panel_factors(pb: Playbook) -> None:
    assert {g.key for g in pb.guides} >= set(GUIDE_KEYS)
    factors = pb.panel_factors
    assert tuple(f.key for f in factors) == PANEL_FACTOR_KEYS
    assert all(f.label and f.prompt for f in factors)


def test_scenarios_cover_the_common_mock_calls(pb: Playbook) -> None:
    titles = " ".join(s.title.lower() for s in pb.scenarios)
    for phrase in ("sell", "inbound", "irate", "smartphone", "computer"):
        assert phrase in titles
    assert all(s.good_call and s.areas for s in pb.scenarios)


def test_scenarios_name_the_milestones_they_prepare_for(pb: Playbook) -> None:
    assert all("mock-call" in s.milestones for s in pb.scenarios)
    prepared = {m for s in pb.scenarios for m in s.milestones}
    assert prepared >= {"sales-test", "customer-service-test", "tech-support-test"}


def test_the_practice_rubric(pb: Playbook) -> None:
    assert tuple(item.key for item in pb.rubric) == RUBRIC_KEYS
    assert all(item.name and item.description.endswith(".") for item in pb.rubric)


def test_common_first_interview_questions(pb: Playbook) -> None:
    by_key = {q.key: q for q in pb.questions}
    intro = by_key["introduce-yourself"]
    assert "english" in intro.question.lower() and "self-introduction" in intro.areas
    assert {"phone-interview", "in-person-interview"} <= set(intro.milestones)
    assert len(pb.questions) >= 8
    for q in pb.questions:
        assert q.tip and q.milestones and q.areas, q.key
        assert q.question.endswith(("?", ".")), q.key
        for area in q.areas:
            assert pb.area(area).key == area
    job_fit = {q.key for q in pb.milestone("final-interview").job_fit_questions}
    assert not job_fit & set(by_key)  # one key space in the question bank


def test_job_fit_questions_name_their_area(pb: Playbook) -> None:
    final = pb.milestone("final-interview")
    areas = {q.key: q.area for q in final.job_fit_questions}
    assert areas["night-shifts"] == "availability" and areas["salary"] == "negotiation"
    assert all(area is not None and pb.area(area) for area in areas.values())


def test_key_domain_phrases_are_present(pb: Playbook) -> None:
    final = pb.milestone("final-interview")
    job_fit = " ".join(q.question.lower() for q in final.job_fit_questions)
    for phrase in ("weekend", "holiday", "schedule", "night", "graveyard", "on time", "english"):
        assert phrase in job_fit
    assert {q.key for q in final.questions_to_ask} >= {"typical-day", "top-performers"}
    assert final.questions_to_ask_note and "some, not all" in final.questions_to_ask_note
    assert pb.milestone("job-offer").offer_checklist
    assert "which area exactly" in pb.template("feedback-call").body
    assert "probation" in pb.template("keep-cv-on-file").when
    assert "day after" in pb.template("thank-you-email").when
    assert "improve" in pb.template("closing-question").body
    volume = pb.guide("application-volume")
    assert "20 and 200" in " ".join(p.text for p in volume.points)
    timing = " ".join(p.text for p in pb.guide("follow-up-timing").points)
    assert "two days" in timing and "India" in timing
    assert "never erases" in " ".join(p.text for p in pb.guide("pipeline").points)


# --- where the files come from -------------------------------------------------------------


def test_loads_from_a_zip_traversable(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in FILES:
            zf.write(PLAYBOOK_DIR / name, f"playbook/{name}")
    with zipfile.ZipFile(archive) as zf:
        pb = load_playbook_from(zipfile.Path(zf, "playbook/"))
    assert tuple(m.key for m in pb.milestones) == MILESTONE_KEYS


def test_default_loader_uses_the_resource_and_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []

    def fake_resource(*parts: str) -> Path:
        calls.append(parts)
        return PLAYBOOK_DIR

    monkeypatch.setattr(playbook_module, "resource", fake_resource)
    load_playbook.cache_clear()
    try:
        first = load_playbook()
        assert load_playbook() is first
        assert calls == [("playbook",)]
    finally:
        load_playbook.cache_clear()


def test_default_loader_reads_the_shipped_package() -> None:
    load_playbook.cache_clear()
    try:
        assert tuple(m.key for m in load_playbook().milestones) == MILESTONE_KEYS
    finally:
        load_playbook.cache_clear()


# --- broken files --------------------------------------------------------------------------


def copy_playbook(tmp_path: Path) -> Path:
    target = tmp_path / "playbook"
    shutil.copytree(PLAYBOOK_DIR, target)
    return target


def broken(tmp_path: Path, file: str, old: str, new: str, count: int = 1) -> Path:
    """A copy of the real playbook in which ``old`` (which must occur) becomes ``new``."""
    target = copy_playbook(tmp_path)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return target


def load_error(directory: Path) -> str:
    with pytest.raises(PlaybookError) as info:
        load_playbook_from(directory)
    return str(info.value)


def test_toml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    message = load_error(broken(tmp_path, "milestones.toml", 'key = "exam"', 'key = "exam'))
    assert message.startswith("milestones.toml: TOML syntax error:")
    assert re.search(r"line \d+", message)


def test_missing_key(tmp_path: Path) -> None:
    message = load_error(broken(tmp_path, "milestones.toml", 'key = "reading"\n', ""))
    assert message == "milestones.toml: milestones[3].checks[1].key: missing"


def test_wrong_type(tmp_path: Path) -> None:
    directory = broken(
        tmp_path, "milestones.toml", "account_dependent = true", 'account_dependent = "yes"'
    )
    message = load_error(directory)
    assert message == (
        "milestones.toml: milestones[5].account_dependent: expected true or false, got a string"
    )


def test_wrong_type_in_a_list(tmp_path: Path) -> None:
    directory = broken(tmp_path, "scenarios.toml", 'areas = ["sales",', "areas = [7,")
    assert load_error(directory) == (
        "scenarios.toml: scenarios[0].areas[0]: expected a string, got an integer"
    )


def test_account_dependent_must_match_the_domain(tmp_path: Path) -> None:
    directory = broken(
        tmp_path, "milestones.toml", "account_dependent = true", "account_dependent = false"
    )
    message = load_error(directory)
    assert message.startswith("milestones.toml: milestones[5].account_dependent: must be true")


def test_duplicate_milestone_key(tmp_path: Path) -> None:
    directory = broken(tmp_path, "milestones.toml", 'key = "exam"', 'key = "phone-interview"')
    assert load_error(directory) == (
        "milestones.toml: milestones[3].key: duplicate key 'phone-interview'"
        " (already used by milestones[1])"
    )


def test_milestones_out_of_order(tmp_path: Path) -> None:
    directory = broken(tmp_path, "milestones.toml", 'key = "exam"', 'key = "TMP"')
    path = directory / "milestones.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('key = "mock-call"', 'key = "exam"').replace(
        'key = "TMP"', 'key = "mock-call"'
    )
    path.write_text(text, encoding="utf-8")
    assert load_error(directory) == (
        "milestones.toml: milestones[3].key: 'mock-call' is out of order; expected 'exam'"
    )


def test_missing_milestone(tmp_path: Path) -> None:
    directory = copy_playbook(tmp_path)
    path = directory / "milestones.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('[[milestones]]\nkey = "job-offer"')], encoding="utf-8")
    assert load_error(directory) == "milestones.toml: milestones: missing milestone 'job-offer'"


def test_unknown_milestone_field(tmp_path: Path) -> None:
    directory = broken(
        tmp_path, "milestones.toml", 'short = "Phone"', 'short = "Phone"\ncolour = 1'
    )
    assert load_error(directory) == "milestones.toml: milestones[1].colour: unknown key"


def test_short_label_too_long(tmp_path: Path) -> None:
    directory = broken(
        tmp_path, "milestones.toml", 'short = "Phone"', 'short = "Phone interview call"'
    )
    assert load_error(directory) == (
        "milestones.toml: milestones[1].short: too long (20 characters, at most 14)"
    )


def test_check_without_label(tmp_path: Path) -> None:
    directory = broken(tmp_path, "milestones.toml", 'label = "reading passages"\n', "")
    assert load_error(directory) == "milestones.toml: milestones[3].checks[1].label: missing"


def test_offer_checklist_item_without_label(tmp_path: Path) -> None:
    directory = broken(tmp_path, "milestones.toml", 'label = "basic pay"\n', "")
    assert load_error(directory) == (
        "milestones.toml: milestones[9].offer_checklist[1].label: missing"
    )


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ('""', "must not be empty"),
        ('"   "', "must not be empty"),
        ("3", "expected a string, got an integer"),
        ('"voice volume on a crackly line"', "too long (30 characters, at most 28)"),
        ('"""voice\nvolume"""', "must be a single line"),
    ],
)
def test_bad_check_label(tmp_path: Path, label: str, problem: str) -> None:
    directory = broken(tmp_path, "milestones.toml", 'label = "voice volume"', f"label = {label}")
    assert load_error(directory) == f"milestones.toml: milestones[1].checks[2].label: {problem}"


def test_duplicate_check_label(tmp_path: Path) -> None:
    directory = broken(
        tmp_path, "milestones.toml", 'label = "clear speech"', 'label = "Voice volume"'
    )
    assert load_error(directory) == (
        "milestones.toml: milestones[1].checks[2].label: duplicate label 'voice volume'"
        " (already used by milestones[1].checks[1])"
    )


def test_unknown_area_reference_in_a_scenario(tmp_path: Path) -> None:
    directory = broken(tmp_path, "scenarios.toml", 'areas = ["sales",', 'areas = ["salez",')
    assert load_error(directory) == (
        "scenarios.toml: scenarios[0].areas[0]: unknown improvement area 'salez'"
        " (see improvement_areas.toml)"
    )


def test_unknown_milestone_in_a_scenario(tmp_path: Path) -> None:
    old = 'milestones = ["mock-call", "sales-test"]'
    directory = broken(tmp_path, "scenarios.toml", old, 'milestones = ["mock-call", "sale-test"]')
    assert load_error(directory) == (
        "scenarios.toml: scenarios[0].milestones[1]: unknown milestone 'sale-test'"
        " (see milestones.toml)"
    )


def test_scenario_without_milestones(tmp_path: Path) -> None:
    old = 'milestones = ["mock-call", "sales-test"]\n'
    directory = broken(tmp_path, "scenarios.toml", old, "")
    assert load_error(directory) == "scenarios.toml: scenarios[0].milestones: missing"


def test_rubric_keys_are_fixed(tmp_path: Path) -> None:
    directory = broken(tmp_path, "scenarios.toml", 'key = "closing"', 'key = "goodbye"')
    assert load_error(directory) == (
        "scenarios.toml: rubric: keys must be exactly "
        "greeting, listening, solution, clarity, empathy, closing in order"
    )


def test_interview_question_key_must_not_repeat_a_job_fit_key(tmp_path: Path) -> None:
    directory = broken(tmp_path, "questions.toml", 'key = "future"', 'key = "commitment"')
    assert load_error(directory) == (
        "questions.toml: questions[9].key: 'commitment' is already a job-fit question key "
        "in milestones.toml"
    )


def test_interview_question_with_unknown_area(tmp_path: Path) -> None:
    directory = broken(tmp_path, "questions.toml", 'areas = ["motivation"]', 'areas = ["drive"]')
    assert load_error(directory) == (
        "questions.toml: questions[1].areas[0]: unknown improvement area 'drive'"
        " (see improvement_areas.toml)"
    )


def test_job_fit_question_with_unknown_area(tmp_path: Path) -> None:
    directory = broken(
        tmp_path,
        "milestones.toml",
        'area = "negotiation"\n\n[[milestones.questions_to_ask]]',
        'area = "pay"\n\n[[milestones.questions_to_ask]]',
    )
    assert load_error(directory) == (
        "milestones.toml: milestones[8].job_fit_questions[7].area: unknown improvement area"
        " 'pay' (see improvement_areas.toml)"
    )


def test_unknown_area_reference_in_a_check(tmp_path: Path) -> None:
    directory = broken(tmp_path, "milestones.toml", 'area = "resume"', 'area = "cv"')
    assert load_error(directory) == (
        "milestones.toml: milestones[0].checks[0].area: unknown improvement area 'cv'"
        " (see improvement_areas.toml)"
    )


def test_unknown_placeholder(tmp_path: Path) -> None:
    directory = broken(tmp_path, "templates.toml", "about {memory_hook}.", "about {memory}.")
    assert load_error(directory) == (
        "templates.toml: templates[0].body: unknown placeholder {memory}"
        " (not in the placeholders list)"
    )


def test_malformed_placeholder(tmp_path: Path) -> None:
    directory = broken(tmp_path, "templates.toml", "Dear {interviewer},", "Dear {interviewer!r},")
    message = load_error(directory)
    assert message.startswith("templates.toml: templates[0].body: malformed placeholder")


def test_missing_required_template(tmp_path: Path) -> None:
    directory = broken(tmp_path, "templates.toml", 'key = "keep-cv-on-file"', 'key = "keep-cv"')
    assert load_error(directory) == (
        "templates.toml: templates: missing required entry with key 'keep-cv-on-file'"
    )


def test_panel_factor_without_prompt(tmp_path: Path) -> None:
    old = 'prompt = "Why do you want this job, at this company?"\n'
    directory = broken(tmp_path, "guides.toml", old, "")
    assert load_error(directory) == (
        "guides.toml: guides[4].points[1].prompt: missing (every panel factor needs a prompt)"
    )


def test_missing_file(tmp_path: Path) -> None:
    directory = copy_playbook(tmp_path)
    (directory / "guides.toml").unlink()
    assert load_error(directory) == "guides.toml: cannot read the file (file not found)"
