"""The playbook: milestone guides, checklists, scenarios, scripts and templates, as data.

The content lives in TOML files under ``resources/playbook/`` (shipped as the package
``nextcall.resources``) so it can be reworded without touching code. This module turns those
files into the frozen dataclasses of :mod:`nextcall.core.playbook_model` and validates them
strictly: a mistake in the data fails loudly with the file, the key path and the problem
(``milestones.toml: milestones[3].checks[1].key: missing``) instead of showing a half-empty
guide. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import functools
from importlib.resources.abc import Traversable
from pathlib import Path

from nextcall.core.playbook_model import (
    ACCOUNT_DEPENDENT_KEYS,
    CHECK_LABEL_MAX,
    GUIDE_KEYS,
    PANEL_FACTOR_KEYS,
    RUBRIC_KEYS,
    SHORT_LABEL_MAX,
    TEMPLATE_KEYS,
    CheckItem,
    Guide,
    GuidePoint,
    ImprovementArea,
    InterviewQuestion,
    JobFitQuestion,
    Milestone,
    PanelFactor,
    Placeholder,
    Playbook,
    Question,
    RenderedTemplate,
    RubricItem,
    Scenario,
    Template,
    TemplateError,
)
from nextcall.core.playbook_practice import load_interview_questions, load_scenarios
from nextcall.core.playbook_schema import (
    AREAS_FILE,
    MILESTONES_FILE,
    NAME_RULE,
    PlaybookError,
    Table,
    check_area,
    placeholders_in,
    read_toml,
    unique_keys,
    unique_texts,
)
from nextcall.core.resources import resource
from nextcall.core.stages import MILESTONE_KEYS

__all__ = [
    "ACCOUNT_DEPENDENT_KEYS",
    "CHECK_LABEL_MAX",
    "GUIDE_KEYS",
    "MILESTONE_KEYS",
    "PANEL_FACTOR_KEYS",
    "RUBRIC_KEYS",
    "TEMPLATE_KEYS",
    "CheckItem",
    "Guide",
    "GuidePoint",
    "ImprovementArea",
    "InterviewQuestion",
    "JobFitQuestion",
    "Milestone",
    "PanelFactor",
    "Placeholder",
    "Playbook",
    "PlaybookError",
    "Question",
    "RenderedTemplate",
    "RubricItem",
    "Scenario",
    "Template",
    "TemplateError",
    "load_playbook",
    "load_playbook_from",
]

TEMPLATES_FILE = "templates.toml"
GUIDES_FILE = "guides.toml"


def _load_areas(directory: Traversable | Path) -> tuple[ImprovementArea, ...]:
    root = read_toml(directory, AREAS_FILE)
    tables = root.tables("areas")
    root.finish()
    unique_keys(tables)
    result = []
    for t in tables:
        area = ImprovementArea(
            key=t.key(),
            name=t.text("name"),
            description=t.text("description", multiline=True),
            practice=t.text("practice", multiline=True),
        )
        t.finish()
        result.append(area)
    return tuple(result)


def _load_checks(
    table: Table,
    field: str,
    areas: frozenset[str],
    *,
    required: bool = True,
    min_items: int = 1,
    max_items: int | None = None,
) -> tuple[CheckItem, ...]:
    if required:
        tables = table.tables(field, min_items=min_items, max_items=max_items)
    else:
        tables = table.opt_tables(field)
    unique_keys(tables)
    result = []
    for t in tables:
        area = t.opt_key("area")
        if area is not None:
            check_area(t, "area", area, areas)
        result.append(
            CheckItem(
                key=t.key(),
                text=t.text("text", multiline=True),
                label=t.text("label", max_length=CHECK_LABEL_MAX),
                area=area,
            )
        )
        t.finish()
    unique_texts(tables, [item.label for item in result], "label")
    return tuple(result)


def _load_questions(
    table: Table, field: str, areas: frozenset[str], *, with_why: bool
) -> list[tuple[str, str, str, str | None]]:
    """(key, question, why, area) of each entry; ``why`` and ``area`` only with ``with_why``."""
    tables = table.opt_tables(field)
    unique_keys(tables)
    result = []
    for t in tables:
        why = t.text("why", multiline=True) if with_why else ""
        area = t.opt_key("area") if with_why else None
        if area is not None:
            check_area(t, "area", area, areas)
        result.append((t.key(), t.text("question"), why, area))
        t.finish()
    return result


def _check_order(tables: list[Table], keys: list[str]) -> None:
    for table, key in zip(tables, keys, strict=True):
        if key not in MILESTONE_KEYS:
            raise table.error("key", f"unknown milestone {key!r} (expected one of the ten)")
    for position, (table, key) in enumerate(zip(tables, keys, strict=True)):
        if key != MILESTONE_KEYS[position]:
            raise table.error(
                "key", f"{key!r} is out of order; expected {MILESTONE_KEYS[position]!r}"
            )
    if len(keys) < len(MILESTONE_KEYS):
        raise PlaybookError(
            MILESTONES_FILE, "milestones", f"missing milestone {MILESTONE_KEYS[len(keys)]!r}"
        )


def _account_dependent(table: Table, key: str) -> bool:
    value = table.flag("account_dependent")
    if value != (key in ACCOUNT_DEPENDENT_KEYS):
        expected = "true only for the sales, customer-service and tech-support tests"
        raise table.error("account_dependent", f"must be {str(not value).lower()} ({expected})")
    return value


def _load_milestones(directory: Traversable | Path, areas: frozenset[str]) -> tuple[Milestone, ...]:
    root = read_toml(directory, MILESTONES_FILE)
    tables = root.tables("milestones")
    root.finish()
    keys = unique_keys(tables)
    _check_order(tables, keys)
    result = []
    for number, (t, key) in enumerate(zip(tables, keys, strict=True), start=1):
        job_fit = _load_questions(t, "job_fit_questions", areas, with_why=True)
        to_ask = _load_questions(t, "questions_to_ask", areas, with_why=False)
        note = t.opt_text("questions_to_ask_note", multiline=True)
        offer = _load_checks(t, "offer_checklist", areas, required=False)
        if key == "final-interview":
            for field, value in (("job_fit_questions", job_fit), ("questions_to_ask", to_ask)):
                if not value:
                    raise t.error(field, "missing (required for the final interview)")
            if note is None:
                raise t.error("questions_to_ask_note", "missing (required for the final interview)")
        if key == "job-offer" and not offer:
            raise t.error("offer_checklist", "missing (required for the job offer)")
        milestone = Milestone(
            key=key,
            number=number,
            name=t.text("name"),
            short=t.text("short", max_length=SHORT_LABEL_MAX),
            account_dependent=_account_dependent(t, key),
            what_happens=t.text("what_happens", multiline=True),
            success=t.text("success", multiline=True),
            how_to_prepare=t.texts("how_to_prepare", min_items=4, max_items=7),
            checks=_load_checks(t, "checks", areas, min_items=4, max_items=8),
            job_fit_questions=tuple(JobFitQuestion(k, q, w, a) for k, q, w, a in job_fit),
            questions_to_ask=tuple(Question(k, q) for k, q, _, _ in to_ask),
            questions_to_ask_note=note,
            offer_checklist=offer,
        )
        t.finish()
        result.append(milestone)
    return tuple(result)


def _require_keys(table: Table, field: str, keys: list[str], required: tuple[str, ...]) -> None:
    for key in required:
        if key not in keys:
            raise table.error(field, f"missing required entry with key {key!r}")


def _load_templates(
    directory: Traversable | Path,
) -> tuple[tuple[Placeholder, ...], tuple[Template, ...]]:
    root = read_toml(directory, TEMPLATES_FILE)
    placeholder_tables = root.tables("placeholders")
    tables = root.tables("templates")
    root.finish()
    names = unique_keys(placeholder_tables, "name", NAME_RULE)
    placeholders = []
    for t, name in zip(placeholder_tables, names, strict=True):
        placeholders.append(Placeholder(name=name, description=t.text("description")))
        t.finish()
    declared = frozenset(names)
    keys = unique_keys(tables)
    _require_keys(root, "templates", keys, TEMPLATE_KEYS)
    templates = []
    for t in tables:
        kind = t.text("kind")
        if kind not in ("email", "script"):
            raise t.error("kind", f"expected 'email' or 'script', got {kind!r}")
        subject = t.opt_text("subject")
        if kind == "email" and subject is None:
            raise t.error("subject", "missing (required for an email)")
        if kind == "script" and subject is not None:
            raise t.error("subject", "not allowed for a script")
        body = t.text("body", multiline=True)
        used = placeholders_in(t, "body", body, declared)
        if subject is not None:
            used |= placeholders_in(t, "subject", subject, declared)
        templates.append(
            Template(
                key=t.key(),
                title=t.text("title"),
                kind="email" if kind == "email" else "script",
                when=t.text("when", multiline=True),
                subject=subject,
                body=body,
                placeholders=used,
                declared=declared,
            )
        )
        t.finish()
    return tuple(placeholders), tuple(templates)


def _load_guides(directory: Traversable | Path) -> tuple[Guide, ...]:
    root = read_toml(directory, GUIDES_FILE)
    tables = root.tables("guides")
    root.finish()
    keys = unique_keys(tables)
    _require_keys(root, "guides", keys, GUIDE_KEYS)
    guides = []
    for t, key in zip(tables, keys, strict=True):
        point_tables = t.tables("points")
        point_keys = unique_keys(point_tables)
        points = []
        for p in point_tables:
            prompt = p.opt_text("prompt")
            if key == "panel-weighs" and prompt is None:
                raise p.error("prompt", "missing (every panel factor needs a prompt)")
            points.append(
                GuidePoint(
                    key=p.key(),
                    title=p.text("title"),
                    text=p.text("text", multiline=True),
                    prompt=prompt,
                )
            )
            p.finish()
        if key == "panel-weighs" and tuple(point_keys) != PANEL_FACTOR_KEYS:
            raise t.error("points", f"keys must be exactly {', '.join(PANEL_FACTOR_KEYS)} in order")
        guides.append(
            Guide(
                key=key,
                title=t.text("title"),
                intro=t.text("intro", multiline=True),
                points=tuple(points),
            )
        )
        t.finish()
    return tuple(guides)


def load_playbook_from(directory: Traversable | Path) -> Playbook:
    """Read and validate every playbook file in ``directory``; raise PlaybookError if wrong."""
    areas = _load_areas(directory)
    area_keys = frozenset(a.key for a in areas)
    milestones = _load_milestones(directory, area_keys)
    scenarios, rubric = load_scenarios(directory, area_keys)
    placeholders, templates = _load_templates(directory)
    guides = _load_guides(directory)
    job_fit = frozenset(q.key for m in milestones for q in m.job_fit_questions)
    questions = load_interview_questions(directory, area_keys, job_fit)
    return Playbook(
        milestones=milestones,
        areas=areas,
        scenarios=scenarios,
        placeholders=placeholders,
        templates=templates,
        guides=guides,
        rubric=rubric,
        questions=questions,
    )


@functools.lru_cache(maxsize=1)
def load_playbook() -> Playbook:
    """The shipped playbook (``nextcall.resources/playbook``), loaded once per process."""
    return load_playbook_from(resource("playbook"))
