"""Tables out of the portal: one safe way to write CSV and XLSX downloads.

A view builds a :class:`Table` (or several) and returns :func:`csv_response` or
:func:`xlsx_response`. Everything a spreadsheet program could run is defused here, once.

CSV, written for Swedish Excel (the same format the case list export has always used):

- UTF-8 with a byte-order mark (``\\ufeff``), so Excel does not read it as Windows-1252;
- ``;`` between cells, because Swedish Excel uses the comma as decimal separator;
- ``\\r\\n`` line ends and minimal quoting (Python's ``csv`` defaults);
- the first line is the header; the title is not written (the file stays a plain table);
- int as is (``-5`` stays ``-5``), float and Decimal with a decimal comma (``12,5``), dates
  ``YYYY-MM-DD``, datetimes in local time ``YYYY-MM-DD HH:MM``, booleans "Ja"/"Nej"
  (translated), None empty.

XLSX, one sheet per table, named from ``Table.name`` (made valid and unique, at most 31
characters). Row 1 holds the human title in bold; row 2 the header in bold; the data starts on
row 3. Rows 1-2 are frozen and the header carries an auto-filter. Numbers, dates and booleans
keep their type; datetimes are written as naive local time (Excel knows no time zones) with the
format ``yyyy-mm-dd hh:mm``; dates ``yyyy-mm-dd``; None is an empty cell. Every text cell is
stored explicitly as a string, so openpyxl never turns ``"=..."`` into a formula (or ``"#N/A"``
into an error value), and the text is kept unchanged.

Both stream: :func:`csv_response` is a ``StreamingHttpResponse`` that encodes the rows as they
come (give it a queryset ``.iterator(chunk_size=...)`` and memory stays that of one chunk, the
first byte leaves before the last row is read); :func:`xlsx_response` writes the workbook with
openpyxl's write-only mode into a temporary file (rows are not kept as cell objects) and sends
the file with a ``FileResponse``. The rows of a streamed CSV are read after the view returned,
in the language and time zone that were active when the response was made.

Formula injection (OWASP "CSV injection"): in CSV a text cell whose first character (after any
leading apostrophes) is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets an
apostrophe in front (:func:`neutralise`). Values that are numbers are never touched, so a
negative number is still a number. :func:`restore` undoes :func:`neutralise` exactly, for
formats that must read their own exports back (the training question CSV).
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_BOM = "\ufeff"
CSV_CHUNK_CHARACTERS = 64 * 1024  # text gathered before it is sent on
XLSX_WIDTH_SAMPLE_ROWS = 500  # column widths are fitted to the first rows of a sheet
CSV_DELIMITER = ";"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

SHEET_NAME_MAX = 31
XLSX_CELL_MAX = 32767  # characters Excel keeps in one cell
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_WIDTH_MIN, _WIDTH_MAX = 8, 60


@dataclass(frozen=True)
class Table:
    """One table to download.

    ``rows`` may be a list or any iterable read once (a queryset ``.iterator()`` for a large
    CSV); cells are str, int, float, Decimal, date, datetime, bool or None (anything else is
    written as its text).
    """

    name: str  # machine name: the XLSX sheet name (made valid, ≤ 31 characters)
    title: str  # human title: row 1 of the XLSX sheet; not written to CSV
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]


# --- Formula injection ------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Put an apostrophe before text a spreadsheet would read as a formula."""
    return "'" + text if text.lstrip("'")[:1] in FORMULA_TRIGGERS else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: ``restore(neutralise(t)) == t`` for every text ``t``."""
    if text[:1] == "'" and text.lstrip("'")[:1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


# --- CSV ----------------------------------------------------------------------------------


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def csv_cell(value: object) -> str:
    """The text one value becomes in a CSV cell (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        if isinstance(value, Decimal) and not value.is_finite():
            return ""
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return text.replace(".", ",")
    if isinstance(value, datetime.datetime):
        return _local_naive(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def csv_chunks(table: Table, *, chunk_characters: int | None = None) -> Iterator[str]:
    """The table as CSV text in pieces of about ``chunk_characters`` (default
    ``CSV_CHUNK_CHARACTERS``): header, then the rows as they are read (no byte-order mark)."""
    chunk_characters = chunk_characters or CSV_CHUNK_CHARACTERS
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER)
    writer.writerow([neutralise(str(h)) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
        if out.tell() >= chunk_characters:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()


def csv_text(table: Table) -> str:
    """The table as CSV text: header line, then the rows (no byte-order mark)."""
    return "".join(csv_chunks(table))


def in_request_context(chunks: Iterator) -> Iterator:
    """``chunks``, each produced in the language and time zone active now (a streamed body
    is read after the view returned, maybe in another thread)."""
    language = translation.get_language()
    zone = timezone.get_current_timezone()

    def produce() -> Iterator:
        while True:
            with translation.override(language), timezone.override(zone):
                try:
                    chunk = next(chunks)
                except StopIteration:
                    return
            yield chunk

    return produce()


def _csv_bytes(table: Table) -> Iterator[bytes]:
    yield CSV_BOM.encode("utf-8")
    for text in csv_chunks(table):
        yield text.encode("utf-8")


def csv_response(table: Table, *, filename: str) -> StreamingHttpResponse:
    """A streamed download of ``table`` as CSV for Swedish Excel, UTF-8 with a byte-order
    mark. The rows are read while the body is sent."""
    response = StreamingHttpResponse(
        in_request_context(_csv_bytes(table)), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = attachment_header(filename, extension=".csv")
    return response


# --- XLSX ---------------------------------------------------------------------------------

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(names: Iterable[str]) -> list[str]:
    """Valid, unique (ignoring case) sheet names of at most 31 characters, in order."""
    result: list[str] = []
    taken: set[str] = set()
    for raw in names:
        base = _SHEET_FORBIDDEN.sub("_", ILLEGAL_CHARACTERS_RE.sub("", str(raw)))
        base = base.strip().strip("'")[:SHEET_NAME_MAX].strip().strip("'")
        if not base or base.casefold() == "history":  # Excel reserves "History"
            base = base + "_" if base else "Sheet"
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            suffix = f"~{number}"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.casefold())
        result.append(name)
    return result


def _xlsx_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX]


def _cell(sheet, value: Any, *, font: Font | None = None) -> Any:
    """One typed cell (openpyxl's ``WriteOnlyCell``, a factory function, so typed ``Any``);
    text is always a string cell, never a formula or error."""
    number_format = None
    if isinstance(value, float | Decimal) and not (
        math.isfinite(value) if isinstance(value, float) else value.is_finite()
    ):
        value = None
    elif isinstance(value, datetime.datetime):
        value, number_format = _local_naive(value), DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT
    elif value is not None and not isinstance(value, bool | int | float | Decimal):
        value = _xlsx_text(str(value))
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _write_sheet(sheet, table: Table) -> None:
    """Title, header and rows into a write-only sheet. The column widths must be known before
    the first row is written: they are fitted to the header and the first
    ``XLSX_WIDTH_SAMPLE_ROWS`` rows (all rows of every table but the longest lists)."""
    rows = iter(table.rows)
    sample = []
    for row in rows:
        sample.append(row)
        if len(sample) >= XLSX_WIDTH_SAMPLE_ROWS:
            break
    widths = [_display_width(h) for h in table.headers]
    for row in sample:
        for column, value in enumerate(row):
            if column >= len(widths):
                widths.append(0)
            widths[column] = max(widths[column], _display_width(value))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, _WIDTH_MIN), _WIDTH_MAX
        )
    sheet.freeze_panes = "A3"
    sheet.append([_cell(sheet, table.title, font=Font(bold=True, size=13))])
    bold = Font(bold=True)
    sheet.append([_cell(sheet, header, font=bold) for header in table.headers])
    last_row = 2
    for row in _chain(sample, rows):
        sheet.append([_cell(sheet, value) for value in row])
        last_row += 1
    if table.headers:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(table.headers))}{last_row}"


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest


