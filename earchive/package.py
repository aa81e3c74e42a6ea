"""Writing one closed case as an information package (a ZIP of the package folder).

```
<package id>/
  METS.xml                                  the package (E-ARK CSIP + SIP 2.1)
  metadata/descriptive/ERMS.xml             the case file (CITS ERMS 2.1 = FGS Ärendehantering 2.0)
  representations/rep1/METS.xml             the representation
  representations/rep1/data/tidslinje.csv   the timeline, one event a row
  representations/rep1/data/dokument/…      the case's documents as they were uploaded
  documentation/lasmig.txt                  what the package holds, in Swedish
  schemas/                                  the METS, XLink and DILCIS extension schemas
```
The package id is ``lotsportalen-<case number>-<uuid>``: a new one for every export, so a
corrected delivery never overwrites one the archive has already taken.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.text import get_valid_filename

from cases.events import definition_of

from .erms import erms_document
from .mets import PackedFile, package_mets, representation_mets
from .selectors import CaseRecord
from .validation import shipped_schemas

REPRESENTATION = "representations/rep1"


@dataclass(frozen=True)
class WrittenPackage:
    package_id: str
    path: Path
    sha256: str
    size: int


def package_id_for(case_number: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", case_number).strip("-").lower()
    return f"lotsportalen-{slug}-{uuid.uuid4()}"


class _Writer:
    """Collects the package's files with their checksums, then writes the ZIP."""

    def __init__(self, package_id: str, created: datetime):
        self.package_id = package_id
        self.created = created
        self.files: dict[str, bytes] = {}
        self.count = 0

    def add(self, path: str, content: bytes, mimetype: str, *, relative_to: str = "") -> PackedFile:
        self.files[path] = content
        self.count += 1
        shown = path[len(relative_to) + 1 :] if relative_to else path
        return PackedFile(
            path=shown,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest().upper(),
            mimetype=mimetype,
            created=self.created,
            file_id=f"file-{self.count}",
        )

    def write(self, directory: Path) -> WrittenPackage:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{self.package_id}.zip"
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path, content in sorted(self.files.items()):
                archive.writestr(f"{self.package_id}/{path}", content)
        data = target.read_bytes()
        return WrittenPackage(
            package_id=self.package_id,
            path=target,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
        )


def build_package(record: CaseRecord, *, directory: Path) -> WrittenPackage:
    created = timezone.now().replace(microsecond=0)
    case = record.case
    writer = _Writer(package_id_for(case.number), created)
    data: list[PackedFile] = []
    paths: dict[int, str] = {}
    for number, attachment in enumerate(record.attachments, start=1):
        name = get_valid_filename(attachment.original_name) or "dokument"
        path = f"{REPRESENTATION}/data/dokument/{number:03d}_{name}"
        with attachment.file.open("rb") as handle:
            content = handle.read()
        data.append(writer.add(path, content, attachment.content_type, relative_to=REPRESENTATION))
        paths[attachment.pk] = path
    timeline = writer.add(
        f"{REPRESENTATION}/data/tidslinje.csv",
        timeline_csv(record),
        "text/csv",
        relative_to=REPRESENTATION,
    )
    rep_mets = representation_mets(
        objid=f"{writer.package_id}-rep1", label=case.title, created=created, data=[timeline, *data]
    )
    representation = writer.add(f"{REPRESENTATION}/METS.xml", rep_mets, "text/xml")
    descriptive = writer.add(
        "metadata/descriptive/ERMS.xml",
        erms_document(record, exported_at=created, files=paths),
        "text/xml",
    )
    documentation = [
        writer.add("documentation/lasmig.txt", read_me(record, writer.package_id), "text/plain")
    ]
    schemas = [
        writer.add(f"schemas/{name}", content, "text/xml")
        for name, content in shipped_schemas().items()
    ]
    writer.add(
        "METS.xml",
        package_mets(
            objid=writer.package_id,
            label=f"{case.number} {case.title}",
            created=created,
            descriptive=descriptive,
            documentation=documentation,
            schemas=schemas,
            representation=representation,
        ),
        "text/xml",
    )
    return writer.write(directory)


def read_me(record: CaseRecord, package_id: str) -> bytes:
    """What the package holds, for whoever opens it in the archive (Swedish, plain text)."""
    case = record.case
    lines = [
        f"Informationspaket {package_id}",
        f"Ärende {case.number}: {case.title}",
        f"Från Lotsportalen, {settings.MUNICIPALITY_NAME}.",
        "",
        "Paketet följer E-ARK CSIP och SIP 2.1 (grunden för FGS Paketstruktur 2.0).",
        "metadata/descriptive/ERMS.xml: ärendeakten enligt E-ARK CITS ERMS 2.1",
        "  (FGS Ärendehantering 2.0), med meddelanden, remisser och handlingar.",
        "representations/rep1/data/tidslinje.csv: ärendets tidslinje, en händelse per rad.",
        "representations/rep1/data/dokument/: ärendets handlingar som de laddades upp.",
        "schemas/: de XML-scheman som METS-filerna använder.",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def timeline_csv(record: CaseRecord) -> bytes:
    """The case's timeline: time, kind, who, and what it held (its payload as the portal
    recorded it), one event a row, UTF-8 with a header."""
    out = io.StringIO()
    rows = csv.writer(out)
    rows.writerow(["tid", "handelse", "vem", "uppgifter"])
    for event in record.events:
        definition = definition_of(event.kind)
        who = event.actor.full_name if event.actor else ""
        details = "; ".join(
            f"{key}={value}"
            for key, value in sorted(event.payload.items())
            if key in definition.keys
        )
        rows.writerow([event.created_at.isoformat(timespec="seconds"), event.kind, who, details])
    return out.getvalue().encode("utf-8")
