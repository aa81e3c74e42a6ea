"""What the public door adds to the cases app, through ``cases.hooks`` (registered in
``PublicConfig.ready``): its part of the retention rule, the notes on the case page about what
the business wrote on the form, and the page where the business reads a message."""

from __future__ import annotations

from django.urls import reverse

from cases import hooks
from cases.models import Case
from lotsportal.site import site_url

from .services.erasure import erase_case
from .tokens import issue_tracking_token, tracking_url


def _same_text(given: str, stored: str) -> bool:
    return " ".join(given.split()).casefold() == " ".join(stored.split()).casefold()


def _same_phone(given: str, stored: str) -> bool:
    return [c for c in given if c.isdigit()] == [c for c in stored if c.isdigit()]


def company_name_given(case: Case) -> dict[str, str] | None:
    """The company name the business wrote on the form, when the register says otherwise
    (the intake details are joined by the case page's query: no read of its own)."""
    given = getattr(getattr(case, "intake_details", None), "company_name_given", "").strip()
    if not given or _same_text(given, case.company.name):
        return None
    return {"name": given}


def contact_given(case: Case) -> dict[str, str | bool] | None:
    """What the business wrote as its contact on the form: all of it when the case has no
    contact person (a new address for a known company), else the name and phone when the
    stored contact person (matched by e-mail and left unchanged) has other ones."""
    details = getattr(case, "intake_details", None)
    if details is None:
        return None
    if case.contact is None:
        # A new address for a known company: the form added no one to the register.
        given = (
            details.contact_name_given,
            details.contact_email_given,
            details.contact_phone_given,
        )
        text = ", ".join(part.strip() for part in given if part.strip())
        if not text:
            return None
        # With an address, an official who manages the case may add it to the register.
        return {"given": text, "can_register": bool(details.contact_email_given.strip())}
    name = details.contact_name_given.strip()
    phone = details.contact_phone_given.strip()
    name_differs = bool(name) and not _same_text(name, case.contact.name)
    phone_differs = bool(phone) and not _same_phone(phone, case.contact.phone)
    if not (name_differs or phone_differs):
        return None
    return {"given": ", ".join(part for part in (name, phone) if part)}


def outside_party(case: Case) -> dict[str, int]:
    """The way to the case's questions to outside parties, under the notes (no query: the
    fragment shows it to whoever may add a note, ``may.note``)."""
    return {"case": case.pk}


def message_link_url() -> str:
    # Raw tracking tokens are never stored: the business gets its case's link again here.
    return site_url() + reverse("public:resend_link")


def tracking_link_url(case: Case) -> str:
    # A new link of the case's own (only its hash is stored), as "send me my link" gives.
    return tracking_url(issue_tracking_token(case))


def register() -> None:
    hooks.register_eraser(erase_case)
    for slot, context in (("company", company_name_given), ("contact", contact_given)):
        hooks.register_case_page_part(
            hooks.CasePagePart(
                slot=slot,
                template=f"public/includes/case_{context.__name__}.html",
                context=context,
                select_related=("intake_details",),
            )
        )
    hooks.register_case_page_part(
        hooks.CasePagePart(
            slot="notes", template="public/includes/case_outside_party.html", context=outside_party
        )
    )
    hooks.register_message_link(message_link_url)
    hooks.register_tracking_link(tracking_link_url)
