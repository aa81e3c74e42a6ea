from django.db import models
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from ..identifiers import IdentifierKind

# PostgreSQL's ICU collation for Swedish: the order a Swedish reader expects of names.
SWEDISH_COLLATION = "sv-SE-x-icu"


class SwedishCollate(Collate):
    """``expression`` in Swedish order: ICU's Swedish collation on PostgreSQL. SQLite (the
    zero-setup mode) has no ICU collations, so there it is the column's own order."""

    def __init__(self, expression, collation=SWEDISH_COLLATION):
        super().__init__(expression, collation)

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


class CompanySize(models.TextChoices):
    """The size class by number of employees: SCB's bands in the business register, which are
    the EU's micro / small / medium / large bands (0 is a business without employees)."""

    NONE = "0", _("0 employees")
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class Company(models.Model):
    """A business the municipality meets, identified by its organisationsnummer."""

    org_number = models.CharField(_("organisationsnummer"), max_length=13, unique=True)
    identifier_kind = models.CharField(
        _("kind of number"),
        max_length=20,
        choices=IdentifierKind.choices,
        default=IdentifierKind.ORGANISATIONSNUMMER,
    )
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=150, blank=True)
    size_class = models.CharField(
        _("size (employees)"), max_length=6, choices=CompanySize.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        # The case list sorted by company (cases/sorting.py): companies in Swedish name order
        # (Å, Ä, Ö after Z; upper and lower case together), then their cases by the cases'
        # (company, id) index. Built on PostgreSQL only (migration 0023; SQLite has no ICU).
        indexes = [
            models.Index(
                Collate(F("name"), SWEDISH_COLLATION), F("id"), name="cases_company_name_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.org_number})"


class ContactPerson(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("company")
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