def _write_workbook(tables: Sequence[Table], out) -> None:
    if not tables:
        raise ValueError("An XLSX workbook needs at least one table.")
    workbook = Workbook(write_only=True)
    for table, name in zip(tables, sheet_names(t.name for t in tables), strict=True):
        _write_sheet(workbook.create_sheet(title=name), table)
    workbook.save(out)


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """The tables as one XLSX workbook, one sheet per table, in order."""
    out = io.BytesIO()
    _write_workbook(tables, out)
    return out.getvalue()


def xlsx_response(tables: Sequence[Table], *, filename: str) -> FileResponse:
    """A download of the tables as an XLSX workbook, written to a temporary file first (the
    file is removed when the response is closed)."""
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - closed by the response
    try:
        _write_workbook(tables, out)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    response = FileResponse(out, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = attachment_header(filename, extension=".xlsx")
    return response


# --- File names ---------------------------------------------------------------------------

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")


def attachment_header(filename: str, *, extension: str) -> str:
    """``attachment; filename="ascii"; filename*=UTF-8''...`` with ``extension`` ensured.

    The plain ``filename`` is an ASCII fallback (å → a, anything else unsafe → ``-``);
    ``filename*`` (RFC 6266/5987) keeps the real name for browsers that read it.
    """
    name = filename.replace("/", "-").replace("\\", "-").strip().strip(".") or "export"
    if not name.lower().endswith(extension):
        name += extension
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = _UNSAFE_ASCII.sub("-", ascii_name).strip("-.")
    if not ascii_name.lower().endswith(extension) or ascii_name.lower() == extension:
        ascii_name = "export" + extension
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
