import pytest

from cases.errors import CaseError, InvalidIdentifier
from cases.identifiers import IdentifierKind
from cases.models import Company
from cases.services.companies import add_contact, create_company, update_company

pytestmark = pytest.mark.django_db


def test_official_registers_a_company_in_normalised_form(lots):
    company = create_company(by=lots, org_number="5560360793", name="Volvo Personvagnar AB")

    assert company.org_number == "556036-0793"
    assert company.identifier_kind == IdentifierKind.ORGANISATIONSNUMMER


def test_a_sole_trader_is_registered_by_personnummer(lots):
    company = create_company(by=lots, org_number="811228-9874", name="Kims Hantverk")

    assert company.identifier_kind == IdentifierKind.PERSONNUMMER


def test_an_invalid_number_is_refused(lots):
    with pytest.raises(InvalidIdentifier):
        create_company(by=lots, org_number="556036-0794", name="Fel AB")
    assert not Company.objects.exists()


def test_the_same_company_is_not_registered_twice(lots):
    create_company(by=lots, org_number="556036-0793", name="Volvo")

    with pytest.raises(CaseError):
        create_company(by=lots, org_number="16556036-0793", name="Volvo igen")


def test_contacts_and_updates(lots):
    company = create_company(by=lots, org_number="556016-0680", name="Ericsson")
    add_contact(company=company, by=lots, name="Eva", role="VD", email="eva@example.se")
    update_company(company=company, by=lots, city=" Exempelby ")

    company.refresh_from_db()
    assert company.city == "Exempelby"
    assert company.contacts.get().role == "VD"
