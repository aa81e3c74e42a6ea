import pytest

from accounts.models import Role
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory


@pytest.fixture
def reception(db):
    return DepartmentFactory(name="Kontaktcenter och reception", code="kontaktcenter")


@pytest.fixture
def miljo(department):
    return department


@pytest.fixture
def bygg(db):
    return DepartmentFactory(name="Samhällsbyggnad", code="samhallsbyggnad")


@pytest.fixture
def receptionist(reception):
    return official(reception, Role.LOTS, full_name="Anna Andersson", email="anna@kommun.example")


@pytest.fixture
def inspector(miljo):
    return official(miljo, Role.LOTS, full_name="Ali Karimi", email="ali@kommun.example")


@pytest.fixture
def miljo_lead(miljo):
    return official(miljo, Role.AVDELNINGSCHEF, full_name="Petra Wik", email="petra@kommun.example")


@pytest.fixture
def builder(bygg):
    return official(bygg, Role.LOTS, full_name="Karin Sjöberg", email="karin@kommun.example")


@pytest.fixture
def food_registration(miljo):
    return CaseTypeFactory(
        name="Livsmedelsregistrering", code="livsmedel", lead_department=miljo, deadline_amount=10
    )


@pytest.fixture
def general_matter(db):
    naringsliv = DepartmentFactory(name="Näringsliv", code="naringsliv")
    return CaseTypeFactory(
        name="Etablering / lokal / mark",
        code="etablering",
        lead_department=naringsliv,
        deadline_amount=2,
    )
