"""Reference data and people for the generator: departments, doors, case types, officials and
companies. Everything is found by its natural key and created only when missing, so a second
run (or a database seeded with ``seed_demo``) is reused as it is. No randomness here: the rows
depend only on how many are asked for, so the stories drawn afterwards stay deterministic.
"""

from __future__ import annotations

import importlib

from django.contrib.auth.hashers import make_password
from django.db import connection

from accounts.demo import DEPARTMENTS
from accounts.models import Department, Membership, Role, User
from cases.demo_data import CASE_TYPES, CITIES, COMPANY_STEMS, CONTACT_NAMES, INDUSTRIES, ROLES
from cases.identifiers import luhn_check_digit
from cases.models import CaseSettings, CaseType, Company, ContactPerson, Door

BENCH_EMAIL_DOMAIN = "bench.example"
# Generated companies have organisationsnummer "54NN.." (the demo data and factories use 55..59).
BENCH_ORG_PREFIX = "54"
DOORS = importlib.import_module("cases.migrations.0002_seed_doors").DOORS
BATCH = 1000

FIRST_NAMES = ["Anna", "Erik", "Maria", "Johan", "Fatima", "Lars", "Sara", "Ahmed", "Karin",
               "Nils", "Emma", "Oskar", "Leila", "Per", "Ida", "Mohammed", "Elin", "Jonas",
               "Sofia", "Anders", "Hanna", "Ali", "Linnea", "Gustav"]  # fmt: skip
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
              "Persson", "Svensson", "Gustafsson", "Hassan", "Lindberg", "Jakobsson", "Holm",
              "Berg", "Ek", "Lund", "Sandberg", "Öberg", "Wik", "Falk", "Nyström"]  # fmt: skip
TITLES = {Role.AVDELNINGSCHEF: "Avdelningschef", Role.SAMORDNARE: "LOTS-samordnare",
          Role.LOTS: "Handläggare"}  # fmt: skip
# Officials per department with more than the lead and the coordinators.
SAMORDNARE_IN = {"naringsliv": 2, "kontaktcenter": 1}


def ensure_reference_data() -> tuple[dict, dict, dict]:
    """Departments, doors and case types by code (the demo seeders' codes and values)."""
    departments = {d.code: d for d in Department.objects.all()}
    for code, name, inbox in DEPARTMENTS:
        if code not in departments:
            departments[code] = Department.objects.create(
                code=code, name=name, inbox_email=f"{inbox}@exempelby.se"
            )
    doors = {d.code: d for d in Door.objects.all()}
    for position, (code, name) in enumerate(DOORS, start=1):
        if code not in doors:
            doors[code] = Door.objects.create(code=code, name=name, position=position)
    types = {t.code: t for t in CaseType.objects.select_related("lead_department")}
    for position, (code, name, lead, amount, unit, public) in enumerate(CASE_TYPES, 1):
        if code not in types:
            types[code] = CaseType.objects.create(
                code=code,
                name=name,
                lead_department=departments[lead],
                deadline_amount=amount,
                deadline_unit=unit,
                public_description=public,
                position=position,
            )
    CaseSettings.load()
    wanted_types = {code for code, *_rest in CASE_TYPES}
    wanted_departments = {code for code, *_rest in DEPARTMENTS}
    return (
        {c: d for c, d in departments.items() if c in wanted_departments},
        {c: d for c, d in doors.items() if c in {code for code, _name in DOORS}},
        {c: t for c, t in types.items() if c in wanted_types},
    )


