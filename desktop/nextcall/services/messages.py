"""Ready-to-edit emails for follow-ups, and the mailto: link that opens them in a mail app.

The thank-you and feedback-request emails come from the playbook's templates, or from the
user's own edited version of them (kept in the settings table). Placeholders are filled from
the application, the interviewer (the contact linked to the interview, else the name typed on
it), the contact's memory hook and the applicant's name. What cannot be filled is left as a
part in [square brackets] for the user to complete before sending.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.follow_ups import EMAIL_TEMPLATES, is_interview, milestone_words
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import FollowUpKind, Outcome
from nextcall.services import settings
from nextcall.services.database import Database
from nextcall.store.models import (
    Application,
    Company,
    Contact,
    FollowUp,
    Setting,
    Stage,
    StageEvent,
)

EMAIL_KEYS: tuple[str, ...] = ("thank-you-email", "feedback-request-email")
NAME = re.compile(r"[a-z][a-z0-9_]*")

GAP_NAME = "[your name]"
GAP_HOOK = "[something specific you talked about]"
GAP_DATE = "[the day of the interview]"
NO_INTERVIEWER = "Hiring Team"
NO_POSITION = "call-center agent"
SUBJECT_LIMIT = 300
BODY_LIMIT = 20_000
TEMPLATE_PREFIX = "template:"  # the settings that hold the user's own email templates
TEMPLATE_LIMIT = 13 * (SUBJECT_LIMIT + BODY_LIMIT)  # stored as JSON: escapes may grow the text


class MessageTemplateError(ValidationError):
    """An edited template that cannot be filled: names the offending placeholder."""


@dataclass(frozen=True)
class TemplateText:
    key: str
    title: str
    subject: str
    body: str
    edited: bool  # the user's own version rather than the playbook's


@dataclass(frozen=True)
class EmailDraft:
    template_key: str
    to: str
    to_name: str
    subject: str
    body: str
    gaps: tuple[str, ...]  # [bracketed] parts the user still has to write
    memory_hook: str = ""  # the note on the contact, shown beside the draft as a reminder

    @property
    def mailto(self) -> str:
        return mailto_url(self.to, self.subject, self.body)


# -- the applicant's name --------------------------------------------------------------------


def applicant_name(db: Database) -> str:
    return settings.get_text(db, "applicant_name")


def set_applicant_name(db: Database, name: str) -> None:
    settings.set_text(db, "applicant_name", name)


# -- templates: the playbook's, or the user's edited version -----------------------------------


def _setting_key(key: str) -> str:
    return f"{TEMPLATE_PREFIX}{key}"


def _check_key(key: str) -> None:
    if key not in EMAIL_KEYS:
        raise NotFoundError(
            f"there is no email template “{key}”; use one of: {', '.join(EMAIL_KEYS)}"
        )


def template_text(db: Database, key: str) -> TemplateText:
    _check_key(key)
    template = load_playbook().template(key)
    with db.session() as s:
        row = s.get(Setting, _setting_key(key))
        stored = row.value if row is not None else None
    if stored:
        try:
            data = json.loads(stored)
            return TemplateText(key, template.title, str(data["subject"]), str(data["body"]), True)
        except (ValueError, KeyError, TypeError):
            pass  # unreadable: fall back to the playbook's version
    return TemplateText(key, template.title, template.subject or "", template.body, False)


def save_template(db: Database, key: str, subject: str, body: str) -> None:
    """Keep the user's own version of an email template; checked before it is stored."""
    _check_key(key)
    title = load_playbook().template(key).title
    if not subject.strip():
        raise MessageTemplateError(f"The {title.lower()} needs a subject line.", "subject")
    if len(subject) > SUBJECT_LIMIT or len(body) > BODY_LIMIT:
        raise MessageTemplateError(f"The {title.lower()} is too long.", "body")
    check_template(subject, "subject", title)
    check_template(body, "body", title)
    value = json.dumps({"subject": subject.strip(), "body": body})
    with db.session() as s:
        row = s.get(Setting, _setting_key(key))
        if row is None:
            s.add(Setting(key=_setting_key(key), value=value))
        else:
            row.value = value


def reset_template(db: Database, key: str) -> None:
    """Go back to the playbook's version."""
    _check_key(key)
    with db.session() as s:
        row = s.get(Setting, _setting_key(key))
        if row is not None:
            s.delete(row)


def placeholder_names() -> tuple[str, ...]:
    return tuple(p.name for p in load_playbook().placeholders)


