"""A samordnare opens the statistics, changes the period, sees the charts and downloads the
workbook, which holds the same numbers as the page."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.factories import TEST_PASSWORD
from tests.stats.conftest import coordinator, quarter  # noqa: F401 - fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMPARED_TABLES = ["manader", "dorrar", "avdelningar", "ledtider", "tidsfrister", "sena_arenden"]


def from_sheet(value):
    """A workbook cell, comparable with the page: numbers as numbers, dates as on the page."""
    if value is None:
        return "–"
    if isinstance(value, int | float):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
    return value


def from_page(text: str):
    """A page cell: "8,5" (Swedish decimal comma) is the number 8.5."""
    try:
        return float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return text


def page_rows(page, name: str) -> list[list[str]]:
    rows = page.locator(f"#table-{name} tbody tr")
    return [
        [
            from_page(cell.inner_text().replace("\xa0", " ").split("\n")[0].strip())
            for cell in rows.nth(i).locator("th, td").all()
        ]
        for i in range(rows.count())
    ]


def test_coordinator_changes_the_period_sees_charts_and_downloads_the_same_numbers(
    page,
    sign_in,
    assert_accessible,
    coordinator,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr("stats.forms.timezone.localdate", lambda *args: date(2026, 4, 15))
    sign_in(coordinator.email, TEST_PASSWORD)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", name="Statistik för näringslivsarbetet")).to_be_visible()
    # The last twelve months by default: the dates stand in the filter.
    expect(page.get_by_label("Från", exact=True)).to_have_value("2025-05-01")
    expect(page.locator('[data-figure="opened"]')).to_have_text("8")  # C5 from December too

    page.get_by_label("Från", exact=True).fill("2026-01-01")
    page.get_by_label("Till", exact=True).fill("2026-03-31")
    page.get_by_role("button", name="Visa").click()

    expect(page.locator("#period-summary")).to_contain_text("Period 2026-01-01 – 2026-03-31")
    expect(page.locator('[data-figure="opened"]')).to_have_text("7")
    expect(page.locator('[data-figure="lead_median"]')).to_contain_text("8,5")
    for chart in ("chart-months", "chart-doors", "chart-lead-times", "chart-nki"):
        canvas = page.locator(f'canvas[data-chart="{chart}"]')
        expect(canvas).to_have_attribute("data-chart-ready", "1")
    assert page.locator('canvas[data-chart="chart-months"]').bounding_box()["height"] > 100
    expect(page.locator("#table-manader tbody tr").first).to_contain_text("januari 2026")
    assert_accessible("the statistics page")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ned alla tabeller (Excel)").click()
    download = download_info.value
    assert download.suggested_filename == "lotsstatistik-2026-01-01-2026-03-31.xlsx"
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    for name in COMPARED_TABLES:
        sheet = [
            [from_sheet(value) for value in row]
            for row in book[name].iter_rows(min_row=3, values_only=True)
        ]
        assert sheet == page_rows(page, name), name
    assert [row[0] for row in page_rows(page, "sena_arenden")] == [
        "TEST 2026/7",
        "TEST 2026/1",
        "TEST 2026/3",
    ]

    # The one-page report for the same period prints on one A4 page.
    page.get_by_role("link", name="Utskriftsvänlig rapport på en sida").click()
    expect(page.locator('[data-figure="opened"]')).to_have_text("7")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Skriv ut eller spara som PDF")).to_be_hidden()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True)))
    assert len(pdf.pages) == 1
    assert "Period 2026-01-01 – 2026-03-31" in pdf.pages[0].extract_text()
