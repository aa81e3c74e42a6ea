"""The E-ARK validator (eark-validator, by the DILCIS Board's E-ARK project, Apache-2.0): the
published schemas every package carries, and the check of a package before delivery.

eark-validator reads four CSIP vocabularies from earkcsip.dilcis.eu when it is imported; the
same files ship inside it (``eark_validator/ipxml/resources/vocabs``). A urllib handler answers
those four addresses from the shipped copies, so validation works offline (the archive's
network is often closed) and touches no other address.
"""

from __future__ import annotations

import email.message
import io
import urllib.request
import urllib.response
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

VOCABULARIES = "https://earkcsip.dilcis.eu/schema/"
# The schemas a package's METS files use, as eark-validator ships them.
SCHEMAS = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd")


def shipped_schemas() -> dict[str, bytes]:
    folder = resources.files("eark_validator.ipxml.resources.schema")
    return {name: folder.joinpath(name).read_bytes() for name in SCHEMAS}


class _ShippedVocabularies(urllib.request.BaseHandler):
    handler_order = 100  # before the real HTTPS handler

    def https_open(self, request):
        url = request.full_url
        if not url.startswith(VOCABULARIES):
            return None
        folder = resources.files("eark_validator.ipxml.resources.vocabs")
        content = folder.joinpath(url.rsplit("/", 1)[1]).read_bytes()
        response = urllib.response.addinfourl(
            io.BytesIO(content), email.message.Message(), url, 200
        )
        response.msg = "OK"  # type: ignore[attr-defined]  # read by urllib's error processor
        return response


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class Validation:
    structure_ok: bool
    schema_ok: bool
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        return self.structure_ok and self.schema_ok and not self.errors


# Rules of eark-validator 1.1.3 that contradict the specifications they check, and why we
# keep to the specification. Reported as warnings, not errors.
KNOWN_VALIDATOR_CONFLICTS = {
    # SIP14 wants every CREATOR agent's note to be an IDENTIFICATIONCODE; CSIP 2.1 (CSIP10–15)
    # requires the creating software as a CREATOR agent whose note is its SOFTWARE VERSION.
    "SIP14": "CSIP 2.1 requires the software agent's note to be its SOFTWARE VERSION",
    # CSIP63's test, (@T = 'OTHER' and @O) or (@T != 'OTHER' and not(@T)), cannot hold for a
    # file group without the attribute (XPath's != on a missing attribute is false), which
    # CSIP allows for the Documentation and Schemas groups. Our one representation group
    # carries OTHER with its OTHERCONTENTINFORMATIONTYPE, as CSIP62/63 ask
    # (tests/earchive/test_export.py checks it).
    "CSIP63": "cannot hold for a file group without a content information type",
}


def validate_package(path: Path) -> Validation:
    """Structure, METS schemas and the CSIP/SIP 2.1 rules of the package folder or ZIP."""
    urllib.request.install_opener(urllib.request.build_opener(_ShippedVocabularies))
    from eark_validator.packages import PackageValidator
    from eark_validator.specifications.specification import SpecificationVersion

    report = PackageValidator(path, SpecificationVersion.V2_1_0).validation_report
    findings = [
        Finding(str(m.rule_id), m.severity.value, m.message or "")
        for result_set in (report.metadata.schema_results, report.metadata.schematron_results)
        for m in result_set.messages
    ]
    errors = tuple(
        f for f in findings if f.severity == "Error" and f.rule not in KNOWN_VALIDATOR_CONFLICTS
    )
    warnings = tuple(
        f for f in findings if f.severity == "Warn" or f.rule in KNOWN_VALIDATOR_CONFLICTS
    )
    return Validation(
        structure_ok=report.structure.status.value == "WellFormed",
        schema_ok=report.metadata.schema_results.status.value == "VALID",
        errors=errors,
        warnings=warnings,
    )
