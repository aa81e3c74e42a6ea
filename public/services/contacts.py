"""An official adds the contact the business gave on the form to the company register.

The public form never writes a known company's register (issue 10): a new address for a
registered company is kept on the case (``IntakeDetails``). When an official has checked it,
one press adds it to the register (or finds the contact person already there with that
address) and makes it the case's contact person, so the case can write to the business.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cases import permissions
from cases.errors import CaseError, NotPermitted
from cases.models import Case, ContactPerson
from cases.services.companies import find_or_add_contact, set_case_contact

from ..models import IntakeDetails


class NothingGiven(CaseError):
    default_message = _("The business gave no e-mail address on the form.")


@transaction.atomic
def register_given_contact(*, case: Case, by) -> ContactPerson:
    """The contact person with the address the business gave, now the case's contact.

    One transaction: pressed twice (or by two officials at once) it adds one contact person
    (``find_or_add_contact`` locks the company; ``set_case_contact`` locks the case, checks
    again and records the event only when the contact changes). Any refusal undoes it all.
    """
    case = Case.objects.select_related("company").get(pk=case.pk)
    if not permissions.can_set_contact(by, case):
        raise NotPermitted()
    if case.anonymised_at is not None:
        raise CaseError(_("The personal data of this case were removed: open a new case instead."))
    details = IntakeDetails.objects.filter(case=case).first()
    if details is None or not details.contact_email_given.strip():
        raise NothingGiven()
    contact = find_or_add_contact(
        company=case.company,
        by=by,
        name=details.contact_name_given,
        email=details.contact_email_given,
        phone=details.contact_phone_given.strip(),
    )
    set_case_contact(case=case, contact=contact, by=by)
    return contact
