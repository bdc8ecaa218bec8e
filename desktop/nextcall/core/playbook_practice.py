"""The playbook's practice content: the mock-call scenarios with the self-score rubric
(scenarios.toml) and the common questions of the first interviews (questions.toml).

Read by :func:`nextcall.core.playbook.load_playbook_from`, with the same strict checks.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from nextcall.core.playbook_model import RUBRIC_KEYS, InterviewQuestion, RubricItem, Scenario
from nextcall.core.playbook_schema import (
    MILESTONES_FILE,
    check_area,
    milestone_keys,
    read_toml,
    unique_keys,
)

SCENARIOS_FILE = "scenarios.toml"
QUESTIONS_FILE = "questions.toml"


def load_scenarios(
    directory: Traversable | Path, areas: frozenset[str]
) -> tuple[tuple[Scenario, ...], tuple[RubricItem, ...]]:
    root = read_toml(directory, SCENARIOS_FILE)
    tables = root.tables("scenarios")
    rubric_tables = root.tables("rubric")
    root.finish()
    rubric_keys = unique_keys(rubric_tables)
    if tuple(rubric_keys) != RUBRIC_KEYS:
        raise root.error("rubric", f"keys must be exactly {', '.join(RUBRIC_KEYS)} in order")
    rubric = []
    for t in rubric_tables:
        rubric.append(
            RubricItem(
                key=t.key(), name=t.text("name"), description=t.text("description", multiline=True)
            )
        )
        t.finish()
    unique_keys(tables)
    result = []
    for t in tables:
        area_keys = t.keys("areas")
        for i, area in enumerate(area_keys):
            check_area(t, f"areas[{i}]", area, areas)
        scenario = Scenario(
            key=t.key(),
            title=t.text("title"),
            caller=t.text("caller", multiline=True),
            goal=t.text("goal", multiline=True),
            good_call=t.texts("good_call"),
            areas=area_keys,
            milestones=milestone_keys(t, "milestones"),
        )
        t.finish()
        result.append(scenario)
    return tuple(result), tuple(rubric)


def load_interview_questions(
    directory: Traversable | Path, areas: frozenset[str], taken: frozenset[str]
) -> tuple[InterviewQuestion, ...]:
    """``taken``: the job-fit question keys, which share the question bank's key space."""
    root = read_toml(directory, QUESTIONS_FILE)
    tables = root.tables("questions")
    root.finish()
    keys = unique_keys(tables)
    result = []
    for t, key in zip(tables, keys, strict=True):
        if key in taken:
            raise t.error("key", f"{key!r} is already a job-fit question key in {MILESTONES_FILE}")
        area_keys = t.keys("areas")
        for i, area in enumerate(area_keys):
            check_area(t, f"areas[{i}]", area, areas)
        result.append(
            InterviewQuestion(
                key=key,
                question=t.text("question"),
                tip=t.text("tip", multiline=True),
                milestones=milestone_keys(t, "milestones"),
                areas=area_keys,
            )
        )
        t.finish()
    return tuple(result)
