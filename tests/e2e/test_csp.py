"""The Content-Security-Policy holds in a real browser: the main pages, htmx updates, the charts
and the admin work under it, and the browser reports no violation anywhere.

A violation is caught two ways: the page's ``securitypolicyviolation`` event (reported to the
test through a binding that the policy cannot block) and Chromium's console message
("Refused to ... because it violates the following Content Security Policy directive").
"""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from tests.cases.factories import CaseTypeFactory, CompanyFactory, a_case, door
from tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory, official
from tests.stats.conftest import coordinator, quarter  # noqa: F401 - fixtures
from tests.training.conftest import short_course  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} on ` +
    `${document.location.pathname} (${event.sourceFile || "page"}:${event.lineNumber}) ` +
    `${event.sample || ""}`
  );
});
"""


@pytest.fixture
def csp_violations(page):
    found: list[str] = []
    page.expose_function("__cspViolation", lambda text: found.append(text))
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(f"console: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


def visit(page, path: str):
    response = page.goto(path)
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"], path
    return response


def settle(page):
    """Let the page's scripts run and the binding deliver what they reported."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 100))")


def test_the_detector_sees_an_inline_script(page, live_server, csp_violations):
    """The check below can fail: an inline script added to a page is refused and reported."""
    visit(page, "/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
        }"""
    )
    settle(page)
    assert page.evaluate("() => window.injected === undefined")
    assert any("script-src" in violation for violation in csp_violations), csp_violations


def test_main_pages_htmx_charts_and_admin_run_without_a_csp_violation(
    page,
    sign_in,
    csp_violations,
    enrol_second_factor,
    coordinator,  # noqa: F811 - the statistics' samordnare, with a quarter of cases
    quarter,  # noqa: F811
    short_course,  # noqa: F811 - an open edition, two topics of two questions
):
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    official(miljo, Role.LOTS, full_name="Ali Karimi", email="ali@exempelby.se")
    case_type = CaseTypeFactory(
        name="Livsmedelsregistrering", code="livsmedel", lead_department=miljo
    )
    door("reception")
    CompanyFactory(name="Exempelby Bageri AB")
    case = a_case(
        by=official(miljo, Role.LOTS),
        case_type=case_type,
        title="Nytt kafé vid torget",
        description="Rad ett.\nRad två.",
    )
    UserFactory(email="ada@exempelby.se", is_staff=True, is_superuser=True)

    # A business owner: the start page and the public form.
    visit(page, "/")
    visit(page, "/foretag/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    settle(page)

    # An official: sign-in, start page, case list, case detail, the htmx company search.
    visit(page, "/konto/logga-in/")
    sign_in("ali@exempelby.se", TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit(page, "/arenden/")
    page.get_by_role("link", name=case.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nytt kafé vid torget")
    settle(page)
    assert page.url.endswith(f"/arenden/{case.pk}/")
    visit(page, "/arenden/nytt/")
    page.get_by_label("Sök företaget på organisationsnummer eller namn").fill("Bageri")
    expect(page.locator("#company-results")).to_contain_text("Exempelby Bageri AB")
    settle(page)

    # The course: start it and answer a question through htmx (the progress bar moves).
    visit(page, "/utbildning/")
    page.get_by_role("button", name="Starta kursen").click()
    first = page.get_by_test_id("question").filter(has_text="Bygglov och plan: fråga 1?")
    first.get_by_label("Rätt").check()
    first.get_by_role("button", name="Svara").click()
    expect(first).to_contain_text("Rätt!")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "25")
    assert page.locator(".progress-bar").evaluate("el => el.getBoundingClientRect().width") > 0
    settle(page)
    page.get_by_role("button", name="Logga ut").click()

    # The statistics with their charts, as the samordnare.
    sign_in(coordinator.email, TEST_PASSWORD)
    visit(page, "/statistik/")
    for chart in ("chart-months", "chart-doors"):
        expect(page.locator(f'canvas[data-chart="{chart}"]')).to_have_attribute(
            "data-chart-ready", "1"
        )
    settle(page)
    page.get_by_role("button", name="Logga ut").click()

    # The admin: index, a changelist with actions, a change page, a search.
    # After a password sign-in the admin first asks for the second factor: the enrolment
    # page (its QR code is a data: image) runs under the policy too.
    sign_in("ada@exempelby.se", TEST_PASSWORD)
    enrol_second_factor("ada@exempelby.se")
    visit(page, "/admin/")
    visit(page, "/admin/cases/case/")
    expect(page.locator("#changelist")).to_be_visible()
    visit(page, f"/admin/cases/case/{case.pk}/change/")
    settle(page)
    visit(page, "/admin/accounts/user/")
    page.locator("#searchbar").fill("ali")
    page.locator("#searchbar").press("Enter")
    settle(page)

    assert csp_violations == [], "\n".join(csp_violations)
