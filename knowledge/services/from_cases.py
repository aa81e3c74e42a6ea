"""From the daily work: an answer given on a case becomes a draft article, without the
company's data.

What is removed (replaced by a neutral word) before anything is stored: the company's name,
its organisationsnummer (with and without hyphen), the names, e-mail addresses and phone
numbers of its contact persons, the names of the officials on the case, and any e-mail
address or personnummer/organisationsnummer-shaped number left in the text. The draft is
internal, owned by the department that gave the answer, and is read and corrected by a
person before it is published.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from cases import permissions as case_permissions
from cases.models import Case, ContactPerson, Message, MessageDirection, Referral
from cases.workflow import ReferralStatus
from knowledge.errors import KnowledgeError, NotPermitted
from knowledge.models import Article

from .articles import ArticleData, write_article

if TYPE_CHECKING:
    from accounts.models import User

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IDENTITY_NUMBER = re.compile(r"\b(?:\d{2})?\d{6}[-+]?\d{4}\b")
COMPANY = "[företaget]"
PERSON = "[namn]"


def _known_names(case: Case) -> list[tuple[str, str]]:
    """(text, replacement) pairs known on the case, longest first."""
    company = case.company
    pairs = [(company.name, COMPANY), (company.org_number, "[org.nr]")]
    pairs.append((company.org_number.replace("-", ""), "[org.nr]"))
    contacts = ContactPerson.objects.filter(company=company).values_list("name", "email", "phone")
    for name, email, phone in contacts:
        pairs += [(name, PERSON), (email, "[e-post]"), (phone, "[telefon]")]
        pairs += [(part, PERSON) for part in name.split() if len(part) > 2]
    for user in (case.opened_by, case.coordinator):
        if user is not None and user.full_name:
            pairs += [(user.full_name, PERSON)]
    pairs = [(text.strip(), new) for text, new in pairs if text and text.strip()]
    return sorted(set(pairs), key=lambda pair: -len(pair[0]))


def scrub(text: str, case: Case) -> str:
    """``text`` without the company's data known on ``case``."""
    for known, replacement in _known_names(case):
        text = re.sub(rf"(?<!\w){re.escape(known)}(?!\w)", replacement, text, flags=re.I)
    text = EMAIL.sub("[e-post]", text)
    return IDENTITY_NUMBER.sub("[nummer]", text)


def _draft(*, case: Case, by: User, answer: str, department, origin: str) -> Article:
    if not case_permissions.can_view_case(by, case):
        raise NotPermitted()
    if not answer.strip():
        raise KnowledgeError(_("There is no answer to save."))
    question = scrub(case.title, case).rstrip(".?!") + "?"
    data = ArticleData(
        question=question[:300],
        answer=scrub(answer, case),
        owner_department=department,
        departments=[department],
        case_types=[case.case_type],
    )
    return write_article(by=by, data=data, origin=origin)


def draft_from_message(*, message: Message, by: User) -> Article:
    """A message the municipality sent to the business, as a draft article."""
    if message.direction != MessageDirection.TO_BUSINESS:
        raise KnowledgeError(_("Only an answer sent to the business can be saved."))
    case = Case.objects.select_related(
        "company", "case_type", "lead_department", "opened_by", "coordinator"
    ).get(pk=message.case_id)
    return _draft(
        case=case,
        by=by,
        answer=message.body,
        department=case.lead_department,
        origin=f"message:{case.number}",
    )


def draft_from_referral(*, referral: Referral, by: User) -> Article:
    """A department's answer to a referral, as a draft article owned by that department."""
    if referral.status != ReferralStatus.ANSWERED:
        raise KnowledgeError(_("Only an answered referral can be saved."))
    case = Case.objects.select_related(
        "company", "case_type", "lead_department", "opened_by", "coordinator"
    ).get(pk=referral.case_id)
    return _draft(
        case=case,
        by=by,
        answer=referral.answer_text,
        department=referral.department,
        origin=f"referral:{case.number}",
    )
