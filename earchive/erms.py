"""The case as FGS Ärendehantering 2.0 (E-ARK CITS ERMS 2.1): one ``caseFile`` aggregation
with a record per message, referral and document.

The element order follows ``ERMS.xsd`` (CITS ERMS 2.1.3): every sequence there is ordered, so
the builders below append in the schema's order. Times are written in UTC with their offset.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from xml.etree import ElementTree as ET  # noqa: S405 - we write XML, never parse it here

from django.conf import settings

from cases.models import MessageDirection

from .selectors import CaseRecord

ERMS_NS = "https://DILCIS.eu/XML/ERMS"
# Stable ids: the same case gives the same systemIdentifier in every export.
_UUID_NS = uuid.UUID("7c1b2b0e-8d7e-4b6a-9a55-2f0c8c1d5a10")


def _q(tag: str) -> str:
    return f"{{{ERMS_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def system_id(kind: str, pk: int) -> str:
    return str(uuid.uuid5(_UUID_NS, f"{kind}:{pk}"))


def erms_document(record: CaseRecord, *, exported_at: datetime, files: dict[int, str]) -> bytes:
    """``files``: each attachment's path inside the package, by the attachment's id."""
    ET.register_namespace("", ERMS_NS)
    root = ET.Element(_q("erms"))
    _control(root, exported_at)
    aggregations = _sub(root, "aggregations")
    _case_file(aggregations, record, files)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _control(root: ET.Element, exported_at: datetime) -> None:
    control = _sub(root, "control")
    _sub(
        control, "identification", settings.MUNICIPALITY_NAME, identificationType="archivalCreator"
    )
    maintenance = _sub(control, "maintenanceInformation")
    _sub(maintenance, "maintenanceStatus", value="new")
    agency = _sub(maintenance, "maintenanceAgency")
    _sub(agency, "agencyName", settings.MUNICIPALITY_NAME)
    history = _sub(maintenance, "maintenanceHistory")
    event = _sub(history, "maintenanceEvent")
    _sub(event, "eventType", value="created")
    _sub(event, "eventDateTime", _time(exported_at))
    agent = _sub(event, "agent", agentType="creator")
    _sub(agent, "name", "Lotsportalen")


def _case_file(parent: ET.Element, record: CaseRecord, files: dict[int, str]) -> None:
    case = record.case
    aggregation = _sub(
        parent,
        "aggregation",
        systemIdentifier=system_id("case", case.pk),
        aggregationType="caseFile",
    )
    _sub(aggregation, "objectId", case.number)
    _sub(aggregation, "extraId", str(case.pk), extraIdType="lotsportalen_case_id")
    _sub(aggregation, "title", case.title)
    _sub(aggregation, "subject", case.case_type.name)
    _sub(aggregation, "status", value="closed")
    if case.confidential:
        restriction = _sub(aggregation, "restriction", restrictionType="confidential")
        _sub(restriction, "explanatoryText", "Markerat som sekretessbelagt i Lotsportalen")
        _sub(restriction, "regulation", "Offentlighets- och sekretesslagen (2009:400)")
    agents = _sub(aggregation, "agents")
    company = _sub(agents, "agent", agentType="counterpart")
    _sub(company, "name", case.company.name)
    _sub(company, "idNumber", case.company.org_number, idNumberType="organisationsnummer")
    if case.coordinator is not None:
        _official(agents, case.coordinator, "responsible_person", case.lead_department.name)
    if case.opened_by is not None:
        _official(agents, case.opened_by, "opening_person", case.door.name if case.door else None)
    if case.description:
        _sub(aggregation, "description", case.description)
    dates = _sub(aggregation, "dates")
    _sub(dates, "date", _time(case.created_at), dateType="opened")
    if case.decided_at:
        _sub(dates, "date", _time(case.decided_at), dateType="decision")
    if case.closed_at:
        _sub(dates, "date", _time(case.closed_at), dateType="closed")
    for number, message in enumerate(record.messages, start=1):
        _message(aggregation, case.number, number, message)
    for number, referral in enumerate(record.referrals, start=1):
        _referral(aggregation, case.number, number, referral)
    for number, attachment in enumerate(record.attachments, start=1):
        _document(aggregation, case.number, number, attachment, files[attachment.pk])


def _official(parent: ET.Element, user, role: str, unit: str | None) -> None:
    agent = _sub(parent, "agent", agentType=role)
    _sub(agent, "name", user.full_name or user.email)
    _sub(agent, "organisation", settings.MUNICIPALITY_NAME)
    if unit:
        _sub(agent, "unitName", unit)


def _record(parent: ET.Element, kind: str, pk: int, object_id: str, record_type: str):
    element = _sub(
        parent,
        "record",
        systemIdentifier=system_id(kind, pk),
        recordType=record_type,
        recordPhysicalOrDigital="digital",
    )
    _sub(element, "objectId", object_id)
    return element


def _message(parent, case_number: str, number: int, message) -> None:
    incoming = message.direction == MessageDirection.FROM_BUSINESS
    record = _record(parent, "message", message.pk, f"{case_number}:M{number}", "message")
    _sub(record, "title", "Meddelande från företaget" if incoming else "Meddelande till företaget")
    _sub(record, "direction", directionDefinition="incoming" if incoming else "outgoing")
    if message.author is not None:
        agents = _sub(record, "agents")
        _official(agents, message.author, "sender", None)
    _sub(record, "description", message.body)
    dates = _sub(record, "dates")
    _sub(dates, "date", _time(message.created_at), dateType="received" if incoming else "sent")


def _referral(parent, case_number: str, number: int, referral) -> None:
    record = _record(parent, "referral", referral.pk, f"{case_number}:R{number}", "referral")
    _sub(record, "title", f"Remiss till {referral.department.name}")
    _sub(record, "direction", directionDefinition="internal_memo_for_follow-up")
    agents = _sub(record, "agents")
    receiver = _sub(agents, "agent", agentType="receiver")
    _sub(receiver, "name", referral.department.name)
    _sub(receiver, "organisation", settings.MUNICIPALITY_NAME)
    text = referral.request_text
    if referral.answer_text:
        text += f"\n\nSvar: {referral.answer_text}"
    if referral.decline_reason:
        text += f"\n\nAvböjd: {referral.decline_reason}"
    _sub(record, "description", text)
    dates = _sub(record, "dates")
    _sub(dates, "date", _time(referral.created_at), dateType="sent")
    if referral.answered_at:
        _sub(dates, "date", _time(referral.answered_at), dateType="received")


def _document(parent, case_number: str, number: int, attachment, path: str) -> None:
    record = _record(parent, "attachment", attachment.pk, f"{case_number}:D{number}", "document")
    _sub(record, "title", attachment.original_name)
    _sub(
        record,
        "direction",
        directionDefinition="incoming"
        if attachment.from_business
        else "internal_memo_without_follow-up",
    )
    _sub(record, "description", f"Fil i paketet: {path}")
    dates = _sub(record, "dates")
    _sub(dates, "date", _time(attachment.created_at), dateType="received")
