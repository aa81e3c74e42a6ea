"""METS documents of an information package following E-ARK CSIP and SIP 2.1 (the base of FGS
Paketstruktur 2.0): the package's root METS and its representation's METS.

Each file is listed with its size, SHA-256 and MIME type; every path is relative to the folder
of the METS that lists it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from xml.etree import ElementTree as ET  # noqa: S405 - we write XML, never parse it here

from django.conf import settings

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "citserms_v2_1"  # FGS Ärendehantering 2.0 = E-ARK CITS ERMS
SCHEMA_LOCATION = (
    f"{METS} http://www.loc.gov/standards/mets/mets.xsd "
    f"{XLINK} http://www.loc.gov/standards/mets/xlink.xsd "
    f"{CSIP} https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd "
    f"{SIP} https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd"
)

for prefix, uri in (("mets", METS), ("xlink", XLINK), ("csip", CSIP), ("sip", SIP), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)


@dataclass(frozen=True)
class PackedFile:
    path: str  # relative to the METS that lists it, with "/"
    size: int
    sha256: str
    mimetype: str
    created: datetime
    file_id: str


@lru_cache(maxsize=1)
def portal_version() -> str:
    """The portal's version, as ``pyproject.toml`` gives it (Semantic Versioning)."""
    project = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    return str(project["project"]["version"])


def _m(tag: str) -> str:
    return f"{{{METS}}}{tag}"


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _root(*, objid: str, label: str, created: datetime) -> ET.Element:
    root = ET.Element(
        _m("mets"),
        {
            "OBJID": objid,
            "LABEL": label,
            "TYPE": "Other",
            f"{{{CSIP}}}OTHERTYPE": "ERMS",
            f"{{{CSIP}}}CONTENTINFORMATIONTYPE": CONTENT_TYPE,
            "PROFILE": SIP_PROFILE,
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
    )
    header = ET.SubElement(
        root,
        _m("metsHdr"),
        {
            "CREATEDATE": _time(created),
            "LASTMODDATE": _time(created),
            "RECORDSTATUS": "NEW",
            f"{{{CSIP}}}OAISPACKAGETYPE": "SIP",
        },
    )
    archivist = ET.SubElement(header, _m("agent"), {"ROLE": "ARCHIVIST", "TYPE": "ORGANIZATION"})
    ET.SubElement(archivist, _m("name")).text = settings.MUNICIPALITY_NAME
    software = ET.SubElement(
        header, _m("agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
    )
    ET.SubElement(software, _m("name")).text = "Lotsportalen"
    note = ET.SubElement(software, _m("note"), {f"{{{CSIP}}}NOTETYPE": "SOFTWARE VERSION"})
    note.text = portal_version()
    return root


def _file(group: ET.Element, packed: PackedFile) -> None:
    element = ET.SubElement(
        group,
        _m("file"),
        {
            "ID": packed.file_id,
            "MIMETYPE": packed.mimetype,
            "SIZE": str(packed.size),
            "CREATED": _time(packed.created),
            "CHECKSUM": packed.sha256,
            "CHECKSUMTYPE": "SHA-256",
        },
    )
    ET.SubElement(
        element,
        _m("FLocat"),
        {"LOCTYPE": "URL", f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": packed.path},
    )


def _md_ref(parent: ET.Element, packed: PackedFile, *, mdtype: str, other: str = "") -> None:
    attrs = {
        "LOCTYPE": "URL",
        f"{{{XLINK}}}type": "simple",
        f"{{{XLINK}}}href": packed.path,
        "MDTYPE": mdtype,
        "MIMETYPE": packed.mimetype,
        "SIZE": str(packed.size),
        "CREATED": _time(packed.created),
        "CHECKSUM": packed.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }
    if other:
        attrs["OTHERMDTYPE"] = other
    ET.SubElement(parent, _m("mdRef"), attrs)


def _finish(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def representation_mets(
    *, objid: str, label: str, created: datetime, data: list[PackedFile]
) -> bytes:
    root = _root(objid=objid, label=label, created=created)
    files = ET.SubElement(root, _m("fileSec"), {"ID": "filesec-rep"})
    group = ET.SubElement(files, _m("fileGrp"), {"ID": "grp-data", "USE": "Data"})
    for packed in data:
        _file(group, packed)
    structure = ET.SubElement(
        root, _m("structMap"), {"ID": "structmap-rep", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(structure, _m("div"), {"ID": "div-rep", "LABEL": objid})
    data_div = ET.SubElement(top, _m("div"), {"ID": "div-rep-data", "LABEL": "Data"})
    ET.SubElement(data_div, _m("fptr"), {"FILEID": "grp-data"})
    return _finish(root)


def package_mets(
    *,
    objid: str,
    label: str,
    created: datetime,
    descriptive: PackedFile,
    documentation: list[PackedFile],
    schemas: list[PackedFile],
    representation: PackedFile,
) -> bytes:
    root = _root(objid=objid, label=label, created=created)
    dmd = ET.SubElement(
        root, _m("dmdSec"), {"ID": "dmd-erms", "CREATED": _time(created), "STATUS": "CURRENT"}
    )
    _md_ref(dmd, descriptive, mdtype="OTHER", other="ERMS")
    files = ET.SubElement(root, _m("fileSec"), {"ID": "filesec"})
    for group_id, use, members in (
        ("grp-documentation", "Documentation", documentation),
        ("grp-schemas", "Schemas", schemas),
    ):
        group = ET.SubElement(files, _m("fileGrp"), {"ID": group_id, "USE": use})
        for packed in members:
            _file(group, packed)
    representations = ET.SubElement(
        files,
        _m("fileGrp"),
        {
            "ID": "grp-rep1",
            "USE": "Representations/rep1",
            # eark-validator 1.1.3's CSIP63 refuses any value but OTHER on a file group.
            f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "OTHER",
            f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE": CONTENT_TYPE,
        },
    )
    _file(representations, representation)
    _package_structure(root, objid=objid, representation=representation)
    return _finish(root)


def _package_structure(root: ET.Element, *, objid: str, representation: PackedFile) -> None:
    """The package's structural map: metadata, documentation, schemas and the representation."""
    structure = ET.SubElement(
        root, _m("structMap"), {"ID": "structmap", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(structure, _m("div"), {"ID": "div-root", "LABEL": objid})
    ET.SubElement(top, _m("div"), {"ID": "div-metadata", "LABEL": "Metadata", "DMDID": "dmd-erms"})
    for div_id, label, group_id in (
        ("div-documentation", "Documentation", "grp-documentation"),
        ("div-schemas", "Schemas", "grp-schemas"),
    ):
        div = ET.SubElement(top, _m("div"), {"ID": div_id, "LABEL": label})
        ET.SubElement(div, _m("fptr"), {"FILEID": group_id})
    content = ET.SubElement(
        top, _m("div"), {"ID": "div-representations", "LABEL": "Representations"}
    )
    ET.SubElement(content, _m("fptr"), {"FILEID": "grp-rep1"})
    rep = ET.SubElement(top, _m("div"), {"ID": "div-rep1", "LABEL": "Representations/rep1"})
    ET.SubElement(
        rep,
        _m("mptr"),
        {
            f"{{{XLINK}}}type": "simple",
            f"{{{XLINK}}}href": representation.path,
            f"{{{XLINK}}}title": "grp-rep1",
            "LOCTYPE": "URL",
        },
    )
