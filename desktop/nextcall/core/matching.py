"""How a typed query matches a stored text or a phone number (pure Python): the match
quality quick find ranks by, and phone numbers compared by their digits only.

Phone numbers are compared by their digits however they were typed: "0917 555 1234",
"+63 917-555-1234" and "9175551234" are all found by "5551234" or "917 555". A leading trunk
zero of the query is dropped ("0917…" finds "+63 917…"), and of a query longer than ten digits
only the last ten count (the country code typed one way, stored another).
"""

from __future__ import annotations

import re

from nextcall.core.companies import company_key

# Match quality, best first.
EXACT, PREFIX, WORD, INSIDE = range(4)
PHONE_MIN_DIGITS = 3  # fewer digits than this would match almost every number
NATIONAL_DIGITS = 10  # the longest national number kept from a query with a country code
# What people put between the digits of a phone number.
PHONE_SEPARATORS = (" ", "-", "+", "(", ")", ".", "/", "\u00a0", "\u2010", "\u2011", "\u2013")
_PHONE_QUERY = re.compile(r"[\d\s+()./\u00a0\u2010\u2011\u2013-]+")


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() and ch.isascii())


def phone_digits(query: str) -> str:
    """The digits a phone query is matched by, or "" when it is not a phone query (letters in
    it, or fewer than three digits)."""
    text = query.strip()
    if not _PHONE_QUERY.fullmatch(text):
        return ""
    wanted = digits(text).lstrip("0")
    if len(wanted) > NATIONAL_DIGITS:
        wanted = wanted[-NATIONAL_DIGITS:]
    return wanted if len(wanted) >= PHONE_MIN_DIGITS else ""


def quality(field: str, wanted: str) -> int | None:
    """How ``wanted`` (already folded) matches ``field`` (folded here): EXACT, PREFIX, WORD,
    INSIDE, or None when it does not."""
    text = company_key(field)
    if not wanted or wanted not in text:
        return None
    if text == wanted:
        return EXACT
    if text.startswith(wanted):
        return PREFIX
    if re.search(r"(?:^|[^\w])" + re.escape(wanted), text):
        return WORD
    return INSIDE


def phone_quality(phone: str, wanted: str) -> int | None:
    """A phone number against the digits of a query: the whole number (or its last seven or
    more digits) is EXACT, its last digits PREFIX (people remember how a number ends), any
    other run of its digits INSIDE."""
    have = digits(phone)
    if not wanted or wanted not in have:
        return None
    if have.lstrip("0") == wanted or (len(wanted) >= 7 and have.endswith(wanted)):
        return EXACT
    return PREFIX if have.endswith(wanted) else INSIDE
