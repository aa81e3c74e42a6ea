"""Browser tests: Playwright for Python driving Debian's Chromium, headless.

Skipped with a visible reason where no Chromium is installed, except under CI=true, where a
missing browser is an error. Never downloads a browser of its own.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium_path():
    path = _chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true but no Chromium at /usr/bin/chromium: browser tests must run in CI."
            )
        pytest.skip("No Chromium found (install Debian's 'chromium' to run the browser tests).")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (creating data) are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    """Sign in through the real sign-in page."""

    def _sign_in(email: str, password: str):
        page.goto("/konto/logga-in/")
        page.get_by_label("E-postadress").fill(email)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()

    return _sign_in


@pytest.fixture
def enrol_second_factor(page):
    """After a password sign-in, the admin first asks for the second factor: enrol it on the
    page (the code from the device the page made, as an authenticator app would show it)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    def _enrol(email: str) -> None:
        page.goto("/admin/")
        expect(page.get_by_role("heading", name="Aktivera tvåfaktorinloggning")).to_be_visible()
        device = TOTPDevice.objects.get(user__email=email, confirmed=False)
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.get_by_label("Kod").fill(f"{code:06d}")
        page.get_by_role("button", name="Aktivera").click()
        expect(page.get_by_role("heading", name="Dina reservkoder")).to_be_visible()

    return _enrol


AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture
def assert_accessible(page):
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; fail on serious or critical."""

    def _check(context: str = "") -> None:
        # Evaluated through the DevTools protocol, not as an inline <script>: the pages'
        # Content-Security-Policy (rightly) refuses inline scripts.
        page.evaluate(AXE_SOURCE)
        result = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
            })"""
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not problems, f"Accessibility problems on {context or page.url}:\n" + "\n".join(
            problems
        )

    return _check
