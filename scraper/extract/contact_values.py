"""An e-mail address or phone number as written -> the value stored (``cards`` step of ``contacts``).

E-mails are validated and lower-cased; phones parsed with libphonenumber for the page's country and
stored in E.164 only when valid (a well-formed number in an unallocated range is kept as written).
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from .vocabulary import REGISTRY_NUMBER_LABELS

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Eight digits after a registry label are a company or account number, not a phone ("CVR 29 18 98 54").
_REGISTRY_NUMBER = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in REGISTRY_NUMBER_LABELS) + r")\b", re.IGNORECASE
)


def norm_email(raw: str) -> str | None:
    try:
        return validate_email(raw.strip().strip("<>.,;:"), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def parse_phone(raw: str, country: str) -> phonenumbers.PhoneNumber | None:
    if _ISO_DATE.match(raw.strip()):
        return None
    try:
        return phonenumbers.parse(raw, country or None)
    except phonenumbers.NumberParseException:
        return None


def unprefixed_numbers(text: str, country: str) -> list[str]:
    """Valid numbers written without a leading 0 or +, where the country dials none ("33 66 23 45"
    in Denmark, "45 67 89 01" in Norway); libphonenumber finds them, its metadata says where."""
    return [text[start:end] for start, end in unprefixed_spans(text, country)]


def unprefixed_spans(text: str, country: str) -> list[tuple[int, int]]:
    """Where :func:`unprefixed_numbers` are in ``text`` (start, end): a sentence's run of contact
    data ("… på anna@… eller 91 23 45 67") must know where such a number sits."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(country or "", None)
    if metadata is None or metadata.national_prefix:
        return []
    matcher = phonenumbers.PhoneNumberMatcher(text, country, leniency=phonenumbers.Leniency.VALID)
    return [
        (m.start, m.end)
        for m in matcher
        if not _ISO_DATE.match(m.raw_string)
        and not _REGISTRY_NUMBER.search(text[max(m.start - 16, 0) : m.start])
    ]


def norm_phone(raw: str, country: str) -> str | None:
    """E.164 for a number libphonenumber says is valid; ``None`` otherwise.

    Valid, not merely possible: ``phone`` is promised to be a real, diallable E.164 number (the gold
    floor and the demo crawl test check ``is_valid_number``). A well-formed number in an unallocated
    range (the UK's 01632 960xxx drama range) is kept as written in ``phone_raw`` instead, see
    :func:`is_possible_phone`.
    """
    number = parse_phone(raw, country)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_possible_phone(raw: str, country: str) -> bool:
    number = parse_phone(raw, country)
    return number is not None and phonenumbers.is_possible_number(number)