def officials_per_department(cases: int) -> int:
    return 4 + min(10, cases // 2000)


def _role(code: str, index: int) -> str:
    if index == 0:
        return Role.AVDELNINGSCHEF
    if index <= SAMORDNARE_IN.get(code, 0):
        return Role.SAMORDNARE
    return Role.LOTS


def bench_email(code: str, index: int) -> str:
    return f"bench.{code}.{index:02d}@{BENCH_EMAIL_DOMAIN}"


def ensure_officials(departments: dict, per_department: int) -> dict[str, list[tuple[int, str]]]:
    """Generated officials (with an unusable password) and their memberships, by department:
    ``{code: [(user id, role), ...]}``. Existing ones are reused."""
    wanted = {}
    for d_index, code in enumerate(sorted(departments)):
        for index in range(per_department):
            n = d_index * 31 + index * 7
            wanted[bench_email(code, index)] = (code, index, n)
    existing = {u.email: u for u in User.objects.filter(email__in=list(wanted))}
    new_users = [
        User(
            email=email,
            full_name=f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[n % len(LAST_NAMES)]}",
            title=TITLES[_role(code, index)],
            password=make_password(None),
        )
        for email, (code, index, n) in wanted.items()
        if email not in existing
    ]
    User.objects.bulk_create(new_users, batch_size=BATCH)
    users = {u.email: u for u in User.objects.filter(email__in=list(wanted))}
    have = set(
        Membership.objects.filter(user__in=users.values()).values_list("user_id", "department_id")
    )
    memberships = []
    for email, (code, index, _n) in wanted.items():
        user, department = users[email], departments[code]
        if (user.pk, department.pk) not in have:
            memberships.append(
                Membership(user=user, department=department, role=_role(code, index))
            )
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    result: dict[str, list[tuple[int, str]]] = {code: [] for code in departments}
    for email, (code, index, _n) in sorted(wanted.items()):
        result[code].append((users[email].pk, _role(code, index)))
    return result


def bench_org_number(index: int) -> str:
    nine = f"{BENCH_ORG_PREFIX}{20 + index // 100000:02d}{index % 100000:05d}"
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def company_count(cases: int) -> int:
    return max(20, cases // 4)


def _company(index: int) -> Company:
    stem = COMPANY_STEMS[index % len(COMPANY_STEMS)]
    round_ = index // len(COMPANY_STEMS)
    city, postal_code = CITIES[round_ % len(CITIES)]
    name = stem if round_ == 0 else f"{stem} {city} {round_}"
    return Company(
        org_number=bench_org_number(index),
        name=f"{name} {'HB' if index % 11 == 3 else 'AB'}",
        street_address=f"Storgatan {index % 60 + 1}",
        postal_code=postal_code,
        city=city,
        industry=next((v for k, v in INDUSTRIES.items() if k in stem), "Handel och tjänster"),
    )


def ensure_companies(count: int) -> list[tuple[int, int]]:
    """``count`` generated companies, each with one contact: ``[(company id, contact id)]``."""
    numbers = [bench_org_number(i) for i in range(count)]
    existing = set(
        Company.objects.filter(org_number__in=numbers).values_list("org_number", flat=True)
    )
    Company.objects.bulk_create(
        [_company(i) for i, number in enumerate(numbers) if number not in existing],
        batch_size=BATCH,
    )
    ids = dict(Company.objects.filter(org_number__in=numbers).values_list("org_number", "pk"))
    with_contact = set(
        ContactPerson.objects.filter(company_id__in=ids.values()).values_list(
            "company_id", flat=True
        )
    )
    contacts = []
    for i, number in enumerate(numbers):
        if ids[number] in with_contact:
            continue
        first, last = CONTACT_NAMES[i % len(CONTACT_NAMES)]
        local = f"{first}.{last}.{i}".lower().translate(str.maketrans("öćåä", "ocaa"))
        contacts.append(
            ContactPerson(
                company_id=ids[number],
                name=f"{first} {last}",
                role=ROLES[i % len(ROLES)],
                email=f"{local}@foretag.example",
                phone=f"070-{100 + i % 900} {10 + i % 90} {10 + (i // 90) % 90}",
            )
        )
    ContactPerson.objects.bulk_create(contacts, batch_size=BATCH)
    first_contact = {}
    for company_id, contact_id in (
        ContactPerson.objects.filter(company_id__in=ids.values())
        .order_by("pk")
        .values_list("company_id", "pk")
    ):
        first_contact.setdefault(company_id, contact_id)
    return [(ids[number], first_contact[ids[number]]) for number in numbers]


def put_back_times(objects: list, field: str, times: list) -> None:
    """Set ``field`` (an ``auto_now_add`` column that ``bulk_create`` filled with the current
    time) to ``times``: one UPDATE from two arrays on PostgreSQL, ``bulk_update`` elsewhere."""
    if not objects:
        return
    for obj, at in zip(objects, times, strict=True):
        setattr(obj, field, at)
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objects, [field], batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(model._meta.get_field(field).column)
    pk = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS t SET {column} = v.at "  # noqa: S608 - names from the model
            f"FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::timestamptz[]) AS at) AS v "
            f"WHERE t.{pk} = v.id",
            [[obj.pk for obj in objects], list(times)],
        )