def check_template(text: str, part: str, title: str) -> frozenset[str]:
    """The placeholders ``text`` uses; a clear error for a stray brace or an unknown name."""
    known = placeholder_names()
    listed = ", ".join(f"{{{n}}}" for n in known)
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        raise MessageTemplateError(
            f"The {part} of the {title.lower()} has a lone “{{” or “}}”. "
            "Write {{ or }} to show a brace.",
            part,
        ) from None
    used: set[str] = set()
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if not NAME.fullmatch(name) or spec or conversion:
            raise MessageTemplateError(
                f"The {part} of the {title.lower()} has “{{{name}}}”, which is not a "
                f"placeholder. Use one of: {listed}.",
                part,
            )
        if name not in known:
            raise MessageTemplateError(
                f"The {part} of the {title.lower()} uses {{{name}}}, which NextCall cannot "
                f"fill in. Use one of: {listed}.",
                part,
            )
        used.add(name)
    return frozenset(used)


def render(text: str, values: dict[str, str], part: str, title: str) -> str:
    check_template(text, part, title)
    return text.format_map(values)


# -- drafting ----------------------------------------------------------------------------------


def draft_for_follow_up(db: Database, follow_up_id: int) -> EmailDraft:
    """The email that goes with a follow-up (thank-you or feedback request)."""
    with db.session() as s:
        row = s.get(FollowUp, follow_up_id)
        if row is None:
            raise NotFoundError(f"there is no follow-up with id {follow_up_id}")
        application_id, event_id, kind = row.application_id, row.stage_event_id, row.kind
    try:
        key = EMAIL_TEMPLATES[FollowUpKind(kind)]
    except (KeyError, ValueError):
        raise ValidationError("This follow-up has no email to write.", "kind") from None
    return draft_email(db, application_id, key, event_id)


def draft_email(
    db: Database, application_id: int, template_key: str, event_id: int | None = None
) -> EmailDraft:
    """Fill a template for one application and interview (default: the latest interview)."""
    source = template_text(db, template_key)
    name = applicant_name(db)
    with db.session() as s:
        values, to, to_name, hook = _values(s, application_id, event_id)
    values["applicant"] = name or GAP_NAME
    subject = " ".join(render(source.subject, values, "subject", source.title).split())
    body = render(source.body, values, "body", source.title).strip("\n") + "\n"
    gaps = tuple(g for g in (GAP_NAME, GAP_HOOK, GAP_DATE) if g in subject or g in body)
    return EmailDraft(template_key, to, to_name, subject, body, gaps, hook)


def _values(
    s: Session, application_id: int, event_id: int | None
) -> tuple[dict[str, str], str, str, str]:
    found = s.execute(
        select(Application, Company.name)
        .join(Company, Company.id == Application.company_id)
        .where(Application.id == application_id, Application.deleted_at.is_(None))
    ).first()
    if found is None:
        raise NotFoundError(f"there is no application with id {application_id}")
    app, company = found
    event, stage = _interview(s, application_id, event_id)
    contact = s.get(Contact, event.contact_id) if event and event.contact_id else None
    interviewer = (contact.name if contact else "") or (event.interviewer if event else "")
    hook = " ".join((contact.memory_hook if contact else "").split()).rstrip(".")
    day: date | None = None
    if event is not None:
        day = event.happened_on or (event.scheduled_at.date() if event.scheduled_at else None)
    values = {
        "company": company,
        "position": app.position.strip() or app.account_type.strip() or NO_POSITION,
        "interviewer": interviewer.strip() or NO_INTERVIEWER,
        "memory_hook": hook or GAP_HOOK,
        "milestone": milestone_words(stage.name) if stage else "interview",
        "interview_date": f"{day:%A}, {day.day} {day:%B}" if day else GAP_DATE,
    }
    email = contact.email.strip() if contact else ""
    return values, email, interviewer.strip(), hook


def _interview(
    s: Session, application_id: int, event_id: int | None
) -> tuple[StageEvent | None, Stage | None]:
    query = (
        select(StageEvent, Stage)
        .join(Stage, Stage.id == StageEvent.stage_id)
        .where(StageEvent.application_id == application_id)
    )
    if event_id is not None:
        row = s.execute(query.where(StageEvent.id == event_id)).first()
        if row is not None:
            return row[0], row[1]
    met = (Outcome.PASSED.value, Outcome.PENDING.value, Outcome.FAILED.value)
    rows = s.execute(
        query.where(StageEvent.outcome.in_(met)).order_by(Stage.position.desc(), StageEvent.id)
    ).all()
    for event, stage in rows:
        if is_interview(stage.key):
            return event, stage
    return None, None


# -- mailto: (RFC 6068) ------------------------------------------------------------------------


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: URL: every reserved or non-ASCII character percent-encoded (UTF-8), line
    breaks in the body as CRLF (%0D%0A), the subject on one line."""
    addresses = ",".join(
        quote(part.strip(), safe="@") for part in to.replace(";", ",").split(",") if part.strip()
    )
    one_line = " ".join(subject.split())
    text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    fields = []
    if one_line:
        fields.append("subject=" + quote(one_line, safe=""))
    if text:
        fields.append("body=" + quote(text, safe=""))
    return "mailto:" + addresses + ("?" + "&".join(fields) if fields else "")
