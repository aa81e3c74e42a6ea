import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from accounts.models import Role
from cases.models import Company, ContactPerson
from lotsportal.public_forms import new_once_key
from public.services.submissions import submit_matter
from tests.factories import DepartmentFactory, official

from .factories import PublicCaseTypeFactory

BUSINESS = "kim@cafetorget.example"

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def swedish(msgid: str, **values) -> str:
    """A text as the (Swedish) pages and e-mail show it: holds before and after a new msgid
    gets its translation (new msgids are translated at merge, see TRANSLATIONS.json)."""
    with translation.override("sv"):
        text = translation.gettext(msgid)
    return text % values if values else text


def started(seconds_ago: float = 30) -> str:
    return signing.dumps(time.time() - seconds_ago, salt="lotsportal.public-form")


def keyed(data: dict) -> dict:
    """A form's values as a browser sends a freshly rendered public form: with its one-time key."""
    return {**data, "once_key": new_once_key()}


def pdf(name: str = "ritning.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def teknik(db):
    return DepartmentFactory(
        name="Teknik och gata", code="teknik", inbox_email="teknik@kommun.example"
    )


@pytest.fixture
def outdoor_seating(teknik):
    return PublicCaseTypeFactory(
        name="Markupplåtelse / uteservering",
        code="uteservering",
        public_description="Du vill ställa ut bord och stolar på allmän plats.",
        lead_department=teknik,
        deadline_amount=20,
    )


@pytest.fixture
def street_officer(teknik):
    return official(teknik, Role.LOTS, full_name="David Persson", email="david@kommun.example")


@pytest.fixture
def known_company(db):
    """A company already in the register, with its one contact person."""
    company = Company.objects.create(org_number="556036-0793", name="Café Torget AB")
    ContactPerson.objects.create(company=company, name="Kim Karlsson", email=BUSINESS)
    return company


@pytest.fixture
def form_data(outdoor_seating):
    return {
        "org_number": "556036-0793",
        "company_name": "Café Torget AB",
        "contact_name": "Kim Karlsson",
        "email": "kim@cafetorget.example",
        "phone": "070-123 45 67",
        "case_type": str(outdoor_seating.pk),
        "description": "Vi vill ha en uteservering med åtta bord på torget från maj.",
        "preferred_contact": "email",
        "consent": "on",
        "form_started": started(),
        "website": "",
        "once_key": new_once_key(),
    }


@pytest.fixture
def submitted(outdoor_seating):
    """A matter Café Torget sent on the public form (with its tracking token)."""
    return submit_matter(
        org_number="556036-0793",
        company_name="Café Torget AB",
        contact_name="Kim Karlsson",
        email=BUSINESS,
        phone="070-123 45 67",
        case_type=outdoor_seating,
        description="Vi vill ha en uteservering med åtta bord på torget från maj.",
    )
