"""The demo municipality's departments and people (part of `seed_demo`).

Idempotent: running it again updates the same rows by their natural keys.
"""

from collections.abc import Callable

from django.db import transaction

from .models import Department, Membership, Role, User

DEMO_PASSWORD = "lots-demo-2026"  # noqa: S105 - printed for the demo, refused outside DEBUG
DEMO_DOMAIN = "exempelby.se"

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


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def _ensure_user(local: str, full_name: str, title: str, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=_email(local), defaults={"full_name": full_name, "title": title, **flags}
    )
    changed = created
    for field, value in {"full_name": full_name, "title": title, **flags}.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        changed = True
    if changed:
        user.save()
    return user


@transaction.atomic
def seed(report: Callable[[str], None]) -> None:
    departments = {}
    for code, name, inbox in DEPARTMENTS:
        departments[code], _ = Department.objects.update_or_create(
            code=code, defaults={"name": name, "inbox_email": _email(inbox), "is_active": True}
        )
    for local, full_name, title, places in PEOPLE:
        user = _ensure_user(local, full_name, title)
        for code, role in places:
            Membership.objects.update_or_create(
                user=user, department=departments[code], defaults={"role": role}
            )
    local, full_name, title = ADMIN
    _ensure_user(local, full_name, title, is_staff=True, is_superuser=True)

    report(f"Demo municipality: {len(DEPARTMENTS)} departments, {len(PEOPLE)} officials.")
    report(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    report(f"  administrator:      {_email(ADMIN[0])}")
    report(f"  LOTS coordinator:   {_email('johan.ek')}")
    report(f"  reception (lots):   {_email('anna.reception')}")
    report(f"  food inspector:     {_email('ali.karimi')}")
    report(f"  department lead:    {_email('sara.lind')}")
