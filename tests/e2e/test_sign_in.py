import pytest
from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_public_start_and_sign_in_pages_pass_the_accessibility_engine(page, assert_accessible):
    page.goto("/")
    assert_accessible("the public start page")
    page.goto("/konto/logga-in/")
    assert_accessible("the sign-in page")
    page.goto("/tillganglighet/")
    assert_accessible("the accessibility statement")


def test_official_signs_in_through_the_real_page_and_sees_the_start_page(
    page, sign_in, assert_accessible
):
    reception = DepartmentFactory(name="Kontaktcenter och reception", code="kontaktcenter")
    official(reception, Role.LOTS, full_name="Anna Andersson", email="anna@exempelby.se")

    sign_in("anna@exempelby.se", TEST_PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Anna Andersson")
    expect(page.get_by_test_id("my-departments")).to_contain_text("Kontaktcenter och reception")
    assert_accessible("the official's start page")

    # The skip link is the first thing the keyboard reaches.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()


def test_wrong_password_keeps_the_user_on_the_page_with_an_error(page, sign_in):
    official(email="per@exempelby.se")

    sign_in("per@exempelby.se", "fel-losenord")

    expect(page.get_by_text("E-postadressen eller lösenordet är fel")).to_be_visible()
    expect(page.get_by_label("E-postadress")).to_have_value("per@exempelby.se")
