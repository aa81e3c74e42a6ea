"""The demo municipality's reference data and the two sizes the generator writes at.

Plain data, defined once: the departments and named demo officials of ``seed_demo``, the weights
of the doors and case types every generated case is drawn with, and the two profiles (the demo
municipality at demo size, the bench at volume) that differ only in numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Role

DEMO_PASSWORD = "lots-demo-2026"  # noqa: S105 - printed for the demo, refused outside DEBUG
DEMO_DOMAIN = "exempelby.se"
BENCH_EMAIL_DOMAIN = "bench.example"

# (code, name, inbox local part)
DEPARTMENTS = [
    ("naringsliv", "Näringsliv", "naringsliv"),
    ("samhallsbyggnad", "Samhällsbyggnad", "bygglov"),
    ("miljo", "Miljö- och hälsoskydd", "miljo"),
    ("tillstand", "Tillstånd och alkohol", "tillstand"),
    ("teknik", "Teknik och gata", "teknik"),
    ("raddning", "Räddningstjänst", "raddningstjansten"),
    ("kontaktcenter", "Kontaktcenter och reception", "kontaktcenter"),
    ("kommunledning", "Kommunledningskontoret", "kommunen"),
]

# (e-mail local part, full name, title, [(department code, role), ...])
PEOPLE = [
    ("sara.lind", "Sara Lind", "Näringslivschef", [("naringsliv", Role.AVDELNINGSCHEF)]),
    ("johan.ek", "Johan Ek", "LOTS-samordnare", [("naringsliv", Role.SAMORDNARE)]),
    ("amira.hassan", "Amira Hassan", "Näringslivsutvecklare", [("naringsliv", Role.LOTS)]),
    ("lars.berg", "Lars Berg", "Bygglovschef", [("samhallsbyggnad", Role.AVDELNINGSCHEF)]),
    ("karin.sjoberg", "Karin Sjöberg", "Bygglovshandläggare", [("samhallsbyggnad", Role.LOTS)]),
    ("erik.nyman", "Erik Nyman", "Byggnadsinspektör", [("samhallsbyggnad", Role.LOTS)]),
    ("maria.holm", "Maria Holm", "Stadsarkitekt", [("samhallsbyggnad", Role.LOTS)]),
    ("petra.wik", "Petra Wik", "Miljöchef", [("miljo", Role.AVDELNINGSCHEF)]),
    ("ali.karimi", "Ali Karimi", "Livsmedelsinspektör", [("miljo", Role.LOTS)]),
    ("lena.strom", "Lena Ström", "Miljöinspektör", [("miljo", Role.LOTS)]),
    ("nils.dahl", "Nils Dahl", "Hälsoskyddsinspektör", [("miljo", Role.LOTS)]),
    ("eva.lund", "Eva Lund", "Alkoholhandläggare", [("tillstand", Role.LOTS)]),
    ("oskar.falk", "Oskar Falk", "Tillståndshandläggare", [("tillstand", Role.LOTS)]),
    ("ingrid.moberg", "Ingrid Moberg", "Gatuchef", [("teknik", Role.AVDELNINGSCHEF)]),
    ("david.persson", "David Persson", "Handläggare markupplåtelse", [("teknik", Role.LOTS)]),
    ("henrik.aberg", "Henrik Åberg", "Brandinspektör", [("raddning", Role.LOTS)]),
    ("sofia.nilsson", "Sofia Nilsson", "Tillsynsförrättare", [("raddning", Role.LOTS)]),
    ("anna.reception", "Anna Andersson", "Receptionist", [("kontaktcenter", Role.LOTS)]),
    ("mikael.jonsson", "Mikael Jonsson", "Kommunvägledare", [("kontaktcenter", Role.LOTS)]),
    (
        "fatima.ali",
        "Fatima Ali",
        "Kontaktcenterchef",
        [("kontaktcenter", Role.AVDELNINGSCHEF), ("naringsliv", Role.LOTS)],
    ),
    ("gustav.olsson", "Gustav Olsson", "Kommundirektör", [("kommunledning", Role.AVDELNINGSCHEF)]),
    ("elin.sandberg", "Elin Sandberg", "Upphandlare", [("kommunledning", Role.LOTS)]),
]

ADMIN = ("admin", "Alex Admin", "Systemförvaltare")

# How cases come in and what they are about: the one place these weights live.
DOOR_WEIGHTS = {
    "reception": 4,
    "phone": 6,
    "email": 5,
    "visit": 2,
    "company_visit": 2,
    "public_form": 4,
    "other": 1,
}
TYPE_WEIGHTS = {
    "etablering": 20,
    "livsmedel": 18,
    "bygglov": 16,
    "markupplatelse": 12,
    "startbesked": 10,
    "servering": 8,
    "miljofarlig": 8,
    "brandfarlig": 5,
}


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class Profile:
    """What differs between the demo municipality and the bench: sizes, never rules."""

    name: str
    span_days: int  # cases open over this many days before today
    trend: float  # the last day is (1 + trend) times as busy as the first
    org_prefix: str  # generated organisationsnummer start with these two digits
    sole_trader_every: int  # every n-th company is an enskild firma (0: none)
    answer_share: float  # of the invited businesses, the share that answers the survey
    training: bool  # course results for the officials (the demo plays its own through services)
    cases_per_company: int

    def company_count(self, cases: int) -> int:
        return max(20, cases // self.cases_per_company)


DEMO = Profile(
    name="demo",
    span_days=365,
    trend=3.0,
    org_prefix="53",
    sole_trader_every=19,
    answer_share=0.75,
    training=False,
    cases_per_company=5,
)
BENCH = Profile(
    name="bench",
    span_days=730,
    trend=0.3,
    org_prefix="54",
    sole_trader_every=0,
    answer_share=0.42,
    training=True,
    cases_per_company=4,
)
DEMO_CASES = 300
