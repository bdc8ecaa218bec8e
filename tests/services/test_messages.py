"""services/messages.py: emails filled from the application, edited templates, mailto: links."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlalchemy import select

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.services import messages
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome
from nextcall.store.models import Contact, FollowUp, StageEvent


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(
        db,
        ApplicationForm(
            company="Harborline BPO", position="Customer service agent", applied_on="2026-11-02"
        ),
    )


def link_contact(db: Database, event_id: int, **fields: str) -> None:
    with db.session() as s:
        event = s.get(StageEvent, event_id)
        assert event is not None
        company_id = event.application.company_id
        contact = Contact(company_id=company_id, **fields)
        s.add(contact)
        s.flush()
        event.contact_id = contact.id


def follow_up(db: Database, app_id: int, kind: str) -> int:
    with db.session() as s:
        return s.execute(
            select(FollowUp.id).where(FollowUp.application_id == app_id, FollowUp.kind == kind)
        ).scalar_one()


def test_thank_you_filled_from_the_contact_and_the_applicant(db: Database, app_id: int) -> None:
    event = record_outcome(db, app_id, "phone-interview", "passed", on=date(2026, 11, 17))
    link_contact(
        db,
        event,
        name="Maria Santos",
        email="maria@harborline.example",
        memory_hook="the long commute to Ortigas",
    )
    messages.set_applicant_name(db, "  Jo   Reyes ")
    draft = messages.draft_for_follow_up(db, follow_up(db, app_id, "thank-you"))
    assert draft.to == "maria@harborline.example"
    assert draft.subject == "Thank you for the interview for the Customer service agent role"
    assert draft.body.startswith("Dear Maria Santos,\n")
    assert "on Tuesday, 17 November about the Customer service agent role at Harborline BPO" in (
        draft.body
    )
    assert "we talked about the long commute to Ortigas." in draft.body
    assert draft.body.rstrip().endswith("Jo Reyes")
    assert draft.gaps == ()
    assert draft.memory_hook == "the long commute to Ortigas"
    assert messages.applicant_name(db) == "Jo Reyes"


def test_missing_details_are_left_in_brackets(db: Database, app_id: int) -> None:
    record_outcome(db, app_id, "exam", "failed", on=date(2026, 11, 19), interviewer="Mr. Cruz")
    draft = messages.draft_for_follow_up(db, follow_up(db, app_id, "feedback-call"))
    assert draft.template_key == "feedback-request-email"
    assert draft.to == ""
    assert draft.body.startswith("Dear Mr. Cruz,")
    assert "during the exam on Thursday, 19 November" in draft.body
    assert set(draft.gaps) == {messages.GAP_NAME, messages.GAP_HOOK}
    assert messages.GAP_NAME in draft.body


def test_no_interviewer_greets_the_team(db: Database, app_id: int) -> None:
    record_outcome(db, app_id, "phone-interview", "passed", on=date(2026, 11, 19))
    draft = messages.draft_email(db, app_id, "thank-you-email")
    assert draft.body.startswith("Dear Hiring Team,")


def test_follow_ups_without_an_email(db: Database, app_id: int) -> None:
    record_outcome(db, app_id, "phone-interview", "pending", on=date(2026, 11, 19))
    with pytest.raises(ValidationError, match="no email"):
        messages.draft_for_follow_up(db, follow_up(db, app_id, "check-in"))
    with pytest.raises(NotFoundError):
        messages.draft_for_follow_up(db, 4242)
    with pytest.raises(NotFoundError, match="no email template"):
        messages.draft_email(db, app_id, "closing-question")


def test_an_edited_template_is_used_and_can_be_reset(db: Database, app_id: int) -> None:
    record_outcome(db, app_id, "phone-interview", "passed", on=date(2026, 11, 19))
    messages.save_template(
        db, "thank-you-email", "Thanks, {interviewer}!", "Hi {interviewer}, thanks. {{smile}}"
    )
    text = messages.template_text(db, "thank-you-email")
    assert text.edited and text.subject == "Thanks, {interviewer}!"
    draft = messages.draft_email(db, app_id, "thank-you-email")
    assert draft.subject == "Thanks, Hiring Team!"
    assert draft.body == "Hi Hiring Team, thanks. {smile}\n"
    messages.reset_template(db, "thank-you-email")
    assert not messages.template_text(db, "thank-you-email").edited


@pytest.mark.parametrize(
    ("subject", "body", "message"),
    [
        ("Hi", "Dear {nickname},", r"body of the thank-you email uses \{nickname\}"),
        ("Hi {recruiter}", "Dear", r"subject of the thank-you email uses \{recruiter\}"),
        ("Hi", "Dear {company!r}", r"not a placeholder"),
        ("Hi", "Dear {company", r"lone"),
        ("  ", "Dear", r"needs a subject"),
    ],
)
def test_an_edited_template_with_a_bad_placeholder_is_refused(
    db: Database, subject: str, body: str, message: str
) -> None:
    with pytest.raises(messages.MessageTemplateError, match=message):
        messages.save_template(db, "thank-you-email", subject, body)
    assert not messages.template_text(db, "thank-you-email").edited


def test_mailto_follows_rfc_6068() -> None:
    url = messages.mailto_url(
        "maria+hr@example.com",
        "Thank you & see you\nsoon?",
        "Dear María,\nLine two = 100% sure?\r\nBye #1",
    )
    assert url.startswith("mailto:maria%2Bhr@example.com?subject=")
    assert "\n" not in url and " " not in url
    parts = urlsplit(url)
    query = parts.query
    assert "%0D%0A" in query and "%0A%0D" not in query
    assert "&" not in query.split("&body=")[1]
    fields = parse_qs(query, keep_blank_values=True)
    assert fields["subject"] == ["Thank you & see you soon?"]
    assert fields["body"] == ["Dear María,\r\nLine two = 100% sure?\r\nBye #1"]
    assert unquote(parts.path) == "maria+hr@example.com"
    assert "%C3%AD" in url  # UTF-8, percent-encoded


def test_mailto_without_address_or_fields() -> None:
    assert messages.mailto_url("", "", "") == "mailto:"
    assert (
        messages.mailto_url(" a@x.org; b@y.org ", "Hi", "") == "mailto:a@x.org,b@y.org?subject=Hi"
    )


def test_the_applicants_name_is_a_checked_setting(db: Database) -> None:
    assert messages.applicant_name(db) == ""
    with pytest.raises(ValidationError, match="at most 120"):
        messages.set_applicant_name(db, "x" * 121)
    messages.set_applicant_name(db, "Jo")
    messages.set_applicant_name(db, "")
    assert messages.applicant_name(db) == ""
